package dev.schemakit.bookshop;

import dev.schemakit.testkit.MigrationSuite;
import dev.schemakit.testkit.MigrationTest;

/**
 * The suite on the changelog as production runs it (context prod): the lock of released changesets (release 1.0),
 * the upgrade from empty, every changeset rolled back and applied again, and the deploy safety of those after 1.0.
 */
@MigrationTest(changelog = "classpath:db/changelog/db.changelog-master.yaml", contexts = "prod")
class BookshopMigrationSuiteTests extends MigrationSuite {
}
