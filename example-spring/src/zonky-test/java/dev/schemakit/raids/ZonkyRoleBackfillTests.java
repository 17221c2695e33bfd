package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** RoleBackfillTests the usual way: Spring's Flyway stops at version 2, the test migrates on by hand. */
@SpringBootTest
@AutoConfigureEmbeddedDatabase(provider = AutoConfigureEmbeddedDatabase.DatabaseProvider.ZONKY)
@TestPropertySource(properties = "spring.flyway.target=2")
class ZonkyRoleBackfillTests {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  Flyway flyway;

  @Autowired
  SignupRepository signups;

  @Test
  void rolesAreNormalisedAndTheCheckHolds() {
    jdbc.execute("insert into raids (name, starts_at) values ('Onyxia', now())");
    jdbc.execute("insert into signups (raid_id, player, role) select id, p.player, p.role from raids,"
        + " (values ('ada', ' Tank'), ('grace', 'HEALER'), ('linus', 'hunter')) as p (player, role)");

    Flyway.configure().configuration(flyway.getConfiguration()).target("4").load().migrate();

    assertThat(signups.findAll()).extracting(s -> s.getPlayer() + ":" + s.getRole())
        .containsExactlyInAnyOrder("ada:tank", "grace:healer", "linus:dps");
  }
}
