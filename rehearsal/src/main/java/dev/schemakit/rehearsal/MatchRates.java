package dev.schemakit.rehearsal;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Names;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Table;
import dev.schemakit.rehearsal.RehearsalReport.MatchRate;
import dev.schemakit.sql.SqlScript;
import dev.schemakit.template.Dialect;
import dev.schemakit.template.VersionedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The figure teams compute by hand after a backfill: for every foreign-key or {@code *_id} column that the release
 * added (to an existing table, or with a new table) or filled ({@code UPDATE ... SET column = ...}), how many rows
 * have it filled and matching, how many are {@code NULL}, and how many point at no row (orphaned; counted where a
 * foreign key says what the column refers to).
 */
final class MatchRates {

  private MatchRates() {}

  /**
   * Measures the match rates on the database after the release.
   *
   * @param before the schema before the release
   * @param after the schema after it
   * @param scripts the pending migrations' statements
   */
  static List<MatchRate> measure(VersionedDatabase database, Catalog before, Catalog after,
      List<List<SqlScript.Statement>> scripts) throws SQLException {
    Set<String> filled = filledColumns(scripts);
    boolean sqlite = database.dialect() == Dialect.SQLITE;
    List<MatchRate> rates = new ArrayList<>();
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      ReleaseRun.untimed(connection, sqlite);
      for (Schema schema : after.schemas()) {
        for (Table table : schema.tables()) {
          Optional<Table> was = before.table(schema.name(), table.name());
          for (Column column : table.columns()) {
            boolean added = was.isEmpty() || was.get().column(column.name()).isEmpty();
            boolean updated = filled.contains(table.name().toLowerCase(Locale.ROOT) + "."
                + column.name().toLowerCase(Locale.ROOT));
            Optional<ForeignKey> key = table.foreignKeys().stream().filter(fk -> fk.columns().size() == 1
                && fk.columns().get(0).equals(column.name())).findFirst();
            boolean idLike = column.name().toLowerCase(Locale.ROOT).endsWith("_id");
            boolean soleKey = table.primaryKey() != null && table.primaryKey().columns().equals(List.of(column.name()));
            if (!(added || updated) || !(key.isPresent() || idLike) || soleKey) {
              continue;
            }
            rates.add(measure(statement, schema.name(), table.name(), column.name(), key.orElse(null), sqlite,
                added ? "added" : "filled"));
          }
        }
      }
    }
    return rates;
  }

  private static MatchRate measure(Statement statement, String schema, String table, String column, ForeignKey key,
      boolean sqlite, String how) throws SQLException {
    String from = sqlite ? Names.quote(table) : Names.quote(schema, table);
    String col = Names.quote(column);
    long total;
    long nonNull;
    try (ResultSet rs = statement.executeQuery("select count(*), count(" + col + ") from " + from)) {
      rs.next();
      total = rs.getLong(1);
      nonNull = rs.getLong(2);
    }
    Long orphaned = null;
    String references = null;
    if (key != null && !key.referencedColumns().isEmpty()) {
      String parentSchema = key.referencedSchema().isEmpty() ? schema : key.referencedSchema();
      String parent = sqlite ? Names.quote(key.referencedTable())
          : Names.quote(parentSchema, key.referencedTable());
      references = (sqlite ? "" : parentSchema + ".") + key.referencedTable() + "." + key.referencedColumns().get(0);
      try (ResultSet rs = statement.executeQuery("select count(*) from " + from + " c where c." + col
          + " is not null and not exists (select 1 from " + parent + " p where p."
          + Names.quote(key.referencedColumns().get(0)) + " = c." + col + ")")) {
        rs.next();
        orphaned = rs.getLong(1);
      }
    }
    long matched = nonNull - (orphaned == null ? 0 : orphaned);
    return new MatchRate((sqlite ? "" : schema + ".") + table + "." + column, how, references, total, matched,
        total - nonNull, orphaned);
  }

  /** {@code table.column} (lower case) of every column an {@code UPDATE ... SET column = ...} of the release fills. */
  static Set<String> filledColumns(List<List<SqlScript.Statement>> scripts) {
    Set<String> columns = new LinkedHashSet<>();
    for (List<SqlScript.Statement> script : scripts) {
      for (SqlScript.Statement statement : script) {
        List<SqlScript.Token> tokens = statement.tokens();
        int update = indexOfWord(tokens, "update", 0);
        if (update < 0 || update + 1 >= tokens.size()) {
          continue;
        }
        int i = update + 1;
        if (tokens.get(i).isWord("only")) {
          i++;
        }
        String table = tokens.get(i).value();
        if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
          table = tokens.get(i + 2).value();
        }
        int set = indexOfWord(tokens, "set", i);
        int depth = 0;
        for (int j = set + 1; set > 0 && j + 1 < tokens.size(); j++) {
          SqlScript.Token token = tokens.get(j);
          if (token.isSymbol("(")) {
            depth++;
          } else if (token.isSymbol(")")) {
            depth--;
          } else if (depth == 0 && (token.isWord("from") || token.isWord("where") || token.isWord("returning"))) {
            break;
          } else if (depth == 0 && token.isName() && tokens.get(j + 1).isSymbol("=")
              && (tokens.get(j - 1).isWord("set") || tokens.get(j - 1).isSymbol(","))) {
            columns.add(table.toLowerCase(Locale.ROOT) + "." + token.value().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return columns;
  }

  private static int indexOfWord(List<SqlScript.Token> tokens, String word, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).isWord(word)) {
        return i;
      }
    }
    return -1;
  }
}
