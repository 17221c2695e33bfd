/**
 * A live database read into the model: the pg_catalog reader for PostgreSQL, SchemaCrawler for others, SQLite; and
 * the normaliser that writes expressions as PostgreSQL does. Part of schemakit-snapshot.
 */
package dev.schemakit.snapshot;
