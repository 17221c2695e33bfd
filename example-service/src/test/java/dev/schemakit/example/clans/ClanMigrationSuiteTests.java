package dev.schemakit.example.clans;

import dev.schemakit.testkit.MigrationSuite;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.testkit.Provider;
import java.nio.file.Path;

/** The migration suite on SQLite: chain, lock, upgrade from empty, and the stairway through a table rebuild. */
@MigrationTest(provider = Provider.SQLITE, locations = "classpath:db/clans")
class ClanMigrationSuiteTests extends MigrationSuite {

  @Override
  protected boolean requireUndo() {
    return true;
  }

  @Override
  protected Path lockFile() {
    return Path.of("contracts-clans/schemakit.lock");
  }
}
