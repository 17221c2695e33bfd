package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code @MigrationTest(initScripts = ...)}: the roles, the schema owned by one of them and the extension the chain
 * needs exist before its first migration, as the deployment makes them before Flyway.
 */
@MigrationTest(locations = "classpath:db/ledger", initScripts = "classpath:init/roles.sql")
class InitScriptTests {

  @Test
  void theChainRunsOnTheSetUpOfItsDeployment(MigratedDatabase db) {
    assertThat(db.version()).isEqualTo("1");
    assertThat(db.queryForValue("select nspowner::regrole::text from pg_namespace where nspname = 'ledger'"))
        .isEqualTo("ledger_owner");
    assertThat(db.queryForValue("select has_table_privilege('ledger_reader', 'ledger.entries', 'select')"))
        .isEqualTo(true);
    db.execute("insert into ledger.entries values (1, tstzrange(now(), now() + interval '1 day'))");
    assertThat(db.queryForValue("select count(*) from ledger.entries")).isEqualTo(1L);
    // OtherInitScriptTests, on the same server, has an audit schema from its second script; this class has none
    assertThat(db.queryForValue("select count(*) from pg_namespace where nspname = 'audit'")).isEqualTo(0L);
  }
}
