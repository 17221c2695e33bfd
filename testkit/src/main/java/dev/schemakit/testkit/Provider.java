package dev.schemakit.testkit;

/** Where {@link MigrationTest} databases live. For users. */
public enum Provider {
  /**
   * {@code schemakit.provider} when set; otherwise {@link #EXTERNAL} when {@code schemakit.external.url}
   * is set, {@link #TESTCONTAINERS} when an image is set, else {@link #EMBEDDED}.
   */
  AUTO,
  /** PostgreSQL binaries from Maven Central, one server per JVM: no Docker, nothing to install. */
  EMBEDDED,
  /**
   * An existing server: {@code schemakit.external.url} (with {@code .user}, {@code .password}), or
   * {@code SCHEMAKIT_EXTERNAL_URL} etc. Needs CREATEDB; creates and drops only {@code schemakit_*} databases.
   */
  EXTERNAL,
  /** A Testcontainers {@code PostgreSQLContainer}, one per image per JVM; image from {@code schemakit.testcontainers.image}. */
  TESTCONTAINERS,
  /**
   * SQLite: each class gets a database file copied from a cached per-version template file. Needs
   * {@code org.xerial:sqlite-jdbc}; contracts name the schema {@code main}.
   */
  SQLITE
}
