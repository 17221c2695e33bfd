package dev.schemakit.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** Fresh databases on the shared embedded server for tests, optionally loaded from a SQL resource. */
public final class TestDatabases {

  private TestDatabases() {}

  /** Creates an empty database and returns its name. */
  public static String create(String prefix) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection connection = EmbeddedPostgres.shared().connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** Creates a database and runs the SQL script found on the classpath at {@code resource}. */
  public static DataSource createFrom(String prefix, String resource) throws SQLException, IOException {
    String name = create(prefix);
    DataSource dataSource = EmbeddedPostgres.shared().dataSource(name);
    execute(dataSource, script(resource));
    return dataSource;
  }

  public static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  public static String script(String resource) throws IOException {
    try (InputStream in = TestDatabases.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("test resource not found: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
