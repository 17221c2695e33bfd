package dev.schemakit.example;

import dev.schemakit.testkit.MigrationSuite;

/**
 * The migration suite in one line: chain checks, the lock on released migrations (schemakit.lock), upgrade
 * from empty, and the stairway through every undo script.
 */
class GuildMigrationSuiteTests extends MigrationSuite {

  @Override
  protected boolean requireUndo() {
    return true;
  }
}
