package dev.schemakit.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The files ({@code pg_class.relfilenode}) of tables and their indexes: a statement that rewrites a table or rebuilds
 * an index gives it a new one, however fast it went on a small table. Read before and after a migration. For
 * implementors.
 *
 * @param files table oid -> (oid of the table or one of its indexes -> its file and name, {@code "16384 orders"})
 */
public record RelationFiles(Map<Long, Map<Long, String>> files) {

  public RelationFiles {
    files = Map.copyOf(files);
  }

  /** The files of these tables and of their indexes, now. */
  public static RelationFiles of(Connection connection, Collection<Long> tables) throws SQLException {
    Map<Long, Map<Long, String>> files = new HashMap<>();
    String sql = "select c.oid as table_oid, c.oid, c.relfilenode, c.relname from pg_class c where c.oid = any(?)"
        + " union all select i.indrelid, x.oid, x.relfilenode, x.relname from pg_index i"
        + " join pg_class x on x.oid = i.indexrelid where i.indrelid = any(?)";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      java.sql.Array oids = connection.createArrayOf("bigint", tables.toArray());
      query.setArray(1, oids);
      query.setArray(2, oids);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          files.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getLong(2), rs.getLong(3) + " "
              + rs.getString(4));
        }
      }
    }
    return new RelationFiles(files);
  }

  /** Whether the table itself has another file in {@code after} (a table gone is no rewrite). */
  public boolean tableRewritten(long table, RelationFiles after) {
    String was = files.getOrDefault(table, Map.of()).get(table);
    String is = after.files.getOrDefault(table, Map.of()).get(table);
    return was != null && is != null && !Objects.equals(was, is);
  }

  /** The names of the table's indexes that existed before and have another file in {@code after}. */
  public List<String> indexesRebuilt(long table, RelationFiles after) {
    List<String> rebuilt = new ArrayList<>();
    Map<Long, String> was = files.getOrDefault(table, Map.of());
    Map<Long, String> is = after.files.getOrDefault(table, Map.of());
    was.forEach((relation, file) -> {
      if (relation != table && is.containsKey(relation) && !is.get(relation).equals(file)) {
        rebuilt.add(is.get(relation).substring(is.get(relation).indexOf(' ') + 1));
      }
    });
    rebuilt.sort(null);
    return rebuilt;
  }
}
