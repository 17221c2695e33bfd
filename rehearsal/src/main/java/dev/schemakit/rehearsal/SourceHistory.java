package dev.schemakit.rehearsal;

import dev.schemakit.chain.AppliedHistory;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.model.Names;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database's history as the rehearsal needs it: the steps applied, in order, and the failed ones, as their engine
 * records them (Flyway's history table, Liquibase's {@code databasechangelog}).
 *
 * @param applied the versions applied successfully, in the order applied
 * @param failed the versions whose step failed
 */
record SourceHistory(List<String> applied, List<String> failed) {

  /**
   * Reads the history through the chain's engine (on SQLite, Flyway's history table); a database without one is at
   * no version.
   */
  static SourceHistory read(Connection connection, MigrationChain chain, boolean sqlite) throws SQLException {
    if (!sqlite) {
      AppliedHistory history = chain.settings().engine().history(chain, connection);
      return new SourceHistory(history.applied().stream().map(Version::getVersion).toList(),
          history.failed().stream().map(Version::getVersion).toList());
    }
    String table = Names.quote(chain.settings().historyTable());
    try (Statement statement = connection.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND"
          + " name = '" + table.replace("\"", "") + "'")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return new SourceHistory(List.of(), List.of());
        }
      }
      List<String> applied = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SELECT version, success FROM " + table
          + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
        while (rs.next()) {
          (rs.getBoolean(2) ? applied : failed).add(rs.getString(1));
        }
      }
      return new SourceHistory(applied, failed);
    }
  }

  /** The version the database is at: its newest applied version, or {@link Version#EMPTY}. */
  Version version() {
    return applied.stream().map(Version::fromVersion).max(Version::compareTo)
        .orElse(Version.EMPTY);
  }

  /**
   * Why the rehearsal cannot start from this history, or {@code null}: a failed migration, a version the chain
   * does not have, or a version of the chain below the newest applied one that was never applied.
   *
   * @param where the database, for the message
   */
  String refusal(MigrationChain chain, String where) {
    String engine = chain.settings().engine().name();
    if (!failed.isEmpty()) {
      return where + " has a failed migration in " + engine + "'s history (version " + String.join(", ", failed)
          + "). Repair it first (flyway repair, after fixing the database), then rehearse.";
    }
    if (applied.isEmpty()) {
      return where + " has no " + engine + " history (" + chain.settings().historyTable() + "), so its version is"
          + " unknown. Rehearse from a database " + engine + " migrated" + (chain.settings().stepsKnownByName()
              ? " (changelog-sync records a database made otherwise)." : ", or baseline it first (flyway baseline).");
    }
    List<String> chainVersions = chain.versioned().stream().map(m -> m.version().getVersion()).toList();
    for (String version : applied) {
      if (!chainVersions.contains(version)) {
        return where + " is at a version the migrations do not have: " + version + " (the migrations hold "
            + chain.describeVersions() + "). Check out the release that matches it, or point --migrations at its"
            + " folder.";
      }
    }
    Version first = applied.stream().map(Version::fromVersion).min(Version::compareTo)
        .orElseThrow();
    for (Migration migration : chain.versioned()) {
      if (migration.version().compareTo(first) > 0 && migration.version().compareTo(version()) < 0
          && !applied.contains(migration.version().getVersion())) {
        return where + "'s history is not a prefix of the migrations: " + migration.fileName() + " (version "
            + migration.version().getVersion() + ") is below its version " + version().getVersion() + " but was"
            + " never applied there. " + (chain.settings().stepsKnownByName()
                ? engine + " would run it before the newer ones; the rehearsal replays a release in order: apply it"
                    + " first." : "Flyway would refuse it as well (outOfOrder); apply it first.");
      }
    }
    return null;
  }
}
