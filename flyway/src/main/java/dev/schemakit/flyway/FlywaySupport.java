package dev.schemakit.flyway;

import dev.schemakit.chain.Version;

/**
 * What the Flyway on the class path supports. A Flyway older than the PostgreSQL it migrates warns on every run
 * ("PostgreSQL 18.1 is newer than this version of Flyway ... The latest supported version of PostgreSQL is 17"):
 * Spring Boot 3.5 brings Flyway 11.7, which knows PostgreSQL up to 17.
 */
public final class FlywaySupport {

  /** The first Flyway release known to support PostgreSQL 18 (11.7.2 supports 17; 11.14.1 supports 18). */
  private static final Version SUPPORTS_18 = Version.fromVersion("11.14");

  private FlywaySupport() {
  }

  /** A version of Flyway's as schemakit's own; {@code null} stays {@code null} (a repeatable migration has none). */
  static Version ours(org.flywaydb.core.api.MigrationVersion version) {
    return version == null ? null : Version.fromVersion(version.getVersion());
  }

  /** Flyway's version as its jar says it, e.g. {@code 11.7.2}; empty when the jar does not say. */
  public static String version() {
    return FlywayInternals.version();
  }

  /**
   * The newest PostgreSQL major this Flyway supports, at most {@code newest}: 17 for Flyway before 11.14, else
   * {@code newest}. An unreadable version counts as new.
   */
  public static int newestPostgresMajor(int newest) {
    String version = version();
    try {
      return !version.isEmpty() && Version.fromVersion(version).compareTo(SUPPORTS_18) < 0
          ? Math.min(newest, 17) : newest;
    } catch (RuntimeException e) {
      return newest;
    }
  }
}
