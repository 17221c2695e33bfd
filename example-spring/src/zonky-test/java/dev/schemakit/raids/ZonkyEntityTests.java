package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.test.context.TestPropertySource;

/** EntityDriftTests the usual way: Hibernate's validate on start (entities against the database only). */
@DataJpaTest
@AutoConfigureEmbeddedDatabase(provider = AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY)
@TestPropertySource(properties = "spring.jpa.hibernate.ddl-auto=validate")
class ZonkyEntityTests {

  @Autowired
  RaidRepository raids;

  @Test
  void hibernateValidatedTheMapping() {
    assertThat(raids.count()).isZero();
  }
}
