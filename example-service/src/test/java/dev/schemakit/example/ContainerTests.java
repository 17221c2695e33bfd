package dev.schemakit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.ContainerPostgres;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.testkit.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The same migrations on PostgreSQL 15 in a Testcontainers container. Runs where Docker has a postgres:15
 * image (CI: .ci/run sets SCHEMAKIT_REQUIRE_DOCKER=true, and then it must run); skipped elsewhere.
 */
@MigrationTest(provider = Provider.TESTCONTAINERS, image = "postgres:15")
@EnabledIf("dockerIsThere")
class ContainerTests {

  static boolean dockerIsThere() {
    return "true".equals(System.getenv("SCHEMAKIT_REQUIRE_DOCKER")) || ContainerPostgres.startsOffline("postgres:15");
  }

  @Test
  void theMigrationsRunOnPostgres15InAContainer(MigratedDatabase db) {
    assertThat((String) db.queryForValue("show server_version")).startsWith("15.");
    assertThat(db.version()).isEqualTo("9");
    assertThat(db.queryForValue("select relrowsecurity from pg_class where relname = 'guild_permissions'"))
        .isEqualTo(true);
  }
}
