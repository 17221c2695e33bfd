package dev.schemakit.rehearsal;

import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.PlainDataSource;
import dev.schemakit.template.VersionedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/** The sessions a rehearsal opens: on sources (read-only where it copies), on a clone, on its own database. */
final class Sessions {

  private Sessions() {}

  /** The migrations' sessions on the rehearsal's database stop any statement past the timeout. */
  static VersionedDatabase timed(VersionedDatabase database, Duration statementTimeout) {
    DataSource plain = database.dataSource();
    long millis = statementTimeout.toMillis();
    DataSource timed = new PlainDataSource() {
      @Override
      public Connection getConnection() throws SQLException {
        Connection connection = plain.getConnection();
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET statement_timeout = " + millis);
        }
        return connection;
      }
    };
    return new VersionedDatabase(database.dialect(), database.name(), database.jdbcUrl(), timed, database.chain(),
        database.migrationVersion());
  }

  static Connection connect(String url, String user, String password, boolean readOnly) throws SQLException {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("'" + ExternalPostgres.redact(url) + "' is not a PostgreSQL JDBC URL"
          + " (jdbc:postgresql://host:port/database).");
    }
    // no socket timeout: counting the rows of a large table may take minutes, and is not cut short
    return dev.schemakit.postgres.Sessions.open(url, user, password, "schemakit-rehearsal", readOnly, 0);
  }

  static Connection readOnlySqlite(Path file) throws SQLException {
    return SqliteDatabases.openReadOnly(SqliteDatabases.url(file));
  }


  /** Hands out one open connection (the source's read-only one) to the snapshot reader, never closing it. */
  static final class OneConnection extends PlainDataSource {
    private final Connection connection;

    OneConnection(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
              return null;
            }
            try {
              return method.invoke(connection, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** Connections to a URL with a user and password. */
  static final class UrlDataSource extends PlainDataSource {
    private final String url;
    private final String user;
    private final String password;

    UrlDataSource(String url, String user, String password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return connect(url, user, password, false);
    }
  }
}
