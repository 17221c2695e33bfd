/**
 * The JUnit 5 extension: {@link dev.schemakit.testkit.MigrationTest}, the {@link
 * dev.schemakit.testkit.MigratedDatabase} it injects, its settings files, the {@link
 * dev.schemakit.testkit.MigrationSuite} and the stairway as dynamic tests. A thin layer on the modules below it;
 * schemakit-testkit is the one dependency a service adds for its tests.
 */
package dev.schemakit.testkit;
