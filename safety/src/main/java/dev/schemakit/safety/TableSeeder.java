package dev.schemakit.safety;

import dev.schemakit.model.Messages;
import dev.schemakit.model.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts rows into every table of a database, parents before children, so that a migration run on it
 * meets data as it would in production: a rewrite then has rows to write, a validation rows to read,
 * a {@code NOT NULL} column without a default a row to fail on. Values are made from the row number,
 * by type: distinct where a unique key needs it, inside {@code varchar(n)}, enum labels in turn,
 * foreign keys pointing at parent rows. A table that refuses the rows (a check or trigger the
 * generated values do not meet) stays empty and is named in a note; the check still sees its
 * rewrites and locks.
 *
 * <p>The application's triggers are off while seeding ({@link UserTriggers}; foreign keys stay enforced), so a per-row
 * trigger cannot make seeding take minutes; tables that triggers fill in production stay as the generator filled
 * them. Each table's insert has a time bound ({@link #TABLE_TIME_BOUND_MILLIS}); past it, fewer rows go in and a note
 * says so.
 */
final class TableSeeder {

  private record Column(String name, String type, char category, boolean notNull, boolean hasDefault, int length,
      String parentTable, String parentColumn, int enumLabels) {}

  private record Table(long oid, String qualified, String name, List<Column> columns, Set<Long> parents) {}

  /**
   * How long one table's rows may take. A generated insert of a few thousand rows takes milliseconds; what takes
   * longer is the application's work per row (a trigger that rebuilds aggregates from views), which the check
   * does not need to measure a migration's locks and rewrites.
   */
  static final int TABLE_TIME_BOUND_MILLIS = 5_000;
  private static final String TIMED_OUT = "57014";

  private TableSeeder() {}

  /**
   * Seeds the tables of these schemas with {@code rows} rows each, those {@code holdsRows} accepts (by name).
   *
   * @return one note per table that could not be seeded, with the server's reason
   */
  static List<String> seed(Connection connection, List<String> schemas, String historyTable, int rows,
      java.util.function.Predicate<String> holdsRows) throws SQLException {
    List<Table> tables = order(tables(connection, schemas, historyTable).stream()
        .filter(table -> holdsRows.test(table.name())).toList());
    List<String> notes = new ArrayList<>();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    set(connection, "statement_timeout", TABLE_TIME_BOUND_MILLIS + "ms");
    try (UserTriggers off = UserTriggers.disable(connection, tables.stream().map(Table::oid).toList())) {
      for (Table table : tables) {
        SQLException failure = insert(connection, table, rows);
        if (failure == null) {
          continue;
        }
        int fewer = Math.max(1, rows / 100);
        if (TIMED_OUT.equals(failure.getSQLState()) && fewer < rows && insert(connection, table, fewer) == null) {
          notes.add("put only " + fewer + " rows into " + table.qualified() + ": "
              + String.format(java.util.Locale.ROOT, "%,d", rows) + " took longer than "
              + TABLE_TIME_BOUND_MILLIS / 1000 + " s (a slow default, or a trigger of another owner?)");
        } else if (insert(connection, table, 1) != null) {
          notes.add("could not put rows into " + table.qualified() + " (" + Messages.firstLine(failure)
              + "); it stays empty");
        }
      }
    } finally {
      reset(connection, "statement_timeout");
      connection.setAutoCommit(autoCommit);
    }
    return notes;
  }

