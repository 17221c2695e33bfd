package dev.schemakit.safety;

import dev.schemakit.model.Names;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The application's triggers on some tables, turned off while the dynamic check seeds them and put back as they were
 * afterwards ({@code ENABLE}, {@code ENABLE ALWAYS} or {@code ENABLE REPLICA}). A per-row trigger that rebuilds
 * aggregates from views would otherwise make seeding take minutes. Foreign keys are internal triggers and stay on:
 * the generated keys must still point at parent rows. A trigger the session may not alter (a table another role owns)
 * stays on, and the seeding's time bound covers it.
 */
final class UserTriggers implements AutoCloseable {

  private record Turned(String table, String trigger, char enabled) {}

  private final Connection connection;
  private final List<Turned> turnedOff;

  private UserTriggers(Connection connection, List<Turned> turnedOff) {
    this.connection = connection;
    this.turnedOff = turnedOff;
  }

  /** Disables every enabled, non-internal trigger on these tables (by oid) over this connection. */
  static UserTriggers disable(Connection connection, Collection<Long> tables) throws SQLException {
    List<Turned> enabled = new ArrayList<>();
    Array oids = connection.createArrayOf("bigint", tables.toArray());
    try (PreparedStatement query = connection.prepareStatement("select t.tgrelid::regclass::text, t.tgname,"
        + " t.tgenabled from pg_trigger t where not t.tgisinternal and t.tgenabled <> 'D'"
        + " and t.tgrelid::bigint = any(?) order by t.tgrelid, t.tgname")) {
      query.setArray(1, oids);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          enabled.add(new Turned(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0)));
        }
      }
    }
    List<Turned> turnedOff = new ArrayList<>();
    for (Turned trigger : enabled) {
      if (alter(connection, trigger.table(), "DISABLE TRIGGER " + Names.quote(trigger.trigger()))) {
        turnedOff.add(trigger);
      }
    }
    return new UserTriggers(connection, turnedOff);
  }

  /** Puts every trigger turned off back as it was. */
  @Override
  public void close() {
    for (Turned trigger : turnedOff) {
      String mode = switch (trigger.enabled()) {
        case 'A' -> "ENABLE ALWAYS TRIGGER ";
        case 'R' -> "ENABLE REPLICA TRIGGER ";
        default -> "ENABLE TRIGGER ";
      };
      alter(connection, trigger.table(), mode + Names.quote(trigger.trigger()));
    }
  }

  /** {@code false} when the session may not alter the table; the trigger then stays as it is. */
  private static boolean alter(Connection connection, String table, String change) {
    try (Statement statement = connection.createStatement()) {
      // regclass text is already quoted where it must be
      statement.execute("ALTER TABLE " + table + " " + change);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
