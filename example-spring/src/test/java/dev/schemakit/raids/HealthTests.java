package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The running service over HTTP: the REST API, and /actuator/health with the schema check. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@MigrationTest
class HealthTests {

  @Autowired
  TestRestTemplate http;

  @Test
  void theSchemaIsHealthyAtTheLatestVersion(MigratedDatabase db) {
    db.execute("insert into raids (name, starts_at) values ('Naxxramas', now() + interval '1 day')");

    ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode().value()).as(health.getBody()).isEqualTo(200);
    assertThat(health.getBody()).contains("\"schema\":{\"status\":\"UP\"", "\"currentVersion\":\"4\"",
        "\"drift\":\"0 error(s)\"");
    assertThat(http.getForObject("/raids", String.class)).contains("\"name\":\"Naxxramas\"");
  }

  /** The service on a database one migration behind (V4 pending): the schema component is down. */
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @MigrationTest(target = "3")
  @Nested
  class OneMigrationBehind {
    @Autowired
    TestRestTemplate behind;

    @Test
    void aPendingMigrationTurnsTheSchemaDown() {
      ResponseEntity<String> health = behind.getForEntity("/actuator/health", String.class);
      assertThat(health.getStatusCode().value()).isEqualTo(503);
      assertThat(health.getBody()).contains("\"schema\":{\"status\":\"DOWN\"", "\"pending\":[\"4\"]");
    }
  }
}
