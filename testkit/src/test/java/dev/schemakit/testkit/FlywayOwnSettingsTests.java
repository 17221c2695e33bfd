package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @MigrationTest} reads Flyway's settings where Flyway's command line (and schemakit's CLI and plugin) find
 * them: here a {@code -Dflyway.placeholders.*} property, which a fixture without placeholders of its own migrates with.
 */
class FlywayOwnSettingsTests {

  @AfterEach
  void clear() {
    System.clearProperty("flyway.placeholders.currency");
  }

  @Test
  void aFlywaySystemPropertyIsTheClassesSetting() {
    System.setProperty("flyway.placeholders.currency", "CHF");
    MigrationTestExtensionTests.run(RepeatableWithoutPlaceholdersTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @MigrationTest(locations = "classpath:db/repeatable")
  static class RepeatableWithoutPlaceholdersTestCases {

    @Test
    void theCurrencyIsTheOneFlywayWasGiven(MigratedDatabase db) {
      db.execute("insert into items (id, price) values (1, 9.5)");
      assertThat(db.queryForValue("select currency from items")).isEqualTo("CHF");
    }
  }
}
