package dev.schemakit.database;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL server that test databases are created on. For implementors of providers; users
 * pick a provider with {@code @MigrationTest(provider = ...)} or {@code schemakit.provider}.
 *
 * <p>Three implementations ship: {@link EmbeddedPostgres} (binaries from Maven Central),
 * {@link ExternalPostgres} (an existing server by JDBC URL) and {@link ContainerPostgres}
 * (Testcontainers). The user they connect as may create databases.
 */
public interface PostgresServer {

  /** What and where the server is, for messages; never contains a password. */
  String description();

  /** JDBC URL of one database on this server, without password. */
  String jdbcUrl(String database);

  /** A data source for one database, logged in as this server's user. */
  DataSource dataSource(String database);

  /** A new connection to one database. */
  default Connection connect(String database) throws SQLException {
    return dataSource(database).getConnection();
  }

  /** The database to connect to for creating and dropping others, usually {@code postgres}. */
  default String maintenanceDatabase() {
    return "postgres";
  }

  /** The server's major version, e.g. {@code 17}: {@code CREATE DATABASE ... STRATEGY} needs 15. */
  int majorVersion();
}
