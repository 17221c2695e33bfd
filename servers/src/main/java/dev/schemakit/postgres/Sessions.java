package dev.schemakit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Sessions schemakit opens on a PostgreSQL database it does not own (the read-only {@code check}, the rehearsal's
 * source and the database it rehearses on in place): named in {@code pg_stat_activity}, a bounded connect, and, when
 * read-only, refused every write by the server itself ({@code default_transaction_read_only}), whatever a bug in the
 * caller might try. For implementors.
 */
public final class Sessions {

  private Sessions() {
  }

  /**
   * A new session.
   *
   * @param application what {@code pg_stat_activity.application_name} shows, e.g. {@code schemakit-check}
   * @param readOnly whether the server refuses every write in it
   * @param socketTimeoutSeconds how long one read may wait for the server before the session gives up; 0 for as
   *     long as it takes (a rehearsal counting the rows of a large table)
   */
  public static Connection open(String url, String user, String password, String application, boolean readOnly,
      int socketTimeoutSeconds) throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    if (readOnly) {
      properties.setProperty("options", "-c default_transaction_read_only=on");
      properties.setProperty("readOnly", "true");
    }
    properties.setProperty("ApplicationName", application);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
    return DriverManager.getConnection(url, properties);
  }
}
