package dev.schemakit.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the generated test classes of {@link SuiteBenchmark} do, the same for every way: a few inserts and selects,
 * and the hand-written ways' database setup (the usual one: a server per JVM or a container per class, Flyway).
 */
public final class SuiteWork {

  private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private SuiteWork() {}

  /** Three inserts and two selects, on a database at {@code version} of the generated chain. */
  public static void use(Connection connection, int version) throws Exception {
    try (Statement statement = connection.createStatement()) {
      for (int i = 0; i < 3; i++) {
        statement.execute("insert into t0 (name) values ('row ' || gen_random_uuid())");
      }
      try (ResultSet rs = statement.executeQuery("select count(*) from t0")) {
        rs.next();
        if (rs.getLong(1) < 3) {
          throw new AssertionError("the three rows are not there");
        }
      }
      try (ResultSet rs = statement.executeQuery("select count(*) from t" + (version * 2 - 1))) {
        rs.next();
      }
    }
  }

  /** The usual way without schemakit: one zonky server per JVM, a database per class, Flyway to the version. */
  public static synchronized DataSource flywayDatabase(String name, int version, String migrations) throws Exception {
    if (server == null) {
      server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.start();
    }
    try (Connection connection = server.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    DataSource dataSource = server.getDatabase("postgres", name);
    migrate(dataSource, version, migrations);
    return dataSource;
  }

  /** Flyway from where the database is to {@code version}. */
  public static void migrate(DataSource dataSource, int version, String migrations) {
    Flyway.configure().dataSource(dataSource).locations("filesystem:" + migrations).target(Integer.toString(version))
        .load().migrate();
  }

  /** A Testcontainers PostgreSQL container of its own, migrated by Flyway; the class stops it. */
  public static PostgreSQLContainer<?> container(int version, String migrations) {
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(System.getProperty(
        "suite.image", "postgres:15")).asCompatibleSubstituteFor("postgres"));
    container.start();
    migrate(dataSource(container.getJdbcUrl(), container.getUsername(), container.getPassword()), version, migrations);
    return container;
  }

  /** How many rows of the seed {@link SuiteBenchmark} writes are in a database at version 25: 2,000 in t0..t9. */
  public static void seeded(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("select (select count(*) from t0) + (select count(*) from t1)"
             + " + (select count(*) from t2) + (select count(*) from t3) + (select count(*) from t4)"
             + " + (select count(*) from t5) + (select count(*) from t6) + (select count(*) from t7)"
             + " + (select count(*) from t8) + (select count(*) from t9)")) {
      rs.next();
      if (rs.getLong(1) < SuiteBenchmark.SEED_ROWS) {
        throw new AssertionError("the seed's " + SuiteBenchmark.SEED_ROWS + " rows are not there: " + rs.getLong(1));
      }
    }
  }

  /** The usual way to seed: the team's script run over JDBC, statement by statement, in one transaction. */
  public static void runScript(Connection connection, String file) throws Exception {
    String sql = java.nio.file.Files.readString(java.nio.file.Path.of(file));
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String part : sql.split(";\n")) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * The fair floor's migration step: the SQL of versions {@code from + 1} to {@code to} sent as it is, one script a
   * transaction, with no Flyway and no history table.
   */
  public static void applyDirectly(DataSource dataSource, int from, int to, String migrations) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      for (int version = from + 1; version <= to; version++) {
        runScript(connection, migrations + "/V" + version + "__tables_" + version + ".sql");
      }
    }
  }

  /** A fair floor's class that migrates: a database of its own at the class's version, made before the run. */
  public static DataSource own(int classIndex) {
    return dataSource(System.getProperty("suite.floor.url." + classIndex), "postgres", "");
  }

  /** The floor: the database every class shares, migrated before the run ({@code -Dsuite.floor.url}). */
  public static DataSource shared() {
    return dataSource(System.getProperty("suite.floor.url"), "postgres", "");
  }

  public static DataSource dataSource(String url, String user, String password) {
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setURL(url);
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource;
  }
}
