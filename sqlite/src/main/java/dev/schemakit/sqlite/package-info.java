/**
 * SQLite databases migrated to any version, as copies of cached template files. Part of schemakit-sqlite.
 */
package dev.schemakit.sqlite;
