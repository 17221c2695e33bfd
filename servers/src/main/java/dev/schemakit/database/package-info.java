/**
 * PostgreSQL servers to run migrations on: the embedded one (binaries from Maven Central, a cache shared by JVMs,
 * warm start), a Testcontainers container, an existing server. Part of schemakit-servers, which depends on no
 * other schemakit module.
 */
package dev.schemakit.database;
