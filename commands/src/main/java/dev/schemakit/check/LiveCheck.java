package dev.schemakit.check;

import dev.schemakit.chain.AppliedHistory;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Messages;
import dev.schemakit.model.Schema;
import dev.schemakit.postgres.Sessions;
import dev.schemakit.snapshot.PostgresExpressionNormalizer;
import dev.schemakit.snapshot.SnapshotReader;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.PlainDataSource;
import dev.schemakit.yaml.SqliteSupport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A read-only check of a live PostgreSQL database (or a SQLite file, {@code jdbc:sqlite:path}): can we connect, which server version, which migration
 * version, which migrations are pending or failed, and does the schema match the contract. For deploy gates
 * and health endpoints.
 *
 * <pre>{@code
 * CheckReport report = LiveCheck.of(url, user, password).contracts(contract).migrations(chain).run();
 * respond(report.healthy() ? 200 : 503, report.json());
 * }</pre>
 *
 * <p>Read-only by construction: every session is opened with {@code default_transaction_read_only=on}, so
 * the server itself refuses any write, and the check only queries catalogs and the engine's history (Flyway's history
 * table, Liquibase's {@code databasechangelog}, read by the chain's engine when a chain is given). It
 * never throws for an unreachable database: the report says so.
 */
public final class LiveCheck {

  private final String url;
  private final String user;
  private final String password;
  private Catalog contract;
  private MigrationChain chain;
  private String historyTable = "flyway_schema_history";
  private boolean historyTableGiven;

