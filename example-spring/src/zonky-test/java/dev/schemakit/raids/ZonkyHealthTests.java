package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** HealthTests the usual way. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureEmbeddedDatabase(provider = AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY)
class ZonkyHealthTests {

  @Autowired
  TestRestTemplate http;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void theSchemaIsHealthyAtTheLatestVersion() {
    jdbc.execute("insert into raids (name, starts_at) values ('Naxxramas', now() + interval '1 day')");
    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode().value()).as(health.getBody()).isEqualTo(200);
    assertThat(http.getForObject("/raids", String.class)).contains("\"name\":\"Naxxramas\"");
  }

  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @AutoConfigureEmbeddedDatabase(provider = AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY)
  @TestPropertySource(properties = "spring.flyway.target=3")
  @Nested
  class OneMigrationBehind {
    @Autowired
    TestRestTemplate behind;

    @Test
    void aPendingMigrationTurnsTheSchemaDown() {
      assertThat(behind.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(503);
    }
  }
}
