package dev.schemakit.rehearsal;

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
 * A database's Flyway history as the rehearsal needs it: the versions applied, in order, and the failed ones.
 *
 * @param applied the versions applied successfully, in Flyway's order
 * @param failed the versions whose migration failed
 */
record SourceHistory(List<String> applied, List<String> failed) {

  /** Reads the history table of the chain's settings; a database without one is at no version. */
  static SourceHistory read(Connection connection, MigrationChain chain, boolean sqlite) throws SQLException {
    String table = historyTable(chain, sqlite);
    try (Statement statement = connection.createStatement()) {
      String exists = sqlite
          ? "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '" + table.replace("\"", "") + "'"
          : "SELECT to_regclass('" + table.replace("'", "''") + "') IS NOT NULL";
      try (ResultSet rs = statement.executeQuery(exists)) {
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

  /** Flyway's history table, in the first schema Flyway manages (PostgreSQL) or unqualified (SQLite). */
  static String historyTable(MigrationChain chain, boolean sqlite) {
    return sqlite ? Names.quote(chain.settings().historyTable())
        : Names.quote(chain.settings().snapshotSchemas().get(0), chain.settings().historyTable());
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
    if (!failed.isEmpty()) {
      return where + " has a failed migration in Flyway's history (version " + String.join(", ", failed) + "). Repair"
          + " it first (flyway repair, after fixing the database), then rehearse.";
    }
    if (applied.isEmpty()) {
      return where + " has no Flyway history (" + chain.settings().historyTable() + "), so its version is unknown."
          + " Rehearse from a database Flyway migrated, or baseline it first (flyway baseline).";
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
            + " never applied there. Flyway would refuse it as well (outOfOrder); apply it first.";
      }
    }
    return null;
  }
}