  private LiveCheck(String url, String user, String password) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.password = password;
  }

  /**
   * A check of the database at {@code url}.
   *
   * @param url {@code jdbc:postgresql://host:port/database}
   * @param user login, or {@code null} for the URL's {@code user} parameter
   * @param password password, or {@code null}
   */
  public static LiveCheck of(String url, String user, String password) {
    return new LiveCheck(url, user, password);
  }

  /** Compare the schema with this contract (default: no comparison). */
  public LiveCheck contracts(Catalog contract) {
    this.contract = contract;
    return this;
  }

  /**
   * Report migrations of this chain that the database has not applied (default: not checked): the chain's engine reads
   * the database's history (for a Liquibase changelog, {@code databasechangelog}, and steps are named {@code
   * file::id::author}).
   */
  public LiveCheck migrations(MigrationChain chain) {
    this.chain = chain;
    return this;
  }

  /**
   * Flyway's history table, {@code schema.table} or {@code table} (default {@code flyway_schema_history}, or the one
   * the chain's settings name); given, it is read instead of the chain engine's own history.
   */
  public LiveCheck historyTable(String table) {
    this.historyTable = Objects.requireNonNull(table, "table");
    this.historyTableGiven = true;
    return this;
  }

  /** Runs the check. Never throws for connection problems; they are the report's {@code error}. */
  public CheckReport run() {
    long started = System.nanoTime();
    String shownUrl = ExternalPostgres.redact(url);
    String serverVersion;
    String current;
    List<String> applied = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery(sqlite() ? "SELECT 'SQLite ' || sqlite_version(),"
          + " CASE WHEN (SELECT query_only FROM pragma_query_only) = 1 THEN 'on' ELSE 'off' END"
          : "SELECT current_setting('server_version'), current_setting('transaction_read_only')")) {
        rs.next();
        serverVersion = rs.getString(1);
        if (!"on".equals(rs.getString(2))) {
          throw new IllegalStateException("the session at " + shownUrl + " is not read-only; refusing to go on");
        }
      }
      if (chain != null && !historyTableGiven && !sqlite()) {
        current = engineHistory(connection, applied, failed);
      } else {
        current = history(statement, applied, failed);
      }
    } catch (SQLException e) {
      return CheckReport.unreachable(shownUrl, redactedFirstLine(e.getMessage()), millisSince(started));
    }
    List<String> pending = new ArrayList<>();
    if (chain != null) {
      // a database deployed from a baseline migration (or baselined by Flyway) starts its history there: Flyway
      // never applies the versions below its first row; a changelog's changesets are known by name, and any of
      // them not run is pending
      boolean byName = chain.settings().stepsKnownByName();
      Version first = byName ? Version.EMPTY : applied.stream().map(Version::fromVersion).min(Version::compareTo)
          .orElse(Version.EMPTY);
      for (Migration migration : chain.versioned()) {
        String step = shown(migration);
        if (migration.version().compareTo(first) > 0 && !applied.contains(step) && !failed.contains(step)) {
          pending.add(step);
        }
      }
    }
    DiffResult drift = null;
    if (contract != null) {
      Set<String> schemas = new LinkedHashSet<>();
      contract.schemas().stream().map(Schema::name).forEach(schemas::add);
      DataSource readOnly = new ReadOnlyDataSource();
      if (sqlite()) {
        SqliteSupport.check(contract);
      }
      // the engine's tables belong to the engine: contracts neither list them nor call them unexpected
      List<String> engineTables = chain == null || historyTableGiven
          ? List.of(historyTable.substring(historyTable.lastIndexOf('.') + 1)) : chain.settings().engineTables();
      Catalog snapshot = (sqlite() ? SnapshotReader.forSqlite() : SnapshotReader.forPostgres())
          .read(readOnly, sqlite() ? List.of("main") : List.copyOf(schemas))
          .withoutTables(engineTables);
      try (Connection connection = connect()) {
        drift = SchemaDiff.compare(contract, snapshot, sqlite() ? ExpressionNormalizer.textual()
            : new PostgresExpressionNormalizer(connection));
      } catch (SQLException e) {
        return CheckReport.unreachable(shownUrl, redactedFirstLine(e.getMessage()), millisSince(started));
      }
    }
    String latest = chain == null || chain.versioned().isEmpty() ? null
        : shown(chain.versioned().get(chain.versioned().size() - 1));
    return new CheckReport(shownUrl, serverVersion, current, latest, pending, failed, drift, null,
        millisSince(started));
  }

  /**
   * The chain's history as its engine reads it (Flyway's history table, Liquibase's {@code databasechangelog}), the
   * steps named as {@link #shown(Migration)} names them; the last applied step, or {@code null} without a history.
   */
  private String engineHistory(Connection connection, List<String> applied, List<String> failed)
      throws SQLException {
    AppliedHistory history = chain.settings().engine().history(chain, connection);
    Map<Version, Migration> steps = new HashMap<>();
    chain.versioned().forEach(step -> steps.put(step.version(), step));
    for (Version version : history.applied()) {
      applied.add(steps.containsKey(version) ? shown(steps.get(version)) : version.getVersion());
    }
    for (Version version : history.failed()) {
      failed.add(steps.containsKey(version) ? shown(steps.get(version)) : version.getVersion());
    }
    return applied.isEmpty() ? null : applied.get(applied.size() - 1);
  }

  /** A step as the report names it: its version, or for an engine that knows steps by name, its name. */
  private String shown(Migration step) {
    return chain.settings().stepsKnownByName() ? step.location() : step.version().getVersion();
  }

  private String history(Statement statement, List<String> applied, List<String> failed) throws SQLException {
    String table = historyTable.replace("'", "''");
    try (ResultSet exists = statement.executeQuery(sqlite()
        ? "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
        : "SELECT to_regclass('" + table + "') IS NOT NULL")) {
      exists.next();
      if (!exists.getBoolean(1)) {
        return null;
      }
    }
    String current = null;
    try (ResultSet rs = statement.executeQuery("SELECT version, success FROM " + historyTable
        + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
      while (rs.next()) {
        if (rs.getBoolean(2)) {
          applied.add(rs.getString(1));
          current = rs.getString(1);
        } else {
          failed.add(rs.getString(1));
        }
      }
    }
    return current;
  }

  /** A SQLite file ({@code jdbc:sqlite:path}) rather than a PostgreSQL server. */
  private boolean sqlite() {
    return url.startsWith("jdbc:sqlite:");
  }

  private Connection connect() throws SQLException {
    if (sqlite()) {
      return SqliteDatabases.openReadOnly(url);
    }
    // read-only on the server's side; a read that hangs for a minute is a server in trouble, reported as such
    return Sessions.open(url, user, password, "schemakit-check", true, 60);
  }


  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The snapshot reader wants a {@link DataSource}; this one hands out the check's read-only sessions. */
  private final class ReadOnlyDataSource extends PlainDataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return connect();
    }
  }

  private static String redactedFirstLine(String message) {
    return ExternalPostgres.redact(Messages.firstLine(message));
  }
}
