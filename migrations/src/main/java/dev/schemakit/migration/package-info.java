/**
 * Flyway migration chains: scanned from the locations, with Flyway's settings, run by Flyway or directly, checked
 * (gaps, duplicates, edits of released scripts against the lock file), undone by their undo scripts. Part of
 * schemakit-migrations.
 */
package dev.schemakit.migration;
