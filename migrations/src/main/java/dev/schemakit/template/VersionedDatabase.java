package dev.schemakit.template;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.model.Catalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A database of one's own, migrated to a version of a chain, that moves along the chain ({@link #migrateTo},
 * {@link #undo}), runs SQL and compares itself with a contract. {@link TemplateFactory} and the SQLite files hand
 * them out; the testkit's {@code MigratedDatabase}, what a {@code @MigrationTest} class gets injected, is one.
 *
 * <pre>{@code
 * VersionedDatabase db = factory.create(chain, "3");
 * db.execute("insert into members(name) values ('ada')");     // data at version 3
 * db.migrateTo("4");                                          // the migration under test
 * }</pre>
 *
 * <p>SQL failures are thrown as {@link IllegalStateException} naming the statement and database.
 * Thread-safe; every call uses its own connection.
 */
public class VersionedDatabase {

  private final Dialect dialect;
  private final String name;
  private final String jdbcUrl;
  private final MigrationChain chain;
  private final DataSource dataSource;
  private volatile Version version;

  VersionedDatabase(PostgresServer server, String name, MigrationChain chain, Version version) {
    this(Dialect.POSTGRESQL, name, server.jdbcUrl(name), server.dataSource(name), chain, version);
  }

  /** A database of another dialect (SQLite files); for the providers of the schemakit modules. */
  public VersionedDatabase(Dialect dialect, String name, String jdbcUrl, DataSource dataSource, MigrationChain chain,
      Version version) {
    this.dialect = dialect;
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.dataSource = dataSource;
    this.chain = chain;
    this.version = version;
  }

  /** A second handle on the same database, at its version; for handles that add to this one (the testkit's). */
  protected VersionedDatabase(VersionedDatabase database) {
    this(database.dialect, database.name, database.jdbcUrl, database.dataSource, database.chain, database.version);
  }

  /** The SQL dialect: PostgreSQL, or SQLite. */
  public Dialect dialect() {
    return dialect;
  }

  /** The database's name on its server ({@code schemakit_r<run>_c<n>}), or its file name on SQLite. */
  public String name() {
    return name;
  }

  /** JDBC URL of this database, without password. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** A data source for this database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** A new connection; the caller closes it. */
  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** The version the database is at, e.g. {@code 3}; {@code << Empty Schema >>} when the chain has no versions. */
  public String version() {
    Version current = version;
    return current.equals(Version.EMPTY) ? current.toString() : current.getVersion();
  }

  /** {@link #version()} as Flyway's type. */
  public Version migrationVersion() {
    return version;
  }

  /** The migrations the database was built from. */
  public MigrationChain chain() {
    return chain;
  }

  /**
   * Applies the migrations after the current version up to {@code target} (a version or
   * {@code latest}), on this database only: rows inserted before stay, which is how a data
   * migration is tested.
   *
   * @throws IllegalArgumentException when the version does not exist or is lower than the current one
   * @throws dev.schemakit.chain.MigrationException when a migration fails
   */
  public VersionedDatabase migrateTo(String target) {
    Version wanted;
    try {
      wanted = chain.resolve(target);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Migrating " + jdbcUrl() + " from version '" + version() + "' failed: "
          + e.getMessage(), e);
    }
    if (wanted.compareTo(version) < 0) {
      throw new IllegalArgumentException("Migrating " + jdbcUrl() + " to version '" + wanted.getVersion()
          + "' failed: the database is at '" + version() + "' already and Flyway only migrates up. Start the class at"
          + " the lower version (@MigrationTest(target = \"" + wanted.getVersion() + "\")) and migrate up from there.");
    }
    if (dialect == Dialect.POSTGRESQL) {
      refuseUnderOpenTransactions(wanted);
    }
    chain.settings().engine().migrate(chain, dataSource, jdbcUrl(), version, wanted, null);
    version = wanted;
    return this;
  }

  /**
   * A session with an open transaction that holds locks here would make the migration wait for it, in a test forever:
   * it is usually the test's own (Spring's {@code @Transactional} tests and {@code @DataJpaTest} run in one), whose
   * rows the migration would not see either.
   */
  private void refuseUnderOpenTransactions(Version wanted) {
    List<Map<String, Object>> holders = query("select a.pid, a.application_name,"
        + " string_agg(distinct coalesce(c.relname, l.locktype), ', ' order by coalesce(c.relname, l.locktype)) as held"
        + " from pg_locks l join pg_stat_activity a on a.pid = l.pid left join pg_class c on c.oid = l.relation"
        + " where a.datname = current_database() and a.pid <> pg_backend_pid() and l.granted"
        + " and l.locktype = 'relation' and a.state like 'idle in transaction%'"
        + " and (c.relnamespace is null or c.relnamespace <> 'pg_catalog'::regnamespace)"
        + " group by a.pid, a.application_name order by a.pid");
    if (holders.isEmpty()) {
      return;
    }
    Map<String, Object> holder = holders.get(0);
    throw new IllegalStateException("Migrating " + jdbcUrl() + " to version '" + wanted.getVersion() + "' would wait"
        + " for an open transaction on the same database (session " + holder.get("pid") + ", idle in transaction,"
        + " holding locks on " + holder.get("held") + "). In a test that is the test's own transaction: Spring's"
        + " @Transactional tests and @DataJpaTest run in one, and its rows are not committed, so the migration would"
        + " neither see them nor get its locks until the test ends. Run the test without a transaction"
        + " (@Transactional(propagation = Propagation.NOT_SUPPORTED) on the method or class), or commit first"
        + " (TestTransaction.flagForCommit(); TestTransaction.end()).");
  }

  /**
   * Undoes the current version with its undo step ({@code U<version>__} for Flyway), which the chain's engine runs
   * ({@link dev.schemakit.chain.MigrationEngine#undo}); the database is then at the version before.
   *
   * @throws IllegalStateException when the database is empty or the version has no undo script
   * @throws dev.schemakit.chain.MigrationException when the script fails (nothing is changed then)
   */
  public VersionedDatabase undo() {
    Version current = version;
    if (current.equals(Version.EMPTY)) {
      throw new IllegalStateException("Undoing " + jdbcUrl() + " failed: the database has no migration applied.");
    }
    Migration script = chain.undoOf(current).orElseThrow(() -> new IllegalStateException("Undoing version '"
        + current.getVersion() + "' of " + jdbcUrl() + " failed: " + chain.settings().engine().missingUndo(chain,
            current) + "."));
    chain.settings().engine().undo(chain, script, dataSource, jdbcUrl());
    List<Version> below = chain.versionsBelow(current);
    version = below.isEmpty() ? Version.EMPTY : below.get(0);
    return this;
  }

  /**
   * Undoes versions, newest first, until the database is at {@code target} ({@code "0"} or
   * {@code "empty"} undoes all).
   *
   * @throws IllegalArgumentException when the version does not exist or is above the current one
   */
  public VersionedDatabase undoTo(String target) {
    Version wanted = target.equals("0") || target.equalsIgnoreCase("empty") ? Version.EMPTY
        : chain.resolve(target);
    if (wanted.compareTo(version) > 0) {
      throw new IllegalArgumentException("Undoing " + jdbcUrl() + " to version '" + target + "' failed: the database"
          + " is at '" + version() + "', below it. Use migrateTo(\"" + target + "\").");
    }
    while (version.compareTo(wanted) > 0) {
      undo();
    }
    return this;
  }

  /** {@link #migrateTo(String)} the latest version. */
  public VersionedDatabase migrate() {
    return migrateTo(MigrationChain.LATEST);
  }

  /**
   * Runs SQL: one statement with {@code ?} parameters, or several separated by {@code ;} without.
   *
   * @return the update count of the (last) statement, or 0 when it returned rows
   */
  public int execute(String sql, Object... parameters) {
    if (dialect == Dialect.SQLITE && parameters.length == 0) {
      // SQLite's driver runs every statement of a script only through executeUpdate
      try (Connection connection = connection(); java.sql.Statement statement = connection.createStatement()) {
        return Math.max(0, statement.executeUpdate(sql));
      } catch (SQLException e) {
        throw failure(sql, e);
      }
    }
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      return statement.execute() ? 0 : Math.max(0, statement.getUpdateCount());
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** Runs a query with {@code ?} parameters; each row is a map from column label to value, in column order. */
  public List<Map<String, Object>> query(String sql, Object... parameters) {
    try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, parameters);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int column = 1; column <= meta.getColumnCount(); column++) {
            row.put(meta.getColumnLabel(column), rs.getObject(column));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** The single value of a query that returns one row of one column, or {@code null} for no row. */
  public Object queryForValue(String sql, Object... parameters) {
    List<Map<String, Object>> rows = query(sql, parameters);
    if (rows.size() > 1 || (!rows.isEmpty() && rows.get(0).size() != 1)) {
      throw new IllegalStateException("Expected one value from [" + sql + "] on " + jdbcUrl() + " but got "
          + rows.size() + " rows" + (rows.isEmpty() ? "" : " of " + rows.get(0).size() + " columns"));
    }
    return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
  }

  /**
   * A snapshot of {@link #schemas()}, without Flyway's history table: it belongs to Flyway, so contracts neither
   * list it nor call it unexpected.
   */
  public Catalog snapshot() {
    return snapshot(schemas());
  }

  /**
   * The schemas compared by default: on PostgreSQL, Flyway's ({@code public} when none is configured) and every
   * other schema the migrations created (all but the system schemas; {@code public}, which every new database
   * has, only when Flyway manages it or something is in it), Flyway's first, then by name; {@code main} on SQLite.
   *
   * @throws IllegalStateException when the database cannot be read
   */
  public List<String> schemas() {
    try (Connection connection = dialect == Dialect.POSTGRESQL ? connection() : null) {
      return schemas(connection);
    } catch (SQLException e) {
      throw failure(CREATED_SCHEMAS, e);
    }
  }

  private static final String CREATED_SCHEMAS = "select n.nspname from pg_namespace n where n.nspname !~ '^pg_'"
      + " and n.nspname <> 'information_schema' and (n.nspname <> 'public'"
      + " or exists (select 1 from pg_class c where c.relnamespace = n.oid)"
      + " or exists (select 1 from pg_type t where t.typnamespace = n.oid)"
      + " or exists (select 1 from pg_proc p where p.pronamespace = n.oid))"
      + " order by n.nspname";

  /** {@link #schemas()} over an open connection ({@code null} on SQLite, which needs none). */
  private List<String> schemas(Connection connection) throws SQLException {
    List<String> managed = dialect.schemas(chain.settings().snapshotSchemas());
    if (dialect != Dialect.POSTGRESQL) {
      return managed;
    }
    java.util.Set<String> schemas = new java.util.LinkedHashSet<>(managed);
    try (PreparedStatement statement = connection.prepareStatement(CREATED_SCHEMAS);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        schemas.add(rs.getString(1));
      }
    }
    return List.copyOf(schemas);
  }

  /**
   * This database over one session: for code that migrates, undoes and snapshots the same database many times
   * (a stairway does so five times a step), where a new backend each time, with cold catalog caches, costs more
   * than the work. The copy starts at this one's version and keeps its own. On SQLite, where a connection is a
   * file opened, it is this database itself. Close it when done.
   *
   * @throws IllegalStateException when no connection can be opened
   */
  OverOneSession overOneSession() {
    if (dialect != Dialect.POSTGRESQL) {
      return new OverOneSession(null, this);
    }
    try {
      OneSession session = new OneSession(connection());
      return new OverOneSession(session, new VersionedDatabase(dialect, name, jdbcUrl, session, chain, version));
    } catch (SQLException e) {
      throw new IllegalStateException("Opening a connection to " + jdbcUrl + " failed: " + e.getMessage(), e);
    }
  }

  /** See {@link #overOneSession()}. */
  static final class OverOneSession implements AutoCloseable {
    private final OneSession session;
    private final VersionedDatabase database;

    private OverOneSession(OneSession session, VersionedDatabase database) {
      this.session = session;
      this.database = database;
    }

    VersionedDatabase database() {
      return database;
    }

    @Override
    public void close() {
      if (session != null) {
        session.close();
      }
    }
  }

  /** A snapshot of these schemas, without Flyway's history table (see {@link #snapshot()}). */
  public Catalog snapshot(List<String> schemas) {
    return dialect.reader().read(dataSource, schemas).withoutTables(chain.settings().engineTables());
  }

  /** A snapshot of the managed schemas and of those the contract names (on PostgreSQL). */
  private Catalog snapshotFor(Catalog contract, List<String> compared) {
    java.util.Set<String> schemas = new java.util.LinkedHashSet<>(compared == null || compared.isEmpty() ? schemas()
        : compared);
    if (contract != null && dialect == Dialect.POSTGRESQL) {
      contract.schemas().forEach(schema -> schemas.add(schema.name()));
    }
    return snapshot(List.copyOf(schemas));
  }

  /**
   * Compares this database with a contract, expressions compared as the database parses them (on
   * PostgreSQL). On SQLite the contract is first checked for what SQLite does not have.
   *
   * <pre>{@code
   * DiffResult result = database.compareWith(ContractReader.readDirectory(Path.of("contracts")));
   * assertTrue(result.passed(), () -> Reports.text(result));
   * }</pre>
   *
   * @throws dev.schemakit.yaml.ContractException on SQLite, naming each element SQLite does not have
   * @throws IllegalStateException when the database cannot be read
   */
  public DiffResult compareWith(Catalog contract) {
    return compareWith(contract, null);
  }

  /**
   * {@link #compareWith(Catalog)} over these schemas and those the contract names, instead of {@link #schemas()}.
   *
   * @param schemas the schemas to compare; {@code null} or empty for {@link #schemas()}
   */
  public DiffResult compareWith(Catalog contract, List<String> schemas) {
    if (dialect == Dialect.SQLITE) {
      dev.schemakit.yaml.SqliteSupport.check(contract);
    }
    return compareUsing(contract, schemas, "the contract",
        (migrated, normalizer) -> dev.schemakit.diff.SchemaDiff.compare(contract, migrated, normalizer));
  }

  /** A comparison of a contract with the snapshot of a database, expressions normalised as that database does. */
  @FunctionalInterface
  public interface Comparison {
    /** Compares; {@code migrated} is the snapshot, {@code normalizer} the database's way of writing expressions. */
    DiffResult compare(Catalog migrated, ExpressionNormalizer normalizer);
  }

  /**
   * Runs a comparison of another kind than {@link #compareWith} (entities, for one) on a snapshot of these schemas
   * and of those the contract names, with this database's expression normalizer.
   *
   * @param contract the contracts, or {@code null} when the comparison has none
   * @param schemas the schemas to compare; {@code null} or empty for {@link #schemas()}
   * @param what what is compared, for the message when the database cannot be read ({@code "entities"})
   * @throws IllegalStateException when the database cannot be read
   */
  public DiffResult compareUsing(Catalog contract, List<String> schemas, String what, Comparison comparison) {
    Catalog migrated = snapshotFor(contract, schemas);
    try (Connection connection = connection()) {
      return comparison.compare(migrated, dialect.normalizer(connection));
    } catch (SQLException e) {
      throw new IllegalStateException("Comparing " + what + " with " + jdbcUrl() + " failed: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private IllegalStateException failure(String sql, SQLException e) {
    return new IllegalStateException("Running [" + sql + "] on " + jdbcUrl() + " (version '" + version() + "') failed: "
        + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + jdbcUrl() + " at version " + version() + "]";
  }
}
