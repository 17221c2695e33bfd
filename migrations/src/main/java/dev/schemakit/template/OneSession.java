package dev.schemakit.template;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A data source over one open PostgreSQL session: what it hands out is that session, and closing it hands it back
 * reset as a new one would be (transaction ended, autocommit on, settings such as {@code search_path} back to
 * their start values, temporary tables and advisory locks gone), so that Flyway, an undo script and the snapshot
 * reader each find what a new connection gives them, without a new backend and cold catalog caches every time.
 */
final class OneSession extends PlainDataSource implements AutoCloseable {

  private final Connection session;

  OneSession(Connection session) {
    this.session = session;
  }

  @Override
  public Connection getConnection() {
    boolean[] handedBack = {false};
    InvocationHandler handler = (proxy, method, arguments) -> {
      String name = method.getName();
      if (name.equals("close") && method.getParameterCount() == 0) {
        if (!handedBack[0]) {
          handedBack[0] = true;
          reset();
        }
        return null;
      }
      if (name.equals("isClosed") && method.getParameterCount() == 0) {
        return handedBack[0] || session.isClosed();
      }
      try {
        return method.invoke(session, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  private void reset() throws SQLException {
    if (session.isClosed()) {
      return;
    }
    if (!session.getAutoCommit()) {
      session.rollback();
      session.setAutoCommit(true);
    }
    try (Statement statement = session.createStatement()) {
      statement.execute("RESET ALL; DISCARD TEMP; SELECT pg_advisory_unlock_all()");
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (SQLException e) {
      // the database is dropped at the end of the run, and the session with it
    }
  }
}
