package dev.schemakit.maven;

import org.apache.maven.plugin.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Flyway's log lines through Maven's log instead of {@code java.util.logging} on stderr (two raw lines per message,
 * "Dec 03, 2026 9:08:45 AM org.flywaydb..." and "INFO: ..."). What Flyway says while a goal migrates a scratch
 * database (its history table, each version applied) is detail: at [DEBUG], or at [INFO] with {@code verbose}.
 * Its warnings stay [WARNING]. Its errors go to [DEBUG] too: every failure reaches the goal as an exception,
 * which the goal reports once, at [ERROR], with the file, line and statement.
 */
final class FlywayMavenLog implements LogCreator {

  private final Log log;
  private final boolean verbose;

  private FlywayMavenLog(Log log, boolean verbose) {
    this.log = log;
    this.verbose = verbose;
  }

  /**
   * Routes Flyway's log in this plugin's class loader to a goal's log. It is Flyway's fallback, what it takes where
   * it finds no SLF4J, Log4j 2 or Commons Logging of its own (where it finds one, that one speaks through Maven too);
   * a fixed creator would not do, each new Flyway instance chooses again. Flyway's loggers ask for their target on
   * every line, so those created before follow.
   */
  static void routeTo(Log log, boolean verbose) {
    LogFactory.setFallbackLogCreator(new FlywayMavenLog(log, verbose));
  }

  @Override
  public org.flywaydb.core.api.logging.Log createLogger(Class<?> source) {
    return new org.flywaydb.core.api.logging.Log() {
      @Override
      public boolean isDebugEnabled() {
        return log.isDebugEnabled();
      }

      @Override
      public void debug(String message) {
        log.debug("Flyway: " + message);
      }

      @Override
      public void info(String message) {
        detail(message);
      }

      @Override
      public void warn(String message) {
        log.warn("Flyway: " + message);
      }

      @Override
      public void error(String message) {
        detail(message);
      }

      @Override
      public void error(String message, Exception cause) {
        detail(message + " (" + cause + ")"); // the goal reports the failure itself, with its causes under verbose
      }

      @Override
      public void notice(String message) {
        detail(message);
      }

      private void detail(String message) {
        if (verbose) {
          log.info("Flyway: " + message);
        } else {
          log.debug("Flyway: " + message);
        }
      }
    };
  }
}
