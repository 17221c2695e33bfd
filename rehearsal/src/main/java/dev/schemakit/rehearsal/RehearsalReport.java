package dev.schemakit.rehearsal;

import static dev.schemakit.report.Reports.jsonString;

import dev.schemakit.diff.DiffResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a rehearsal measured, as text for a terminal, Markdown for the pull request and JSON for tools.
 *
 * @param source the source and how its copy was made (one line)
 * @param copied what was copied or restored to make the rehearsal's database, or {@code null} (in place, or stopped)
 * @param fromVersion the version the source was at
 * @param toVersion the version after the release ({@code fromVersion} when nothing was pending)
 * @param steps one per pending migration applied (or tried)
 * @param rowsBefore rows per table before the release
 * @param rowsAfter rows per table after it
 * @param matchRates the backfilled keys
 * @param contract the contracts compared with the schema after the release, or {@code null}
 * @param undo the undo of the release, or {@code null} when it was not rehearsed ({@link #notes} say why)
 * @param lockBudgetMillis the budget for locks that block reads or writes
 * @param notes what was not measured and why, and how the source was read
 * @param findings the errors; the rehearsal passed when there are none
 */
public record RehearsalReport(String source, Copied copied, String fromVersion, String toVersion, List<Step> steps,
    Map<String, Long> rowsBefore, Map<String, Long> rowsAfter, List<MatchRate> matchRates, DiffResult contract,
    Undo undo, long lockBudgetMillis, List<String> notes, List<RehearsalFinding> findings) {

  /**
   * What making the copy moved.
   *
   * @param rows rows copied or restored (0 for a SQLite file, which is copied page by page)
   * @param bytes bytes read from the source ({@code COPY} text, the dump, the SQLite file)
   * @param millis wall time
   */
  public record Copied(long rows, long bytes, long millis) {

    /** Megabytes (10^6 bytes) per second. */
    public double megabytesPerSecond() {
      return millis == 0 ? 0 : bytes / 1e6 / (millis / 1000.0);
    }
  }

  /**
   * One migration on the copy.
   *
   * @param version its version
   * @param file its file name
   * @param millis wall time of the migration (Flyway's own work included)
   * @param tables what it did to each table that existed before the release (PostgreSQL only)
   * @param failure why it failed, or {@code null}
   */
  public record Step(String version, String file, long millis, List<TableEffect> tables, String failure) {}

  /**
   * What one migration did to one table that existed before the release.
   *
   * @param table {@code schema.table}
   * @param lock the strongest lock mode held ({@code ACCESS EXCLUSIVE}), or {@code null}
   * @param heldMillis how long a lock that blocks reads or writes was held, or 0
   * @param blocks what that lock blocks: {@code reads and writes}, {@code writes} or {@code nothing}
   * @param where the statement that took the lock ({@code file:line}), or the file
   * @param rewritten whether the table got a new file (every row written again)
   * @param rowsWritten rows inserted, updated or deleted
   * @param bytesBefore the table's size with its indexes before
   * @param bytesAfter after
   * @param dropped whether the migration dropped the table
   */
  public record TableEffect(String table, String lock, double heldMillis, String blocks, String where,
      boolean rewritten, long rowsWritten, long bytesBefore, long bytesAfter, boolean dropped) {}

  /**
   * A key column the release added or filled.
   *
   * @param column {@code schema.table.column}
   * @param how {@code added} or {@code filled}
   * @param references {@code schema.table.column} its foreign key points at, or {@code null}
   * @param rows rows in the table
   * @param matched rows with a value that matches (a parent row exists, where a foreign key says which)
   * @param nulls rows where it is {@code NULL}
   * @param orphaned rows whose value points at no row, or {@code null} without a foreign key
   */
  public record MatchRate(String column, String how, String references, long rows, long matched, long nulls,
      Long orphaned) {

    /** Matched rows as a percentage of all rows; 100 for an empty table. */
    public double percent() {
      return rows == 0 ? 100.0 : 100.0 * matched / rows;
    }
  }

  /**
   * The undo of the release on the copy.
   *
   * @param millis how long the undo scripts took
   * @param version the version it returned to
   * @param schemaDiff the schema after the undo compared with the one before the release
   * @param rowsAfterUndo rows per table after the undo
   */
  public record Undo(long millis, String version, DiffResult schemaDiff, Map<String, Long> rowsAfterUndo) {}

  public RehearsalReport {
    steps = List.copyOf(steps);
    matchRates = List.copyOf(matchRates);
    notes = List.copyOf(notes);
    findings = List.copyOf(findings);
  }

  /** Whether every budget held and nothing broke. */
  public boolean passed() {
    return findings.isEmpty();
  }

  /** The report for a terminal. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("rehearsal of ").append(fromVersion).append(" -> ").append(toVersion).append(" on ").append(source)
        .append('\n');
    if (steps.isEmpty() && findings.isEmpty()) {
      out.append("nothing pending: the source is at the newest version\n");
    }
    for (Step step : steps) {
      out.append(String.format(Locale.ROOT, "  %-40s %9s%s%n", step.file(), seconds(step.millis()),
          step.failure() == null ? "" : "  FAILED: " + step.failure()));
      for (TableEffect table : step.tables()) {
        out.append("      ").append(describe(table)).append('\n');
      }
    }
    if (!rowsBefore.isEmpty() || !rowsAfter.isEmpty()) {
      out.append("rows:");
      rowLines().forEach(line -> out.append("\n  ").append(line));
      out.append('\n');
    }
    if (!matchRates.isEmpty()) {
      out.append("match rates:\n");
      for (MatchRate rate : matchRates) {
        out.append("  ").append(describe(rate)).append('\n');
      }
    }
    if (contract != null) {
      out.append("contracts at ").append(toVersion).append(": ").append(contract.passed() ? "match"
          : contract.errors().size() + " error(s)").append('\n');
    }
    if (undo != null) {
      out.append("undo to ").append(undo.version()).append(": ").append(seconds(undo.millis())).append(", schema ")
          .append(undo.schemaDiff().passed() ? "as before" : "differs").append(", rows ")
          .append(undoRows()).append('\n');
    }
    notes.forEach(note -> out.append("note: ").append(note).append('\n'));
    findings.forEach(finding -> out.append(finding).append('\n'));
    out.append(passed() ? "rehearsal passed" : findings.size() + " error(s): the release is not ready")
        .append('\n');
    return out.toString();
  }

  /** The report for a pull request. */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("### Release rehearsal: ").append(fromVersion).append(" → ").append(toVersion)
        .append(passed() ? " ✅" : " ❌").append("\n\n");
    out.append("On ").append(source).append(". Lock budget ").append(seconds(lockBudgetMillis)).append(".\n\n");
    if (!steps.isEmpty()) {
      out.append("| migration | time | locks held on existing tables | rows written |\n|---|---:|---|---|\n");
      for (Step step : steps) {
        List<String> locks = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (TableEffect table : step.tables()) {
          if (table.lock() != null) {
            locks.add("`" + table.table() + "` " + table.lock() + (table.heldMillis() > 0 ? " "
                + seconds(table.heldMillis()) + " (blocks " + table.blocks() + ")" : ""));
          }
          if (table.rewritten() || table.rowsWritten() > 0) {
            written.add("`" + table.table() + "` " + (table.rewritten() ? "rewritten, " : "")
                + count(table.rowsWritten()));
          }
        }
        out.append("| `").append(step.file()).append("` | ").append(seconds(step.millis())).append(" | ")
            .append(step.failure() != null ? "**failed:** " + step.failure().replace("|", "\\|")
                : locks.isEmpty() ? "—" : String.join("<br>", locks))
            .append(" | ").append(written.isEmpty() ? "—" : String.join("<br>", written)).append(" |\n");
      }
      out.append('\n');
    }
    if (!matchRates.isEmpty()) {
      out.append("| key column | rows | matched | NULL | orphaned |\n|---|---:|---:|---:|---:|\n");
      for (MatchRate rate : matchRates) {
        out.append("| `").append(rate.column()).append("` (").append(rate.how())
            .append(rate.references() == null ? "" : " → `" + rate.references() + "`").append(") | ")
            .append(count(rate.rows())).append(" | ")
            .append(count(rate.matched())).append(String.format(Locale.ROOT, " (%.1f %%)", rate.percent()))
            .append(" | ").append(count(rate.nulls())).append(" | ")
            .append(rate.orphaned() == null ? "—" : count(rate.orphaned())).append(" |\n");
      }
      out.append('\n');
    }
    if (!rowsBefore.isEmpty() || !rowsAfter.isEmpty()) {
      out.append("Rows: ").append(String.join("; ", rowLines())).append(".\n\n");
    }
    if (contract != null) {
      out.append("Contracts at ").append(toVersion).append(": ").append(contract.passed() ? "match."
          : contract.errors().size() + " error(s).").append("\n\n");
    }
    if (undo != null) {
      out.append("Undo to ").append(undo.version()).append(": ").append(seconds(undo.millis())).append(", schema ")
          .append(undo.schemaDiff().passed() ? "as before" : "**differs**").append(", rows ").append(undoRows())
          .append(".\n\n");
    }
    notes.forEach(note -> out.append("- ").append(note).append('\n'));
    if (!notes.isEmpty()) {
      out.append('\n');
    }
    if (!findings.isEmpty()) {
      out.append("| error | where | what |\n|---|---|---|\n");
      for (RehearsalFinding finding : findings) {
        out.append("| ").append(finding.code()).append(" | `").append(finding.where()).append("` | ")
            .append(finding.message().replace("|", "\\|")).append(" |\n");
      }
    }
    return out.toString();
  }

  /** The report for tools. */
  public String json() {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"passed\": ").append(passed()).append(",\n");
    out.append("  \"source\": ").append(jsonString(source)).append(",\n");
    out.append("  \"fromVersion\": ").append(jsonString(fromVersion)).append(",\n");
    out.append("  \"toVersion\": ").append(jsonString(toVersion)).append(",\n");
    out.append("  \"lockBudgetMillis\": ").append(lockBudgetMillis).append(",\n");
    out.append("  \"copied\": ").append(copied == null ? "null" : "{\"rows\": " + copied.rows() + ", \"bytes\": "
        + copied.bytes() + ", \"millis\": " + copied.millis() + "}").append(",\n");
    out.append("  \"migrations\": [");
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"version\": ").append(jsonString(step.version()))
          .append(", \"file\": ").append(jsonString(step.file())).append(", \"millis\": ").append(step.millis())
          .append(", \"failure\": ").append(jsonString(step.failure())).append(", \"tables\": [");
      for (int j = 0; j < step.tables().size(); j++) {
        TableEffect t = step.tables().get(j);
        out.append(j == 0 ? "" : ", ").append("{\"table\": ").append(jsonString(t.table())).append(", \"lock\": ")
            .append(jsonString(t.lock())).append(", \"heldMillis\": ")
            .append(String.format(Locale.ROOT, "%.1f", t.heldMillis())).append(", \"blocks\": ")
            .append(jsonString(t.blocks())).append(", \"where\": ").append(jsonString(t.where()))
            .append(", \"rewritten\": ").append(t.rewritten()).append(", \"rowsWritten\": ").append(t.rowsWritten())
            .append(", \"bytesBefore\": ").append(t.bytesBefore()).append(", \"bytesAfter\": ").append(t.bytesAfter())
            .append(", \"dropped\": ").append(t.dropped()).append('}');
      }
      out.append("]}");
    }
    out.append(steps.isEmpty() ? "],\n" : "\n  ],\n");
    out.append("  \"rowsBefore\": ").append(jsonCounts(rowsBefore)).append(",\n");
    out.append("  \"rowsAfter\": ").append(jsonCounts(rowsAfter)).append(",\n");
    out.append("  \"matchRates\": [");
    for (int i = 0; i < matchRates.size(); i++) {
      MatchRate r = matchRates.get(i);
      out.append(i == 0 ? "" : ", ").append("{\"column\": ").append(jsonString(r.column())).append(", \"how\": ")
          .append(jsonString(r.how())).append(", \"references\": ").append(jsonString(r.references()))
          .append(", \"rows\": ").append(r.rows()).append(", \"matched\": ").append(r.matched())
          .append(", \"nulls\": ").append(r.nulls()).append(", \"orphaned\": ").append(r.orphaned()).append('}');
    }
    out.append("],\n");
    out.append("  \"contractPassed\": ").append(contract == null ? "null" : contract.passed()).append(",\n");
    out.append("  \"undo\": ").append(undo == null ? "null" : "{\"millis\": " + undo.millis() + ", \"version\": "
        + jsonString(undo.version()) + ", \"schemaAsBefore\": " + undo.schemaDiff().passed() + ", \"rows\": "
        + jsonCounts(undo.rowsAfterUndo()) + "}").append(",\n");
    out.append("  \"notes\": [").append(String.join(", ", notes.stream().map(n -> jsonString(n)).toList()))
        .append("],\n");
    out.append("  \"findings\": [");
    for (int i = 0; i < findings.size(); i++) {
      RehearsalFinding f = findings.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"code\": ").append(jsonString(f.code().name()))
          .append(", \"where\": ").append(jsonString(f.where())).append(", \"message\": ")
          .append(jsonString(f.message())).append('}');
    }
    out.append(findings.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
    return out.toString();
  }

  private List<String> rowLines() {
    List<String> lines = new ArrayList<>();
    java.util.Set<String> tables = new java.util.TreeSet<>(rowsBefore.keySet());
    tables.addAll(rowsAfter.keySet());
    for (String table : tables) {
      Long before = rowsBefore.get(table);
      Long after = rowsAfter.get(table);
      if (rowsAfter.isEmpty()) {
        lines.add(table + " " + count(before)); // a migration failed: there is no after
      } else {
        lines.add(table + " " + (before == null ? "new" : count(before)) + " -> "
            + (after == null ? "dropped" : count(after)));
      }
    }
    return lines;
  }

  private String undoRows() {
    long lost = 0;
    for (Map.Entry<String, Long> table : rowsBefore.entrySet()) {
      lost += Math.max(0, table.getValue() - undo.rowsAfterUndo().getOrDefault(table.getKey(), 0L));
    }
    return lost == 0 ? "all kept" : count(lost) + " lost";
  }

  private static String describe(TableEffect table) {
    StringBuilder text = new StringBuilder(table.table()).append(": ");
    if (table.lock() != null) {
      text.append(table.lock());
      if (table.heldMillis() > 0) {
        text.append(" held ").append(seconds(table.heldMillis())).append(" (blocks ").append(table.blocks())
            .append(", ").append(table.where()).append(')');
      } else {
        text.append(" (blocks nothing)");
      }
    } else {
      text.append("no lock seen");
    }
    if (table.dropped()) {
      text.append(", dropped");
    } else {
      if (table.rewritten()) {
        text.append(", rewritten");
      }
      if (table.rowsWritten() > 0) {
        text.append(", ").append(count(table.rowsWritten())).append(" rows written");
      }
      text.append(", ").append(megabytes(table.bytesBefore())).append(" -> ").append(megabytes(table.bytesAfter()));
    }
    return text.toString();
  }

  private static String describe(MatchRate rate) {
    return String.format(Locale.ROOT, "%s (%s%s): %s of %s rows matched (%.1f %%), %s NULL, %s", rate.column(),
        rate.how(), rate.references() == null ? "" : ", references " + rate.references(), count(rate.matched()),
        count(rate.rows()), rate.percent(), count(rate.nulls()),
        rate.orphaned() == null ? "orphans not checked (no foreign key)" : count(rate.orphaned()) + " orphaned");
  }

  private static String jsonCounts(Map<String, Long> counts) {
    StringBuilder out = new StringBuilder("{");
    counts.forEach((table, rows) -> out.append(out.length() == 1 ? "" : ", ").append(jsonString(table)).append(": ")
        .append(rows));
    return out.append('}').toString();
  }

  /** {@code 1.23 s}, {@code 45 ms}. */
  static String seconds(double millis) {
    return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
        : String.format(Locale.ROOT, "%.0f ms", millis);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String megabytes(long bytes) {
    return bytes < 1_000_000 ? String.format(Locale.ROOT, "%d kB", bytes / 1000)
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
