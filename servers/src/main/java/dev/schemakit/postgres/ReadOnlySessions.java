package dev.schemakit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Sessions on a live PostgreSQL database that schemakit must never write to (the read-only {@code check}, the
 * rehearsal's source): the server itself refuses every write in them ({@code default_transaction_read_only}), whatever
 * a bug in the caller might try. For implementors.
 */
public final class ReadOnlySessions {

  private ReadOnlySessions() {
  }

  /**
   * A new read-only session.
   *
   * @param application what {@code pg_stat_activity.application_name} shows, e.g. {@code schemakit-check}
   * @param socketTimeoutSeconds how long one read may wait for the server before the session gives up; 0 for as
   *     long as it takes (a rehearsal counting the rows of a large table)
   */
  public static Connection open(String url, String user, String password, String application,
      int socketTimeoutSeconds) throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("options", "-c default_transaction_read_only=on");
    properties.setProperty("readOnly", "true");
    properties.setProperty("ApplicationName", application);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
    return DriverManager.getConnection(url, properties);
  }
}
