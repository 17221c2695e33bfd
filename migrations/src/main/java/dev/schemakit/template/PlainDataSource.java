package dev.schemakit.template;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@code DataSource} that only hands out connections: no log writer, no login timeout of its own, a wrapper of
 * nothing. For schemakit's data sources that decide where a connection goes (one kept session, the running test's
 * database); subclasses say how in {@link #getConnection()}.
 */
public abstract class PlainDataSource implements DataSource {

  /** For subclasses. */
  protected PlainDataSource() {
  }

  @Override
  public abstract Connection getConnection() throws SQLException;

  /** The same as {@link #getConnection()}: these data sources connect as their own user. */
  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // nothing is logged here: the connections' own data sources log, or nothing does
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the connections come from sessions or data sources that keep their own timeouts
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException(getClass().getSimpleName() + " does not log through java.util.logging");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException(getClass().getSimpleName() + " is not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
