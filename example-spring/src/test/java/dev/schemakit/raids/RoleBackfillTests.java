package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole application at version 2, with roles typed by hand; V3 normalises them, V4 validates the check. */
@SpringBootTest
@MigrationTest(target = "2")
class RoleBackfillTests {

  @Test
  void rolesAreNormalisedAndTheCheckHolds(MigratedDatabase db, @Autowired SignupRepository signups) {
    db.execute("insert into raids (name, starts_at) values ('Onyxia', now())");
    db.execute("insert into signups (raid_id, player, role) select id, p.player, p.role from raids,"
        + " (values ('ada', ' Tank'), ('grace', 'HEALER'), ('linus', 'hunter')) as p (player, role)");

    db.migrateTo("4");

    assertThat(signups.findAll()).extracting(s -> s.getPlayer() + ":" + s.getRole())
        .containsExactlyInAnyOrder("ada:tank", "grace:healer", "linus:dps");
    assertThat(db.queryForValue("select convalidated from pg_constraint where conname = 'signups_role_known'"))
        .isEqualTo(true);
  }
}
