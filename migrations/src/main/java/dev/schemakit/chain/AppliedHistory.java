package dev.schemakit.chain;

import dev.schemakit.model.Names;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * What a live database's history table says of a chain: the chain's steps it records as applied, in the order they
 * ran, and those it records as failed. A step the history names but the chain does not have is in neither list.
 *
 * @param applied versions of the applied steps, in the order they ran
 * @param failed versions of the steps recorded as failed
 */
public record AppliedHistory(List<Version> applied, List<Version> failed) {

  /** The history of a database without a history table: nothing applied. */
  public static AppliedHistory none() {
    return new AppliedHistory(List.of(), List.of());
  }

  /**
   * The chain's history table on a live database, quoted and in the first schema the chain manages, or empty when
   * the database has none (the engine never ran there). For engines reading their history.
   *
   * @param connection a session on the live database, neither changed nor closed
   */
  public static Optional<String> table(ChainSettings settings, Connection connection) throws SQLException {
    String table = Names.quote(settings.snapshotSchemas().get(0), settings.historyTable());
    try (Statement statement = connection.createStatement();
        ResultSet exists = statement.executeQuery("SELECT to_regclass(" + Names.quoteLiteral(table)
            + ") IS NOT NULL")) {
      exists.next();
      return exists.getBoolean(1) ? Optional.of(table) : Optional.empty();
    }
  }

  /** A history; the lists are copied. */
  public AppliedHistory {
    applied = List.copyOf(applied);
    failed = List.copyOf(failed);
  }
}
