package dev.schemakit.flyway;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.model.Messages;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Runs Flyway on one database and turns its failures into one message that names the file, line,
 * statement and what the database said.
 */
public final class Migrator {

  // PostgreSQL 15+: extension "x" is not available; before: could not open extension control file ".../x.control"
  private static final Pattern MISSING_EXTENSION =
      Pattern.compile("extension \"([^\"]+)\" is not available|extension control file \"[^\"]*/([^/\"]+)\\.control\"");

  private static final Pattern MISSING_ROLE_OR_SCHEMA = Pattern.compile("(role|schema) \"([^\"]+)\" does not exist");


  private Migrator() {
  }

  /**
   * Migrates a database up to a version.
   *
   * @param settings the service's Flyway settings
   * @param dataSource the database
   * @param database how to name the database in a message (a JDBC URL without password)
   * @param target the version to stop at; {@link Version#EMPTY} does nothing
   * @throws MigrationException when a migration fails
   */
  public static void migrate(MigrationSettings settings, DataSource dataSource, String database,
      Version target) {
    migrate(settings, dataSource, database, target, null);
  }

  /**
   * Migrates a database up to a version on the way to another: a message then names the version asked for
   * and, apart, the step that failed.
   *
   * @param requested the version the caller asked for, or {@code null} when it is {@code target}
   * @throws MigrationException when a migration fails
   */
  public static void migrate(MigrationSettings settings, DataSource dataSource, String database,
      Version target, Version requested) {
    if (target.equals(Version.EMPTY)) {
      return;
    }
    run(settings, settings.flyway(dataSource, target.getVersion()), database, target, requested);
  }

  /**
   * Migrates a database of a chain up to a version through Flyway alone, with the chain's baseline migrations where
   * they apply ({@link MigrationChain#baselineFor}).
   *
   * @throws MigrationException when a migration fails
   */
  public static void migrateByFlyway(MigrationChain chain, DataSource dataSource, String database,
      Version target) {
    if (!target.equals(Version.EMPTY)) {
      run(MigrationSettings.of(chain.settings()), MigrationSettings.of(chain.settings()).flyway(dataSource, target.getVersion(), chain.baselinesApply(target)),
          database, target, null);
    }
  }

  /** Runs Flyway up to the version it was configured with; a failure is described as reaching {@code target}. */
  private static void run(MigrationSettings settings, Flyway flyway, String database, Version target,
      Version requested) {
    try {
      flyway.migrate();
    } catch (FlywayException e) {
      throw new MigrationException(describe(e, database, target, requested, scriptRead(e, flyway))
          + javaMigrationsNotRun(settings, target), e);
    } catch (LinkageError e) {
      // a Java migration that uses a class its jar needs but the class path lacks: Flyway lets the error through
      throw new MigrationException("Migrating " + database + " to version '" + target.getVersion() + "' failed: "
          + running(flyway) + " needs " + e.getMessage().replace('/', '.') + ", which is not on the class path ("
          + e.getClass().getSimpleName() + "). Give --classes the project's runtime class path: its classes with"
          + " the jars they use (mvn dependency:copy-dependencies writes them to target/dependency).", e);
    }
  }

  /** The migration Flyway was running when it stopped: the first pending one, as every one before it applied. */
  private static String running(Flyway flyway) {
    try {
      MigrationInfo[] pending = flyway.info().pending();
      return pending.length == 0 ? "a Java migration" : "the Java migration " + pending[0].getScript() + " (version '"
          + pending[0].getVersion().getVersion() + "')";
    } catch (FlywayException | IllegalStateException | LinkageError unknown) {
      return "a Java migration";
    }
  }

