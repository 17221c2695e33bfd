package dev.schemakit.template;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.sql.SqlScript;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The extensions a chain creates, checked against the server before anything is migrated: a migration that says
 * {@code CREATE EXTENSION postgis} on the embedded binaries (which carry PostgreSQL's contrib extensions, not PostGIS,
 * pgvector or TimescaleDB) fails with one message, not after a template was half built.
 */
public final class ExtensionCheck {

  /**
   * A {@code CREATE EXTENSION} of the chain: the extension, and where it is asked for.
   *
   * @param extension its name, lower case
   * @param file the migration's file name
   * @param line the statement's first line
   */
  public record Wanted(String extension, String file, int line) {
  }

  private ExtensionCheck() {
  }

  /** The extensions the chain's SQL migrations up to {@code version} (and its repeatable ones) create. */
  public static List<Wanted> wanted(MigrationChain chain, Version version) {
    List<Migration> migrations = new ArrayList<>(chain.fromEmpty(version));
    migrations.addAll(chain.repeatable());
    List<Wanted> wanted = new ArrayList<>();
    for (Migration migration : migrations) {
      if (!migration.fileName().endsWith(".sql")) {
        continue;
      }
      List<SqlScript.Statement> statements;
      try {
        statements = SqlScript.statements(chain.read(migration));
      } catch (RuntimeException unreadable) {
        continue; // Flyway reports the script itself when it runs it
      }
      for (SqlScript.Statement statement : statements) {
        List<SqlScript.Token> tokens = statement.tokens();
        if (tokens.size() >= 3 && tokens.get(0).isWord("create") && tokens.get(1).isWord("extension")) {
          int at = 2;
          if (tokens.size() > 5 && tokens.get(2).isWord("if") && tokens.get(3).isWord("not")
              && tokens.get(4).isWord("exists")) {
            at = 5;
          }
          String name = tokens.get(at).value().replace("\"", "");
          wanted.add(new Wanted(name.toLowerCase(Locale.ROOT), migration.fileName(), statement.line()));
        }
      }
    }
    return wanted;
  }

  /**
   * The extensions the chain creates up to {@code version} that the server does not have; empty when it has them all
   * or cannot be asked.
   */
  public static List<Wanted> missing(PostgresServer server, MigrationChain chain, Version version) {
    List<Wanted> wanted = wanted(chain, version);
    if (wanted.isEmpty()) {
      return List.of();
    }
    Set<String> available = available(server);
    return available.isEmpty() ? List.of() : wanted.stream().filter(w -> !available.contains(w.extension())).toList();
  }

  private static Set<String> available(PostgresServer server) {
    Set<String> available = new TreeSet<>();
    try (Connection connection = server.connect(server.maintenanceDatabase());
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("select name from pg_available_extensions")) {
      while (rs.next()) {
        available.add(rs.getString(1));
      }
    } catch (SQLException e) {
      return Set.of(); // the migration says it when it runs
    }
    return available;
  }

  /**
   * Fails when the server lacks an extension the chain creates.
   *
   * @throws MigrationException naming the extension, the file:line, what the server has and the way forward
   */
  static void check(PostgresServer server, MigrationChain chain, Version version) {
    List<Wanted> wanted = wanted(chain, version);
    if (wanted.isEmpty()) {
      return;
    }
    Set<String> available = available(server);
    if (available.isEmpty()) {
      return;
    }
    for (Wanted extension : wanted) {
      if (!available.contains(extension.extension())) {
        throw new MigrationException("Migrating to version '" + version.getVersion() + "' needs the extension '"
            + extension.extension() + "' (" + extension.file() + ":" + extension.line() + ": CREATE EXTENSION "
            + extension.extension() + "), which " + server.description() + " does not have. It has: "
            + String.join(", ", available) + ".\nRun the chain on a server that has '" + extension.extension()
            + "': a container image with it (@MigrationTest(provider = Provider.TESTCONTAINERS, image = \""
            + example(extension.extension()) + "\"), or schemakit.testcontainers.image." + extension.extension()
            + " naming one, with which provider AUTO runs such classes on Testcontainers where Docker is), or an"
            + " existing server (provider EXTERNAL with schemakit.external.url; --url on the command line).");
      }
    }
  }

  /** An image that has the extension, for the message. */
  private static String example(String extension) {
    return switch (extension) {
      case "postgis", "postgis_topology", "postgis_raster", "postgis_tiger_geocoder", "address_standardizer" ->
          "postgis/postgis:16-3.5";
      case "vector" -> "pgvector/pgvector:pg16";
      case "timescaledb" -> "timescale/timescaledb:latest-pg16";
      default -> "an image of PostgreSQL with " + extension;
    };
  }
}
