package dev.schemakit.template;

import dev.schemakit.database.DatabaseServerException;
import dev.schemakit.database.PostgresServer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sessions on a server's maintenance database that {@link TemplateFactory} creates and drops databases with, kept
 * for reuse: a new session costs more than the {@code CREATE DATABASE} of a small clone.
 */
final class AdminSessions implements AutoCloseable {

  private final PostgresServer server;
  private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  AdminSessions(PostgresServer server) {
    this.server = server;
  }

  Connection borrow() {
    Connection connection = idle.poll();
    if (connection != null) {
      return connection;
    }
    try {
      return server.connect(server.maintenanceDatabase());
    } catch (SQLException e) {
      throw new DatabaseServerException("Connecting to " + server.jdbcUrl(server.maintenanceDatabase()) + " failed: "
          + e.getMessage(), e);
    }
  }

  void giveBack(Connection connection) {
    if (closed) {
      closeQuietly(connection);
    } else {
      idle.add(connection);
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection admin;
    while ((admin = idle.poll()) != null) {
      closeQuietly(admin);
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Which of these databases exist. */
  static List<String> existing(Connection admin, List<String> names) throws SQLException {
    if (names.isEmpty()) {
      return List.of();
    }
    try (PreparedStatement query = admin.prepareStatement("select datname from pg_database where datname = any(?)")) {
      Array array = admin.createArrayOf("text", names.toArray());
      query.setArray(1, array);
      List<String> found = new ArrayList<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
      return found;
    }
  }

  static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing is best effort; the server ends the session when the socket goes
      }
    }
  }
}
