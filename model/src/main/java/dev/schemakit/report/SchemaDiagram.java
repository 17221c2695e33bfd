package dev.schemakit.report;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Schema;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tables drawn as a Mermaid {@code erDiagram}, which GitHub renders in Markdown and the HTML reports render in the
 * browser: the tables a change touches (or that drifted) with their columns, their foreign-key neighbours one level
 * out, and marks on what changed. Large drawings are cut: to the marked tables first, then to a number of them, with
 * a line saying how many were left out.
 *
 * <pre>{@code
 * SchemaDiagram diagram = SchemaDiagram.of(after, before, Map.of("public.guilds", Mark.CHANGED),
 *     Map.of("public.guilds.realm", Mark.ADDED), 30);
 * String markdown = "```mermaid\n" + diagram.mermaid() + "```\n" + diagram.legend();
 * }</pre>
 *
 * @param mermaid the diagram's text, starting {@code erDiagram}
 * @param tables the tables drawn, qualified ({@code public.guilds})
 * @param leftOut how many tables that belonged in the drawing were cut
 * @param legend one Markdown line: what the marks mean, what was left out
 */
public record SchemaDiagram(String mermaid, List<String> tables, int leftOut, String legend) {

  /** What happened to a table or a column. */
  public enum Mark {
    ADDED, REMOVED, CHANGED, DRIFTED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The marked tables and their neighbours.
   *
   * @param catalog the schema drawn (a diff's head; a verified database's contract)
   * @param removedFrom where tables and columns marked removed are found (a diff's base), or {@code null}
   * @param tableMarks marks by qualified table name ({@code public.guilds})
   * @param columnMarks marks by qualified column name ({@code public.guilds.realm})
   * @param maxTables the most tables drawn
   */
  public static SchemaDiagram of(Catalog catalog, Catalog removedFrom, Map<String, Mark> tableMarks,
      Map<String, Mark> columnMarks, int maxTables) {
    Map<String, Table> all = tables(catalog);
    Map<String, Table> removed = removedFrom == null ? Map.of() : tables(removedFrom);
    Set<String> marked = new LinkedHashSet<>();
    tableMarks.keySet().stream().sorted().filter(name -> all.containsKey(name) || removed.containsKey(name))
        .forEach(marked::add);
    Set<String> neighbours = new LinkedHashSet<>();
    for (String name : marked) {
      Table table = all.getOrDefault(name, removed.get(name));
      String schema = name.substring(0, name.indexOf('.'));
      table.foreignKeys().forEach(fk -> neighbours.add(referenced(schema, fk)));
      all.forEach((other, candidate) -> candidate.foreignKeys().stream()
          .filter(fk -> referenced(other.substring(0, other.indexOf('.')), fk).equals(name))
          .findAny().ifPresent(fk -> neighbours.add(other)));
    }
    neighbours.removeAll(marked);
    neighbours.removeIf(name -> !all.containsKey(name));
    return draw(all, removed, tableMarks, columnMarks, List.copyOf(marked), neighbours, maxTables);
  }

  /**
   * Every table of a schema, the marked ones first when the drawing must be cut: a verified database's drawing, its
   * drifted tables marked.
   */
  public static SchemaDiagram whole(Catalog catalog, Map<String, Mark> tableMarks, Map<String, Mark> columnMarks,
      int maxTables) {
    Map<String, Table> all = tables(catalog);
    List<String> marked = all.keySet().stream().filter(tableMarks::containsKey).toList();
    List<String> others = all.keySet().stream().filter(name -> !tableMarks.containsKey(name)).toList();
    List<String> ordered = new ArrayList<>(marked);
    ordered.addAll(others);
    return draw(all, Map.of(), tableMarks, columnMarks, ordered, Set.of(), maxTables);
  }

  private static SchemaDiagram draw(Map<String, Table> all, Map<String, Table> removed, Map<String, Mark> tableMarks,
      Map<String, Mark> columnMarks, List<String> marked, Set<String> neighbours, int maxTables) {
    List<String> drawn = new ArrayList<>(marked);
    int leftOut = 0;
    if (drawn.size() > maxTables) {
      leftOut = drawn.size() - maxTables + neighbours.size();
      drawn = new ArrayList<>(drawn.subList(0, maxTables));
    } else if (drawn.size() + neighbours.size() > maxTables) {
      leftOut = neighbours.size();
    } else {
      drawn.addAll(neighbours.stream().sorted().toList());
    }
    boolean oneSchema = drawn.stream().map(n -> n.substring(0, n.indexOf('.'))).distinct().count() <= 1;
    StringBuilder out = new StringBuilder("erDiagram\n");
    for (String name : drawn) {
      Table table = all.getOrDefault(name, removed.get(name));
      Mark mark = tableMarks.get(name);
      out.append("  ").append(id(name)).append("[\"").append(oneSchema ? name.substring(name.indexOf('.') + 1) : name)
          .append(mark == null ? "" : " (" + mark.word() + ")").append("\"]");
      List<Column> columns = new ArrayList<>(table.columns());
      Table before = removed.get(name);
      if (before != null && all.containsKey(name)) {
        before.columns().stream().filter(c -> table.column(c.name()).isEmpty()).forEach(columns::add);
      }
      if (columns.isEmpty()) {
        out.append('\n');
        continue;
      }
      out.append(" {\n");
      for (Column column : columns) {
        Mark columnMark = columnMarks.get(name + "." + column.name());
        out.append("    ").append(word(column.type() == null ? "unknown" : SqlTypes.preferred(column.type())))
            .append(' ').append(word(column.name())).append(key(table, column.name()))
            .append(columnMark == null ? "" : " \"" + columnMark.word() + "\"").append('\n');
      }
      out.append("  }\n");
    }
    for (String name : drawn) {
      Table table = all.getOrDefault(name, removed.get(name));
      String schema = name.substring(0, name.indexOf('.'));
      for (ForeignKey fk : table.foreignKeys()) {
        String parent = referenced(schema, fk);
        if (drawn.contains(parent)) {
          boolean optional = fk.columns().stream().map(table::column).anyMatch(c -> c.isEmpty()
              || !Boolean.FALSE.equals(c.get().nullable()));
          out.append("  ").append(id(name)).append(" }o--").append(optional ? "o|" : "||").append(' ')
              .append(id(parent)).append(" : \"").append(String.join(", ", fk.columns()).replace("\"", ""))
              .append("\"\n");
        }
      }
    }
    List<String> shown = drawn;
    long markedLeftOut = tableMarks.keySet().stream()
        .filter(name -> (all.containsKey(name) || removed.containsKey(name)) && !shown.contains(name)).count();
    String legend = "Tables marked (added), (removed), (changed) or (drifted) in their title, columns after their"
        + " type and name" + (neighbours.isEmpty() ? "." : "; the other tables are their foreign-key neighbours,"
        + " one level out.") + (leftOut == 0 ? "" : " " + leftOut + " table(s) left out to keep the drawing readable"
        + (markedLeftOut == 0 ? ", none of them marked." : ", " + markedLeftOut + " of them marked."));
    return new SchemaDiagram(out.toString(), List.copyOf(drawn), leftOut, legend);
  }

  private static Map<String, Table> tables(Catalog catalog) {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Schema schema : catalog.schemas()) {
      for (Table table : schema.tables()) {
        tables.put(schema.name() + "." + table.name(), table);
      }
    }
    return tables;
  }

  private static String referenced(String schema, ForeignKey fk) {
    return (fk.referencedSchema() == null ? schema : fk.referencedSchema()) + "." + fk.referencedTable();
  }

  private static String key(Table table, String column) {
    List<String> keys = new ArrayList<>();
    if (table.primaryKey() != null && table.primaryKey().columns().contains(column)) {
      keys.add("PK");
    }
    if (table.foreignKeys().stream().anyMatch(fk -> fk.columns().contains(column))) {
      keys.add("FK");
    }
    return keys.isEmpty() ? "" : " " + String.join(", ", keys);
  }

  /** An entity's id: letters, digits and underscores only, as every Mermaid version reads it. */
  private static String id(String qualified) {
    return "t_" + qualified.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** A type or column name as an attribute word: Mermaid reads letters, digits, {@code _-()[]}. */
  private static String word(String text) {
    String word = text.replace(' ', '_').replaceAll("[^A-Za-z0-9_()\\[\\]-]", "_");
    return Character.isLetter(word.charAt(0)) || word.charAt(0) == '_' ? word : "_" + word;
  }
}
