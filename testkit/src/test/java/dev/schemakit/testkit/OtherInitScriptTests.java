package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A second class on the same server as {@link InitScriptTests}, with one more init script: its database has what
 * both scripts make, the other class's only what its one makes, and the roles both make are made once.
 */
@MigrationTest(locations = "classpath:db/ledger",
    initScripts = {"classpath:init/roles.sql", "classpath:db/ledger-init/audit.sql"})
class OtherInitScriptTests {

  @Test
  void itsDatabaseHasWhatBothOfItsScriptsMake(MigratedDatabase db) {
    assertThat(db.queryForValue("select count(*) from pg_namespace where nspname in ('ledger', 'audit')"))
        .isEqualTo(2L);
    assertThat(db.queryForValue("select has_schema_privilege('audit_writer', 'audit', 'usage')")).isEqualTo(true);
  }
}
