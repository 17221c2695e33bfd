package dev.schemakit.flyway;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.model.Names;
import dev.schemakit.sql.SqlScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies plain SQL migrations to a PostgreSQL database whose history is known, as Flyway would, without Flyway's
 * cost per run (scanning, resolving, reading the whole history) and per migration (its history read again before
 * each one): each script in a transaction of its own, with the search path and role Flyway sets, the placeholders
 * it replaces, and the history row it writes (the description, script name, checksum and type are Flyway's own, from
 * its {@code info()}). On a 15-migration step of the benchmark chain that is ~90 ms instead of ~250 ms.
 *
 * <p>It only takes what is certain to come out the same, and leaves the rest to Flyway: anything but plain
 * versioned SQL files (Java migrations, repeatable migrations, callbacks, script configuration files), any Flyway
 * setting outside {@link #NEUTRAL_SETTINGS}, a placeholder it cannot resolve, a statement that is not run inside the
 * script's transaction (transaction control, {@code CREATE INDEX CONCURRENTLY} and the rest Flyway runs outside one),
 * a history that is not at the expected version, and any script that fails: its transaction is rolled back and Flyway
 * runs it again, so a failure reads exactly as Flyway's. {@value #DISABLE_PROPERTY}{@code =false} turns it off.
 */
final class DirectMigrations {

  /** The system property (or environment variable {@code SCHEMAKIT_DIRECT_MIGRATIONS}) that turns this off. */
  static final String DISABLE_PROPERTY = "schemakit.directMigrations";

  /** Flyway settings that do not change how a pending SQL migration on an existing history is applied. */
  private static final Set<String> NEUTRAL_SETTINGS = Set.of("flyway.locations", "flyway.schemas",
      "flyway.defaultSchema", "flyway.table", "flyway.placeholderReplacement", "flyway.installedBy",
      "flyway.sqlMigrationPrefix", "flyway.sqlMigrationSeparator", "flyway.sqlMigrationSuffixes",
      "flyway.undoSqlMigrationPrefix", "flyway.repeatableSqlMigrationPrefix", "flyway.validateOnMigrate",
      "flyway.cleanDisabled", "flyway.createSchemas", "flyway.baselineOnMigrate", "flyway.baselineVersion",
      "flyway.baselineDescription", "flyway.failOnMissingLocations", "flyway.encoding",
      MigrationSettings.TRANSACTIONAL_LOCK);

  private static final Pattern UNRESOLVED_PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

  /**
   * How statements that do not run inside one script transaction start: transaction control (it would commit half a
   * migration before its history row), and what Flyway's PostgreSQL parser runs outside a transaction (a script mixing
   * those with other statements is an error in Flyway, one alone runs without a transaction) or reads in a way of its
   * own ({@code COPY ... FROM STDIN} with its data inline). Flyway gets every script with one of them, so that it
   * succeeds or fails as Flyway makes it, whatever PostgreSQL would accept in a transaction block.
   */
  private static final List<String> OUTSIDE_ONE_TRANSACTION = List.of("commit", "rollback", "abort", "end", "begin",
      "savepoint", "release", "start transaction", "prepare transaction", "create database", "drop database",
      "create tablespace", "drop tablespace", "create subscription", "drop subscription", "alter subscription",
      "alter system", "create index concurrently", "create unique index concurrently", "drop index concurrently",
      "reindex", "vacuum", "discard");

  /**
   * Per chain, Flyway's history rows of versions, as far as they were asked for: reading them costs a Flyway run. Weak,
   * so that a chain no one holds any more takes its rows with it.
   */
  private static final Map<MigrationChain, Map<Version, HistoryRow>> HISTORY_ROWS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private DirectMigrations() {
  }

  /** A chain's history rows for versions; when one of them is not known yet, those Flyway names are added first. */
  private static Map<Version, HistoryRow> historyRows(MigrationChain chain, List<Version> versions,
      java.util.function.Supplier<Map<Version, HistoryRow>> fromFlyway) {
    Map<Version, HistoryRow> rows = HISTORY_ROWS.computeIfAbsent(chain,
        c -> new java.util.concurrent.ConcurrentHashMap<>());
    if (!rows.keySet().containsAll(versions)) {
      rows.putAll(fromFlyway.get());
    }
    return java.util.Collections.unmodifiableMap(rows);
  }

  /**
   * Applies the versioned migrations after {@code from} up to {@code target} that it can, in order, and stops at the
   * first it leaves to Flyway.
   *
   * @return the version the database is at afterwards: {@code target} when all went, {@code from} when none did
   */
  static Version apply(MigrationChain chain, DataSource dataSource, Version from,
      Version target) {
    if (from.equals(Version.EMPTY) || target.compareTo(from) <= 0 || !appliesTo(chain)) {
      return from;
    }
    List<Migration> pending = chain.versioned().stream()
        .filter(m -> m.version().compareTo(from) > 0 && m.version().compareTo(target) <= 0).toList();
    Version reached = from;
    try (Connection connection = dataSource.getConnection()) {
      if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
        return from;
      }
      Session session = Session.of(MigrationSettings.of(chain.settings()), connection);
      if (!session.historyEndsAt(from)) {
        return from;
      }
      Map<Version, HistoryRow> rows = historyRows(chain, pending.stream().map(Migration::version).toList(),
          () -> pendingRows(MigrationSettings.of(chain.settings()), dataSource));
      try {
        for (Migration migration : pending) {
          HistoryRow row = rows.get(migration.version());
          String sql = script(chain, migration, row, session);
          if (sql == null || !session.apply(sql, row)) {
            break;
          }
          reached = migration.version();
        }
      } finally {
        session.restore();
      }
    } catch (SQLException | RuntimeException e) {
      // Flyway goes on from the last version that went and reports whatever is wrong in its own words
    }
    return reached;
  }

  /** The script as Flyway would run it, or {@code null} when Flyway has to run it. */
  private static String script(MigrationChain chain, Migration migration, HistoryRow row, Session session) {
    if (row == null || !"SQL".equals(row.type()) || !migration.location().endsWith(".sql")
        || chain.scriptConfig(migration).isPresent()) {
      return null;
    }
    String text = chain.read(migration);
    if (!placeholdersReplaced(MigrationSettings.of(chain.settings()))) {
      return outsideOneTransaction(text) ? null : text;
    }
    String sql = MigrationSettings.of(chain.settings()).replacePlaceholders(session.withDefaultSchema(text), migration.fileName());
    return UNRESOLVED_PLACEHOLDER.matcher(sql).find() || outsideOneTransaction(sql) ? null : sql;
  }

  /** Whether migrations of this chain may go directly at all: only plain versioned SQL, only neutral settings. */
  static boolean appliesTo(MigrationChain chain) {
    return enabled() && !MigrationSettings.of(chain.settings()).flywayOnly() && chain.repeatable().isEmpty() && chain.callbacks().isEmpty()
        && neutral(MigrationSettings.of(chain.settings()));
  }

  /**
   * Whether a script has a statement that does not run as part of one transaction ({@link #OUTSIDE_ONE_TRANSACTION},
   * {@code ALTER TYPE ... ADD VALUE}, which Flyway runs outside one on PostgreSQL before 12, {@code COPY ... FROM
   * STDIN}), or cannot be read far enough to tell (a string or comment left open: Flyway then reports it). Statements
   * are cut as PostgreSQL's lexer cuts them, so a {@code COMMIT} in a string, comment or function body is not one.
   */
  static boolean outsideOneTransaction(String sql) {
    try {
      return SqlScript.statements(sql).stream().map(DirectMigrations::words).anyMatch(words ->
          OUTSIDE_ONE_TRANSACTION.stream().anyMatch(start -> words.startsWith(start + " "))
              || words.startsWith("alter type ") && words.contains(" add value ")
              || words.startsWith("copy ") && words.contains(" from stdin"));
    } catch (IllegalArgumentException unreadable) {
      return true;
    }
  }

  /** A statement's unquoted words, lower case, one space apart, with a space at the end. */
  private static String words(SqlScript.Statement statement) {
    StringBuilder words = new StringBuilder();
    for (SqlScript.Token token : statement.tokens()) {
      if (token.type() == SqlScript.Token.Type.WORD) {
        words.append(token.value()).append(' ');
      }
    }
    return words.toString();
  }

  private static boolean enabled() {
    String value = System.getProperty(DISABLE_PROPERTY, System.getenv("SCHEMAKIT_DIRECT_MIGRATIONS"));
    return value == null || !value.trim().equalsIgnoreCase("false");
  }

  private static boolean neutral(MigrationSettings settings) {
    return settings.flywayProperties().entrySet().stream().allMatch(setting -> {
      String key = setting.getKey();
      if (key.equals("flyway.encoding")) {
        return setting.getValue().trim().equalsIgnoreCase("UTF-8"); // the scripts are read as UTF-8
      }
      return NEUTRAL_SETTINGS.contains(key) || key.startsWith("flyway.placeholders.");
    });
  }

  private static boolean placeholdersReplaced(MigrationSettings settings) {
    return !"false".equalsIgnoreCase(settings.flywayProperties().get("flyway.placeholderReplacement"));
  }

  /** Flyway's own view of every migration not applied to this database yet, as it would write it down. */
  private static Map<Version, HistoryRow> pendingRows(MigrationSettings settings, DataSource dataSource) {
    Map<Version, HistoryRow> rows = new java.util.HashMap<>();
    for (MigrationInfo info : settings.flyway(dataSource, null).info().all()) {
      if (info.getVersion() != null && info.getState() == MigrationState.PENDING && info.getChecksum() != null) {
        rows.put(FlywaySupport.ours(info.getVersion()), new HistoryRow(info.getVersion().getVersion(),
            info.getDescription(),
            String.valueOf(info.getType()),
            info.getScript(), info.getChecksum()));
      }
    }
    return rows;
  }

  /** What Flyway writes into its history table for a migration, apart from rank, time and who. */
  record HistoryRow(String version, String description, String type, String script, int checksum) {
  }

  /** One connection set up as Flyway sets up its own, with the history table's name and the session's start. */
  private static final class Session {

    private final Connection connection;
    private final String schema;
    private final String historyTable;
    private final String role;
    private final String originalSearchPath;
    private final String searchPath;
    private final String installedBy;

    private Session(Connection connection, String schema, String historyTable, String role, String originalSearchPath,
        String searchPath, String installedBy) {
      this.connection = connection;
      this.schema = schema;
      this.historyTable = historyTable;
      this.role = role;
      this.originalSearchPath = originalSearchPath;
      this.searchPath = searchPath;
      this.installedBy = installedBy;
    }

    static Session of(MigrationSettings settings, Connection connection) throws SQLException {
      FluentConfiguration configuration = settings.configuration();
      String role;
      String original;
      String current;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select current_user, current_setting('search_path'),"
              + " current_schema()")) {
        rs.next();
        role = rs.getString(1);
        original = rs.getString(2);
        current = rs.getString(3);
      }
      // Flyway's default schema: the configured one, else the first it manages, else the connection's
      String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema()
          : configuration.getSchemas().length > 0 ? configuration.getSchemas()[0] : current;
      if (schema == null) {
        throw new SQLException("the connection has no current schema");
      }
      // as Flyway sets it before each migration: its default schema first, then the session's own path
      String searchPath = original == null || original.isBlank() ? Names.quote(schema)
          : Names.quote(schema) + "," + original;
      String installedBy = configuration.getInstalledBy() == null || configuration.getInstalledBy().isBlank() ? role
          : configuration.getInstalledBy();
      return new Session(connection, schema, Names.quote(schema, configuration.getTable()), role,
          original == null ? "" : original, searchPath, installedBy);
    }

    /**
     * {@code ${flyway:defaultSchema}} as Flyway fills it in: the schema it put first on the search path, which
     * without configured schemas is the connection's own (not necessarily {@code public}).
     */
    String withDefaultSchema(String script) {
      return script.replace("${flyway:defaultSchema}", schema);
    }

    /** Sets the role and search path back to what the session started with, as Flyway does at the end of a run. */
    void restore() throws SQLException {
      set(originalSearchPath);
    }

    private void set(String path) throws SQLException {
      try (PreparedStatement set = connection.prepareStatement("select set_config('role', ?, false),"
          + " set_config('search_path', ?, false)")) {
        set.setString(1, role);
        set.setString(2, path);
        set.execute();
      }
    }

    /** Whether the newest row of the history is the successful migration of that version. */
    boolean historyEndsAt(Version version) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select version, success from " + historyTable
              + " where version is not null order by installed_rank desc limit 1")) {
        return rs.next() && rs.getBoolean(2) && Version.fromVersion(rs.getString(1)).equals(version);
      } catch (SQLException e) {
        return false; // no history table where Flyway would look: Flyway decides what that means
      }
    }

    /** Runs one script and writes its history row in one transaction; {@code false} (rolled back) when it failed. */
    boolean apply(String sql, HistoryRow row) throws SQLException {
      connection.setAutoCommit(false);
      long start = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        set(searchPath);
        statement.execute(sql);
        int millis = (int) ((System.nanoTime() - start) / 1_000_000);
        set(searchPath); // as Flyway, the history row is written as the run's own role, whatever the script set
        try (PreparedStatement insert = connection.prepareStatement("insert into " + historyTable
            + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
            + " select coalesce(max(installed_rank), 0) + 1, ?, ?, ?, ?, ?, ?, ?, true from " + historyTable)) {
          insert.setString(1, row.version());
          insert.setString(2, row.description());
          insert.setString(3, row.type());
          insert.setString(4, row.script());
          insert.setInt(5, row.checksum());
          insert.setString(6, installedBy);
          insert.setInt(7, millis);
          insert.execute();
        }
        connection.commit();
        return true;
      } catch (SQLException e) {
        connection.rollback();
        return false;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }
}
