package dev.schemakit.change;

import dev.schemakit.change.Change.Category;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Table;
import dev.schemakit.report.Reports;
import dev.schemakit.report.SchemaDiagram;
import dev.schemakit.report.SchemaDiagram.Mark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders contract changes: Markdown for a sticky pull request comment or a CI job summary, plain text
 * for a terminal, JSON for tools.
 */
public final class ChangeReports {

  /** The first line of every Markdown report, so a CI job can find and update its earlier comment. */
  public static final String MARKDOWN_MARKER = "<!-- schemakit:contract-diff -->";

  /** GitHub refuses comments longer than 65,536 characters; this leaves room for the fallback text. */
  public static final int GITHUB_COMMENT_LIMIT = 60_000;

  private ChangeReports() {}

  /**
   * Markdown: the marker line, a summary table, the breaking changes in full, every change in a collapsed
   * section. When that exceeds {@code maxChars}, the collapsed section is left out and a line says how
   * many changes are not shown (the breaking list is cut too, if it alone is too long).
   */
  public static String markdown(List<Change> changes, int maxChars) {
    return markdown(changes, null, maxChars);
  }

  /**
   * {@link #markdown(List, int)} with a diagram of the tables the change touches (a Mermaid {@code erDiagram} that
   * GitHub draws; see {@link SchemaDiagram}) after the breaking changes. When the comment is too long, the list of
   * all changes goes first, then the diagram.
   *
   * @param diagram the drawing, from {@link #diagram}; {@code null} for none
   */
  public static String markdown(List<Change> changes, SchemaDiagram diagram, int maxChars) {
    StringBuilder head = new StringBuilder(MARKDOWN_MARKER).append('\n').append("### Schema contract changes\n\n");
    if (changes.isEmpty()) {
      return head.append("No changes to the schema contract.\n").toString();
    }
    List<Change> breaking = changes.stream().filter(Change::breaking).toList();
    head.append("| additive | changed | destructive | breaking for the running version |\n")
        .append("|---:|---:|---:|---:|\n")
        .append("| ").append(count(changes, Category.ADDITIVE)).append(" | ").append(count(changes, Category.CHANGED))
        .append(" | ").append(count(changes, Category.DESTRUCTIVE)).append(" | ")
        .append(breaking.isEmpty() ? "0" : "**" + breaking.size() + "**").append(" |\n\n");
    StringBuilder breakingList = new StringBuilder();
    if (!breaking.isEmpty()) {
      breakingList.append("**Breaking for an application version still running on the old schema:**\n\n");
      breaking.forEach(c -> breakingList.append("- `").append(c.path()).append("`: ").append(escape(c.description()))
          .append('\n'));
      breakingList.append('\n');
    }
    StringBuilder details = new StringBuilder("<details><summary>All ").append(changes.size())
        .append(" change(s)</summary>\n\n| | change |\n|---|---|\n");
    changes.forEach(c -> details.append("| ").append(label(c)).append(" | ").append(escape(c.description()))
        .append(" |\n"));
    details.append("\n</details>\n");
    String drawing = diagram == null || diagram.tables().isEmpty() ? "" : "#### Tables the change touches\n\n```mermaid\n"
        + diagram.mermaid() + "```\n\n_" + diagram.legend() + "_\n\n";
    if (head.length() + breakingList.length() + drawing.length() + details.length() <= maxChars) {
      return head.append(breakingList).append(drawing).append(details).toString();
    }
    if (head.length() + breakingList.length() + drawing.length() + 200 <= maxChars) {
      return head.append(breakingList).append(drawing).append("_").append(changes.size()).append(" change(s) in total;"
          + " the full list does not fit in ").append(maxChars).append(" characters. Run `schemakit diff` locally or"
          + " see the job's report files._\n").toString();
    }
    String omitted = "\n_" + changes.size() + " change(s) in total; the full list does not fit in " + maxChars
        + " characters. Run `schemakit diff` locally or see the job's report files._\n";
    if (head.length() + breakingList.length() + omitted.length() <= maxChars) {
      return head.append(breakingList).append(omitted).toString();
    }
    int room = Math.max(0, maxChars - head.length() - omitted.length());
    String cut = breakingList.substring(0, Math.min(room, breakingList.length()));
    return head.append(cut, 0, Math.max(0, cut.lastIndexOf('\n') + 1)).append(omitted).toString();
  }

