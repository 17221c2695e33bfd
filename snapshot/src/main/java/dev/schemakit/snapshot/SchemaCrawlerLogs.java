package dev.schemakit.snapshot;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SchemaCrawler reports every crawl step at INFO through {@code java.util.logging}: a snapshot per test class, or a
 * benchmark's crawls, would flood the build log. Its warnings still show; a user can lower the level again. The
 * loggers are held here: {@code java.util.logging} keeps only weak references, and a level set on a logger that is
 * collected is lost.
 */
final class SchemaCrawlerLogs {

  private static final Logger SCHEMACRAWLER = Logger.getLogger("schemacrawler");
  private static final Logger UTILITIES = Logger.getLogger("us.fatehi");

  static {
    SCHEMACRAWLER.setLevel(Level.WARNING);
    UTILITIES.setLevel(Level.WARNING);
  }

  private SchemaCrawlerLogs() {
  }

  /** Makes sure the levels are set: the first call loads this class. */
  static void warningsOnly() {
    // the static initializer did the work
  }
}
