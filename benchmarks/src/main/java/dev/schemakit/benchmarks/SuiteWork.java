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
