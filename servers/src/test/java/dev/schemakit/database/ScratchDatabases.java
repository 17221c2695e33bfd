package dev.schemakit.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Fresh databases on the shared embedded server for tests, optionally loaded from a SQL resource. */
public final class ScratchDatabases {

  private ScratchDatabases() {}

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
    try (InputStream in = ScratchDatabases.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("test resource not found: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Which of these databases exist on the shared embedded server. */
  public static List<String> existing(Collection<String> names) throws SQLException {
    try (Connection connection = EmbeddedPostgres.shared().connect("postgres");
        var statement = connection.prepareStatement("select datname from pg_database where datname = any(?)")) {
      statement.setArray(1, connection.createArrayOf("text", names.toArray()));
      return names(statement);
    }
  }

  /** The databases on the shared embedded server whose names are {@code like} the pattern. */
  public static List<String> existingLike(String pattern) throws SQLException {
    try (Connection connection = EmbeddedPostgres.shared().connect("postgres");
        var statement = connection.prepareStatement("select datname from pg_database where datname like ?")) {
      statement.setString(1, pattern);
      return names(statement);
    }
  }

  /** {@link #existing}, once the server's background drops had up to 30 s to remove them. */
  public static List<String> existingAfterDrops(Collection<String> names) throws Exception {
    return dev.schemakit.testing.Eventually.value(java.time.Duration.ofSeconds(30), () -> existing(names),
        List::isEmpty);
  }

  private static List<String> names(PreparedStatement statement) throws SQLException {
    List<String> found = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    return found;
  }
}
