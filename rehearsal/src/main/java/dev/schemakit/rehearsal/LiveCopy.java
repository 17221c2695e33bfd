package dev.schemakit.rehearsal;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Names;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Copies the rows of a live PostgreSQL database into a private database that its migrations built at the same
 * version, table by table through {@code COPY ... TO STDOUT} on the source (a read-only session) and {@code COPY ...
 * FROM STDIN} on the copy, chunk by chunk: nothing is held in memory but one chunk, whatever the size of the source.
 *
 * <p>The copy's session runs with {@code session_replication_role = replica}, so neither foreign keys nor triggers
 * fire while rows arrive in any order (they were checked and fired on the source already). Sequences are set to the
 * source's values. With a sample, each table gets its first {@code ROWS} rows in primary-key order; then the rows whose
 * foreign keys point at rows not taken are deleted, table after table, until every foreign key holds, so the copy is
 * consistent (and smaller than {@code ROWS} per table where the samples of parent and child do not meet).
 */
final class LiveCopy {

  /**
   * What the copy moved.
   *
   * @param tables tables copied
   * @param rows rows copied (after the sample's foreign keys were made to hold)
   * @param bytes bytes of {@code COPY} data moved (binary where every column has a built-in type, else text)
   * @param millis wall time (the {@code ANALYZE} after it apart)
   * @param removedForKeys rows of a sample removed so that every foreign key holds
   */
  record Stats(int tables, long rows, long bytes, long millis, long removedForKeys) {}

  private LiveCopy() {}

  /**
   * Copies every table of the catalog.
   *
   * @param source a read-only session on the source
   * @param copy a session on the private copy (its settings are changed)
   * @param tables what the migrations built, without Flyway's history table (the copy keeps its own)
   * @param sample rows per table, or 0 for all
   */
  static Stats copy(Connection source, Connection copy, Catalog tables, long sample) throws SQLException {
    long started = System.nanoTime();
    try (Statement statement = copy.createStatement()) {
      statement.execute("SET session_replication_role = replica");
    }
    PGConnection from = source.unwrap(PGConnection.class);
    PGConnection to = copy.unwrap(PGConnection.class);
    long rows = 0;
    long bytes = 0;
    int count = 0;
    for (Schema schema : tables.schemas()) {
      for (Table table : schema.tables()) {
        String name = Names.quote(schema.name(), table.name());
        String columns = table.columns().stream().filter(column -> column.generated() == null)
            .map(Column::name).map(Names::quote).collect(Collectors.joining(", "));
        if (columns.isEmpty()) {
          continue;
        }
        String select = "SELECT " + columns + " FROM " + name;
        if (sample > 0) {
          String order = table.primaryKey() == null ? "" : " ORDER BY "
              + table.primaryKey().columns().stream().map(Names::quote).collect(Collectors.joining(", "));
          select += order + " LIMIT " + sample;
        }
        // the binary format spares both servers formatting and parsing text; a value of a type of the database's own
        // (an enum, a domain over one, an array of one) carries its type's oid there, which differs in the copy
        String format = builtInTypesOnly(source, schema.name(), table.name()) ? " (FORMAT binary)" : "";
        CopyOut out = from.getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT" + format);
        CopyIn in = to.getCopyAPI().copyIn("COPY " + name + " (" + columns + ") FROM STDIN" + format);
        try {
          byte[] chunk;
          while ((chunk = out.readFromCopy()) != null) {
            in.writeToCopy(chunk, 0, chunk.length);
            bytes += chunk.length;
          }
          rows += in.endCopy();
        } finally {
          if (in.isActive()) {
            in.cancelCopy();
          }
          if (out.isActive()) {
            out.cancelCopy();
          }
        }
        count++;
      }
    }
    copySequences(source, copy, tables);
    long removed = sample > 0 ? keepForeignKeys(copy, tables) : 0;
    long millis = (System.nanoTime() - started) / 1_000_000;
    try (Statement statement = copy.createStatement()) {
      statement.execute("RESET session_replication_role");
      // the planner's statistics, as production has them, for the migrations' own statements (not the copy's time)
      statement.execute("ANALYZE");
    }
    return new Stats(count, rows - removed, bytes, millis, removed);
  }

  /** Whether every column of the table has a type of PostgreSQL's own (and arrays of those). */
  private static boolean builtInTypesOnly(Connection source, String schema, String table) throws SQLException {
    try (var query = source.prepareStatement("SELECT count(*) FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
        + " LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typelem <> 0"
        + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0"
        + " AND NOT a.attisdropped AND (t.oid >= 16384 OR e.oid >= 16384)")) {
      query.setString(1, schema);
      query.setString(2, table);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 0;
      }
    }
  }

  /** Each sequence of the copied schemas set to the source's value (identity columns' included). */
  private static void copySequences(Connection source, Connection copy, Catalog tables) throws SQLException {
    List<String> schemas = tables.schemas().stream().map(Schema::name).toList();
    List<String[]> values = new ArrayList<>();
    try (var query = source.prepareStatement("SELECT schemaname, sequencename, last_value FROM pg_sequences"
        + " WHERE schemaname = any(?) AND last_value IS NOT NULL")) {
      query.setArray(1, source.createArrayOf("text", schemas.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          values.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    try (var setval = copy.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
      for (String[] sequence : values) {
        setval.setString(1, Names.quote(sequence[0], sequence[1]));
        setval.setLong(2, Long.parseLong(sequence[2]));
        setval.execute();
      }
    }
  }

  /** Deletes sampled rows whose foreign keys point at rows not taken, until none is left; returns how many. */
  private static long keepForeignKeys(Connection copy, Catalog tables) throws SQLException {
    long removed = 0;
    boolean again = true;
    while (again) {
      again = false;
      for (Schema schema : tables.schemas()) {
        for (Table table : schema.tables()) {
          for (ForeignKey key : table.foreignKeys()) {
            String child = Names.quote(schema.name(), table.name());
            String parent = Names.quote(key.referencedSchema().isEmpty() ? schema.name() : key.referencedSchema())
                + "." + Names.quote(key.referencedTable());
            StringBuilder matches = new StringBuilder();
            StringBuilder present = new StringBuilder();
            for (int i = 0; i < key.columns().size(); i++) {
              matches.append(i == 0 ? "" : " AND ").append("p.").append(Names.quote(key.referencedColumns().get(i)))
                  .append(" = c.").append(Names.quote(key.columns().get(i)));
              present.append(i == 0 ? "" : " AND ").append("c.").append(Names.quote(key.columns().get(i)))
                  .append(" IS NOT NULL");
            }
            try (Statement statement = copy.createStatement()) {
              int deleted = statement.executeUpdate("DELETE FROM " + child + " c WHERE " + present
                  + " AND NOT EXISTS (SELECT 1 FROM " + parent + " p WHERE " + matches + ")");
              removed += deleted;
              again |= deleted > 0;
            }
          }
        }
      }
    }
    return removed;
  }
}
