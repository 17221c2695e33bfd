package dev.schemakit.flyway;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.model.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Runs undo scripts ({@code U<version>__<desc>.sql}) without Flyway Teams. Flyway Community does
 * not see these files at all (it neither lists nor validates them), so schemakit runs the script
 * and deletes the version's row from Flyway's history table in one transaction: afterwards Flyway
 * sees the database at the version before, and migrating applies the version again.
 */
public final class Undo {

  private Undo() {
  }

  /**
   * Undoes one version: runs its undo script, with Flyway's {@code ${placeholders}} replaced, and
   * removes the version from the history table.
   *
   * @param database how to name the database in a message (a JDBC URL without password)
   * @throws MigrationException naming the version, the script and what the database said
   */
  public static void run(MigrationChain chain, Migration undoScript, DataSource dataSource, String database) {
    String sql = MigrationSettings.of(chain.settings()).replacePlaceholders(chain.read(undoScript), undoScript.fileName());
    String version = undoScript.version().getVersion();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        if (isSqlite(connection)) {
          statement.executeUpdate(sql); // SQLite's driver runs every statement of a script only here
        } else {
          statement.execute(sql);
        }
        try (PreparedStatement forget = connection.prepareStatement("delete from " + historyTable(MigrationSettings.of(chain.settings()),
            connection) + " where version = ?")) {
          forget.setString(1, version);
          if (forget.executeUpdate() != 1) {
            throw new SQLException("Flyway's history table has no row for version " + version);
          }
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new MigrationException("Undoing version '" + version + "' of " + database + " with " + undoScript.fileName()
          + " (" + undoScript.location() + ") failed: " + e.getMessage() + ". Fix " + undoScript.fileName()
          + "; it ran in a transaction, so the database is still at version '" + version + "'.", e);
    }
  }

  /** Flyway's history table, schema-qualified as Flyway places it: default schema, else the first managed one. */
  static String historyTable(MigrationSettings settings, Connection connection) throws SQLException {
    FluentConfiguration configuration = settings.configuration();
    String schema = configuration.getDefaultSchema();
    if (schema == null && configuration.getSchemas().length > 0) {
      schema = configuration.getSchemas()[0];
    }
    if (schema == null && isSqlite(connection)) {
      return Names.quote(configuration.getTable());
    }
    if (schema == null) {
      try (Statement statement = connection.createStatement();
          var rs = statement.executeQuery("select current_schema()")) {
        rs.next();
        schema = rs.getString(1);
      }
    }
    return Names.quote(schema, configuration.getTable());
  }

  static boolean isSqlite(Connection connection) throws SQLException {
    return "SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
  }
}