  /**
   * The drawing of what the changes touch: every table a change is about, marked added, removed or changed, its
   * columns that changed marked the same way, and the tables one foreign key away.
   *
   * @param before the base's contract
   * @param after the head's contract
   * @param maxTables the most tables drawn
   */
  public static SchemaDiagram diagram(List<Change> changes, Catalog before, Catalog after, int maxTables) {
    Map<String, Mark> tables = new LinkedHashMap<>();
    Map<String, Mark> columns = new LinkedHashMap<>();
    for (Change change : changes) {
      int dot = change.subject().indexOf('.');
      if (dot < 0) {
        continue;
      }
      String schema = change.subject().substring(0, dot);
      String name = change.subject().substring(dot + 1);
      Table old = before.table(schema, name).orElse(null);
      Table current = after.table(schema, name).orElse(null);
      if (old == null && current == null) {
        continue; // an enum, a sequence, a function: not drawn
      }
      tables.merge(change.subject(), old == null ? Mark.ADDED : current == null ? Mark.REMOVED : Mark.CHANGED,
          (a, b) -> a);
      if (old != null && current != null) {
        // a renamed column is a removed one and an added one in the drawing
        current.columns().stream().filter(c -> old.column(c.name()).isEmpty())
            .forEach(c -> columns.put(change.subject() + "." + c.name(), Mark.ADDED));
        old.columns().stream().filter(c -> current.column(c.name()).isEmpty())
            .forEach(c -> columns.put(change.subject() + "." + c.name(), Mark.REMOVED));
      }
      if (old != null && current != null && change.path().startsWith(change.subject() + ".")) {
        for (String column : change.path().substring(change.subject().length() + 1).split(",")) {
          boolean was = old.column(column).isPresent();
          boolean is = current.column(column).isPresent();
          if (was || is) {
            columns.merge(change.subject() + "." + column, !was ? Mark.ADDED : !is ? Mark.REMOVED : Mark.CHANGED,
                (a, b) -> a);
          }
        }
      }
    }
    return SchemaDiagram.of(after, before, tables, columns, maxTables);
  }

  /** One line per change: {@code BREAKING DESTRUCTIVE public.guilds.realm: ...}. */
  public static String text(List<Change> changes) {
    if (changes.isEmpty()) {
      return "No changes to the schema contract.\n";
    }
    StringBuilder out = new StringBuilder();
    for (Change change : changes) {
      out.append(String.format("%-9s%-12s %s: %s%n", change.breaking() ? "BREAKING" : "",
          change.category(), change.path(), change.description()));
    }
    out.append(changes.size()).append(" change(s): ").append(count(changes, Category.ADDITIVE)).append(" additive, ")
        .append(count(changes, Category.CHANGED)).append(" changed, ").append(count(changes, Category.DESTRUCTIVE))
        .append(" destructive; ").append(changes.stream().filter(Change::breaking).count())
        .append(" breaking for the running version.\n");
    return out.toString();
  }

  /** {@code {"summary": {...}, "changes": [{"category": ..., "breaking": ..., ...}]}}. */
  public static String json(List<Change> changes) {
    Map<String, Long> summary = new LinkedHashMap<>();
    for (Category category : Category.values()) {
      summary.put(category.name().toLowerCase(java.util.Locale.ROOT), count(changes, category));
    }
    summary.put("breaking", changes.stream().filter(Change::breaking).count());
    StringBuilder out = new StringBuilder("{\n  \"summary\": {");
    out.append(String.join(", ", summary.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": " + e.getValue()).toList()));
    out.append("},\n  \"changes\": [");
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"category\": \"").append(c.category().name().toLowerCase(
              java.util.Locale.ROOT)).append("\", \"breaking\": ").append(c.breaking())
          .append(", \"subject\": ").append(Reports.jsonString(c.subject())).append(", \"path\": ").append(Reports.jsonString(c.path()))
          .append(", \"description\": ").append(Reports.jsonString(c.description())).append('}');
    }
    return out.append(changes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static String label(Change change) {
    String category = switch (change.category()) {
      case ADDITIVE -> "additive";
      case CHANGED -> "changed";
      case DESTRUCTIVE -> "destructive";
    };
    return change.breaking() ? "**breaking**, " + category : category;
  }

  private static long count(List<Change> changes, Category category) {
    return changes.stream().filter(c -> c.category() == category).count();
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
