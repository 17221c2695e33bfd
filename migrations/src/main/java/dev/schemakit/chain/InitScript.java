package dev.schemakit.chain;

import dev.schemakit.model.Messages;
import dev.schemakit.sql.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A SQL script a deployment runs before Flyway (roles, schemas, extensions, grants), which schemakit runs on every new
 * database before the first migration, as the server's user. Roles belong to the server, not to the database: a
 * script that creates one runs once per template on the same server, so it is written to run twice ({@code DO}
 * blocks that check {@code pg_roles}, {@code CREATE SCHEMA IF NOT EXISTS}, {@code CREATE EXTENSION IF NOT EXISTS}).
 *
 * @param location where it was read from, as given ({@code classpath:db/init.sql}, {@code init/roles.sql})
 * @param text     its text
 */
public record InitScript(String location, String text) {

  /**
   * Reads a script: {@code classpath:path} from the class loader, {@code filesystem:path} or a plain path from the
   * disk.
   *
   * @throws MigrationException when it is not there
   */
  public static InitScript read(String location, ClassLoader classLoader) {
    try {
      if (location.startsWith("classpath:")) {
        String path = location.substring("classpath:".length()).replaceFirst("^/+", "");
        try (InputStream in = classLoader.getResourceAsStream(path)) {
          if (in == null) {
            throw new MigrationException("Reading the init script " + location + " failed: no '" + path + "' is on"
                + " the class path. Put it in src/test/resources/" + path + " (or src/main/resources), or give its"
                + " file path.");
          }
          return new InitScript(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      Path file = Path.of(location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location);
      if (!Files.isRegularFile(file)) {
        throw new MigrationException("Reading the init script " + location + " failed: " + file.toAbsolutePath()
            + " is not a file. Fix the path (relative paths start at " + Path.of("").toAbsolutePath() + ").");
      }
      return new InitScript(location, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new MigrationException("Reading the init script " + location + " failed: " + e.getMessage() + ".", e);
    }
  }

  /** A line of a settings fingerprint: where the script is and a hash of its text. */
  public String fingerprintLine() {
    return "init script " + location + " " + Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)) + "\n";
  }

  /**
   * The locations given to a settings builder, blank ones left out and each stripped: what its {@code initScripts}
   * method adds.
   */
  public static List<String> locations(String... given) {
    return java.util.Arrays.stream(given).filter(location -> !location.isBlank()).map(String::strip).toList();
  }

  /**
   * Runs the script's statements one by one, each committed, on a database.
   *
   * @param database how to name the database in a message (a JDBC URL without password)
   * @throws MigrationException naming the script, the line, the statement and what the database said
   */
  public void runOn(DataSource dataSource, String database) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      for (SqlScript.Statement sql : SqlScript.statements(text)) {
        try {
          statement.execute(sql.text());
        } catch (SQLException e) {
          throw new MigrationException("Running the init script " + location + " on " + database + " failed at line "
              + sql.line() + ": " + Messages.firstLine(e.getMessage()) + "\nStatement:\n  "
              + sql.text().strip().replace("\n", "\n  ") + "\nFix the script. It runs before the migrations on every"
              + " new database of a server, and a role it makes belongs to the whole server: write it so that it"
              + " may run twice (a DO block that checks pg_roles before CREATE ROLE, CREATE SCHEMA IF NOT EXISTS).", e);
        }
      }
    } catch (SQLException e) {
      throw new MigrationException("Running the init script " + location + " on " + database + " failed: "
          + Messages.firstLine(e.getMessage()) + ".", e);
    }
  }
}
