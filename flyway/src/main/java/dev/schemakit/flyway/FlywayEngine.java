package dev.schemakit.flyway;

import dev.schemakit.chain.AppliedHistory;
import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationEngine;
import dev.schemakit.chain.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Flyway as a {@link MigrationEngine}: its scanner and file-name parser read the chain ({@link MigrationScanner}),
 * plain SQL steps go directly where the result is Flyway's and Flyway runs the rest ({@link Migrator}), and undo
 * scripts run as Flyway Teams would run them ({@link Undo}). Chains of {@link MigrationSettings} name it.
 */
final class FlywayEngine implements MigrationEngine {

  static final FlywayEngine INSTANCE = new FlywayEngine();

  private FlywayEngine() {
  }

  @Override
  public String name() {
    return "Flyway";
  }

  @Override
  public MigrationChain read(ChainSettings settings) {
    return new MigrationScanner(MigrationSettings.of(settings)).scan();
  }

  @Override
  public void migrate(MigrationChain chain, DataSource dataSource, String database, Version from, Version target,
      Version requested) {
    Migrator.migrate(chain, dataSource, database, from, target, requested);
  }

  /** The script's text in Flyway's encoding, its placeholders replaced. */
  @Override
  public String sql(MigrationChain chain, Migration step) {
    return chain.settings().replacePlaceholders(chain.read(step), step.fileName());
  }

  @Override
  public void migrateAsDeployed(MigrationChain chain, DataSource dataSource, String database, Version target) {
    Migrator.migrateByFlyway(chain, dataSource, database, target);
  }

  @Override
  public String missingUndo(MigrationChain chain, Version version) {
    return "there is no undo script U" + version.getVersion().replace('.', '_') + "__*.sql in "
        + chain.settings().locations() + ". Add one beside the versioned migration";
  }

  @Override
  public void undo(MigrationChain chain, Migration undoStep, DataSource dataSource, String database) {
    Undo.run(chain, undoStep, dataSource, database);
  }

  /** Flyway refuses a migration whose checksum changed (a repair of every database aside). */
  @Override
  public boolean acceptsEdited(MigrationChain chain, Migration step, String releasedSha256) {
    return false;
  }

  /** Flyway's history: a row per version in the order installed, with whether it succeeded. */
  @Override
  public AppliedHistory history(MigrationChain chain, Connection connection) throws SQLException {
    Optional<String> table = AppliedHistory.table(chain.settings(), connection);
    if (table.isEmpty()) {
      return AppliedHistory.none();
    }
    List<Version> applied = new ArrayList<>();
    List<Version> failed = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version, success FROM " + table.get()
            + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
      while (rs.next()) {
        (rs.getBoolean(2) ? applied : failed).add(Version.fromVersion(rs.getString(1)));
      }
    }
    return new AppliedHistory(applied, failed);
  }
}