  private static void set(Connection connection, String setting, String value) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("set " + setting + " = '" + value + "'");
    }
  }

  private static void reset(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("reset " + setting);
    }
  }

  /** {@code null} when the rows went in, else what the server said. */
  private static SQLException insert(Connection connection, Table table, int rows) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    for (Column column : table.columns()) {
      String value = value(column, parents);
      if (value != null) {
        names.add(Names.quote(column.name()));
        values.add(value);
      }
    }
    // with no column to fill, a zero-column select inserts rows of defaults only
    String sql = "insert into " + table.qualified() + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
        + " select " + String.join(", ", values) + " from generate_series(1, " + rows + ") g" + String.join("", parents);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  /** The expression for a column in row {@code g}, or {@code null} to leave it to its default. */
  private static String value(Column column, List<String> parents) {
    if (column.parentTable() != null) {
      String alias = "p" + parents.size();
      parents.add(", (select array_agg(" + Names.quote(column.parentColumn()) + " order by " + Names.quote(column.parentColumn())
          + ") as k from " + column.parentTable() + ") " + alias);
      return alias + ".k[1 + (g - 1) % greatest(cardinality(" + alias + ".k), 1)]";
    }
    if (column.hasDefault()) {
      return null;
    }
    String cast = "::" + column.type();
    String value = switch (column.category()) {
      case 'N' -> column.type().startsWith("numeric") || column.type().startsWith("real")
          || column.type().startsWith("double") ? "(g % 100)" : "g";
      case 'S' -> column.length() > 0 && column.length() < 6 ? "right(g::text, " + column.length() + ")"
          : column.length() > 0 ? "left('r' || g, " + column.length() + ")" : "('r' || g)";
      case 'B' -> "(g % 2 = 0)";
      case 'D' -> "(timestamp '2020-01-01' + g * interval '1 minute')";
      case 'T' -> "(g * interval '1 second')";
      case 'E' -> "(enum_range(null" + cast + "))[1 + g % " + Math.max(column.enumLabels(), 1) + "]";
      case 'A' -> "'{}'";
      case 'I' -> "('10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256)";
      case 'U' -> column.type().equals("uuid") ? "md5(g::text)"
          : column.type().startsWith("json") ? "'{}'" : column.notNull() ? "''" : null;
      default -> column.notNull() ? "''" : null;
    };
    return value == null ? null : value + cast;
  }

  private static List<Table> tables(Connection connection, List<String> schemas, String historyTable)
      throws SQLException {
    Map<Long, Table> tables = new LinkedHashMap<>();
    String sql = """
        select c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname) as qualified, c.relname,
               a.attname, format_type(a.atttypid, a.atttypmod) as type,
               coalesce(bt.typcategory, t.typcategory) as category, a.attnotnull,
               a.atthasdef or a.attidentity <> '' or a.attgenerated <> '' as has_default,
               case when a.atttypmod > 4 and coalesce(bt.typcategory, t.typcategory) = 'S' then a.atttypmod - 4
                    else 0 end as length,
               (select (select quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
                          from pg_class pc join pg_namespace pn on pn.oid = pc.relnamespace where pc.oid = k.confrelid)
                  from pg_constraint k where k.conrelid = c.oid and k.contype = 'f' and k.conkey = array[a.attnum]
                   and k.confrelid <> c.oid limit 1) as parent_table,
               (select pa.attname from pg_constraint k join pg_attribute pa on pa.attrelid = k.confrelid
                   and pa.attnum = k.confkey[1]
                  where k.conrelid = c.oid and k.contype = 'f' and k.conkey = array[a.attnum] and k.confrelid <> c.oid
                  limit 1) as parent_column,
               (select k.confrelid from pg_constraint k where k.conrelid = c.oid and k.contype = 'f'
                   and k.conkey = array[a.attnum] and k.confrelid <> c.oid limit 1) as parent_oid,
               (select count(*) from pg_enum e where e.enumtypid = a.atttypid) as enum_labels,
               exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'f'
                   and k.confrelid = c.oid and a.attnum = any(k.conkey)) as self_reference
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          join pg_type t on t.oid = a.atttypid
          left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
         where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(?) and c.relname <> ?
         order by c.oid, a.attnum
        """;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      query.setString(2, historyTable);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong("oid");
          Table table = tables.computeIfAbsent(oid, o -> {
            try {
              return new Table(o, rs.getString("qualified"), rs.getString("relname"), new ArrayList<>(),
                  new LinkedHashSet<>());
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
          boolean selfReference = rs.getBoolean("self_reference");
          boolean notNull = rs.getBoolean("attnotnull");
          if (selfReference && !notNull) {
            continue; // a nullable reference to its own table: NULL is always a valid value
          }
          long parent = rs.getLong("parent_oid");
          if (!rs.wasNull()) {
            table.parents().add(parent);
          }
          table.columns().add(new Column(rs.getString("attname"), rs.getString("type"),
              rs.getString("category").charAt(0), notNull, rs.getBoolean("has_default"), rs.getInt("length"),
              rs.getString("parent_table"), rs.getString("parent_column"), rs.getInt("enum_labels")));
        }
      }
    }
    return new ArrayList<>(tables.values());
  }

  /** Parents before children; a cycle keeps its tables in catalog order. */
  private static List<Table> order(List<Table> tables) {
    List<Table> ordered = new ArrayList<>();
    Set<Long> placed = new LinkedHashSet<>();
    List<Table> waiting = new ArrayList<>(tables);
    while (!waiting.isEmpty()) {
      Table next = waiting.stream().filter(t -> t.parents().stream().allMatch(p -> placed.contains(p) || p == t.oid()
          || tables.stream().noneMatch(o -> o.oid() == p))).findFirst().orElse(waiting.get(0));
      waiting.remove(next);
      placed.add(next.oid());
      ordered.add(next);
    }
    return ordered;
  }
}