  /**
   * When the project has Java migrations below the version that failed that are not on the class path given, the
   * failing statement may well be right: say which did not run, and how to run them.
   */
  private static String javaMigrationsNotRun(MigrationSettings settings, Version target) {
    List<String> before = settings.javaMigrationsNotRun().entrySet().stream()
        .filter(entry -> Version.fromVersion(entry.getKey()).compareTo(target) <= 0)
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Version::fromVersion)))
        .map(Map.Entry::getValue).toList();
    if (before.isEmpty()) {
      return "";
    }
    return "\nJava migrations at or below version '" + target.getVersion() + "' did not run, because their classes are"
        + " not on the class path: " + String.join(", ", before) + ". The statement may be right and need them:"
        + " compile the project and give --classes target/classes (with the jars they need) and their location"
        + " (--migrations classpath:<their package>).";
  }

  /**
   * The migration whose script Flyway could not read or take (a statement it refuses, such as transactional and
   * non-transactional ones mixed): Flyway's message names the line but not the file. It is the next one pending,
   * as every migration before it in the run was applied.
   */
  private static MigrationInfo scriptRead(FlywayException failure, Flyway flyway) {
    if (!FlywayInternals.failedReadingAScript(failure)) {
      return null;
    }
    try {
      MigrationInfo[] pending = flyway.info().pending();
      return pending.length == 0 ? null : pending[0];
    } catch (FlywayException | IllegalStateException unknown) {
      return null;
    }
  }

  /**
   * Migrates a database of a chain from the version it is at up to another: plain SQL migrations go directly,
   * as Flyway would apply them but without its overhead per run and per migration (see docs/migration-test.md, "How
   * migrations are applied"); Flyway applies the rest, and reports every failure.
   *
   * @param from the version the database is at (its history's newest row)
   * @param requested the version the caller asked for, or {@code null} when it is {@code target}
   * @throws MigrationException when a migration fails
   */
  public static void migrate(MigrationChain chain, DataSource dataSource, String database, Version from,
      Version target, Version requested) {
    if (target.equals(Version.EMPTY)) {
      if (chain.versions().isEmpty() && !(chain.repeatable().isEmpty() && chain.callbacks().isEmpty())) {
        // a location of repeatable migrations only (R__initial_schema.sql): its latest is Flyway's latest
        run(MigrationSettings.of(chain.settings()), MigrationSettings.of(chain.settings()).flyway(dataSource, null), database, target, requested);
      }
      return;
    }
    Version start = from;
    if (start.equals(Version.EMPTY) && DirectMigrations.appliesTo(chain)
        && chain.fromEmpty(target).size() > 1) {
      // Flyway makes its history table (and the schemas it manages) with the first migration, the baseline one when
      // there is one; the rest can go directly. A failure reads as the whole run's would: it too would have failed
      // right there.
      Version first = chain.fromEmpty(target).get(0).version();
      run(MigrationSettings.of(chain.settings()), MigrationSettings.of(chain.settings()).flyway(dataSource, first.getVersion(), chain.baselinesApply(target)),
          database, target, requested);
      start = first;
    }
    Version origin = start;
    Version reached = DirectMigrations.apply(chain, dataSource, start, target);
    // a migration the direct path leaves to Flyway (CREATE INDEX CONCURRENTLY, a Java migration) is run by Flyway
    // alone, and the direct path goes on after it; once the direct path goes no further, Flyway runs the rest. Each
    // Flyway run costs ~50 ms on a 260-migration chain; each migration it runs ~6 ms against ~2 ms directly.
    while (!reached.equals(start) && !reached.equals(target)) {
      Version after = reached;
      Version next = chain.versioned().stream().map(Migration::version)
          .filter(v -> v.compareTo(after) > 0 && v.compareTo(target) <= 0).findFirst().orElse(null);
      if (next == null) {
        break;
      }
      run(MigrationSettings.of(chain.settings()), MigrationSettings.of(chain.settings()).flyway(dataSource, next.getVersion(), chain.baselinesApply(target)),
          database, target, requested);
      start = next;
      reached = next.equals(target) ? next : DirectMigrations.apply(chain, dataSource, next, target);
    }
    if (!reached.equals(target) || origin.equals(target)) {
      run(MigrationSettings.of(chain.settings()), MigrationSettings.of(chain.settings()).flyway(dataSource, target.getVersion(), chain.baselinesApply(target)),
          database, target, requested);
    }
  }

  private static String describe(FlywayException failure, String database, Version target,
      Version requested, MigrationInfo unreadable) {
    String doing = requested == null || requested.equals(target)
        ? "Migrating " + database + " to version '" + target.getVersion() + "'"
        : "Migrating " + database + " to version '" + requested.getVersion() + "' (step: the template of version '"
            + target.getVersion() + "' on the way)";
    FlywayInternals.ScriptFailure script = FlywayInternals.scriptFailure(failure).orElse(null);
    if (script != null) {
      String file = script.resource() == null ? "a migration" : script.resource().getFilename();
      String path = script.resource() == null ? "" : " (" + script.resource().getAbsolutePath() + ")";
      String said = script.cause() instanceof SQLException sql ? Messages.firstLine(sql.getMessage())
          + (sql.getSQLState() == null ? "" : " [SQL state " + sql.getSQLState() + "]") : script.message();
      String missing = script.cause() instanceof SQLException sql ? missingExtension(sql.getMessage()) : null;
      return doing + " failed in " + file + path + " at line " + script.line() + ": " + said
          + "\nStatement:\n  " + script.statement().strip().replace("\n", "\n  ")
          + (missing != null ? "\n" + extensionFix(missing)
              : madeOutsideTheChain(said) != null ? "\n" + madeOutsideTheChain(said)
              : "\nFix that statement in " + file + "; if this migration is already released, add a new one instead.");
    }
    if (unreadable != null && unreadable.getScript() != null) {
      String file = unreadable.getScript().substring(unreadable.getScript().lastIndexOf('/') + 1);
      String path = unreadable.getPhysicalLocation() == null || unreadable.getPhysicalLocation().isBlank() ? ""
          : " (" + unreadable.getPhysicalLocation() + ")";
      return doing + " failed in " + file + path + ": " + failure.getMessage().strip()
          + "\nFix " + file + "; if this migration is already released, add a new one instead.";
    }
    return doing + " failed: " + failure.getMessage().strip();
  }

  /** The extension a server said it does not have ({@code CREATE EXTENSION postgis} on the embedded binaries). */
  static String missingExtension(String message) {
    if (message == null) {
      return null;
    }
    Matcher matcher = MISSING_EXTENSION.matcher(message);
    return matcher.find() ? (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) : null;
  }

  /**
   * A role or schema the statement needs that no migration makes: a deployment makes those before Flyway runs, so
   * the way forward is an init script, not a change to the migration.
   */
  static String madeOutsideTheChain(String said) {
    Matcher matcher = MISSING_ROLE_OR_SCHEMA.matcher(said);
    if (!matcher.find()) {
      return null;
    }
    return "The " + matcher.group(1) + " '" + matcher.group(2) + "' is not made by the migrations; if the deployment"
        + " makes it before Flyway runs, give that set-up as an init script, run before the first migration:"
        + " @MigrationTest(initScripts = \"classpath:db/init.sql\"), schemakit.initScripts, --init-script FILE on the"
        + " command line, <initScripts> in the Maven plugin.";
  }

  private static String extensionFix(String extension) {
    return "The server has no extension '" + extension + "': the embedded PostgreSQL binaries carry PostgreSQL's own"
        + " contrib extensions (pgcrypto, citext, hstore, pg_trgm, ...), not PostGIS, pgvector or TimescaleDB. Run the"
        + " chain on a server that has it: a container image with it (@MigrationTest(provider = Provider.TESTCONTAINERS,"
        + " image = \"postgis/postgis:16-3.5\"), or schemakit.testcontainers.image), or an existing server"
        + " (provider EXTERNAL with schemakit.external.url; --url on the command line).";
  }
}
