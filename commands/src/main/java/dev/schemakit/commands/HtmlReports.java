package dev.schemakit.commands;

import dev.schemakit.chain.ChainProblem;
import dev.schemakit.change.Change;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.model.Catalog;
import dev.schemakit.report.SchemaDiagram.Mark;
import dev.schemakit.report.SchemaDiagram;
import dev.schemakit.safety.SafetyFinding;
import dev.schemakit.safety.SafetyReport;
import dev.schemakit.template.StairwayClimb;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each command's HTML report holds: its findings as {@link HtmlReport.Item}s, its summary, its diagram. */
final class HtmlReports {

  /** The most tables a verified schema's drawing shows, the drifted ones first. */
  static final int SCHEMA_TABLES = 40;

  private HtmlReports() {
  }

  /** {@code verify}: the findings by object, and the contract's schema with the drifted tables marked. */
  static String verify(String suite, DiffResult result, Catalog contract) {
    List<HtmlReport.Item> items = new ArrayList<>();
    Map<String, Mark> tables = new LinkedHashMap<>();
    Map<String, Mark> columns = new LinkedHashMap<>();
    for (Finding finding : result.findings()) {
      String expectedFound = finding.expected() == null && finding.actual() == null ? null
          : "expected: " + (finding.expected() == null ? "(nothing: the contract does not list it)" : finding.expected())
              + "\nfound:    " + (finding.actual() == null ? "(nothing: it is missing)" : finding.actual());
      String fix = finding.expected() == null
          ? "list it in the contract if it belongs there, or drop it in a new migration"
          : "add a migration that makes the database match the contract" + (finding.origin() == null ? ""
              : " at " + finding.origin()) + ", or change the contract if the database is right";
      items.add(new HtmlReport.Item(finding.subject(), HtmlReport.severity(finding.severity()), finding.code().name(),
          finding.message(), finding.origin() == null ? null : finding.origin().toString(), expectedFound, fix));
      tables.put(finding.subject(), Mark.DRIFTED);
      columns.put(finding.path(), Mark.DRIFTED);
    }
    String summary = suite + ": " + result.subjects().size() + " object(s) compared, " + result.errors().size()
        + " error(s), " + result.warnings().size() + " warning(s)" + (result.passed() ? "; passed." : "; failed.");
    return HtmlReport.page(suite, summary, items, SchemaDiagram.whole(contract, tables, columns, SCHEMA_TABLES));
  }

  /** {@code lint}: chain problems by file, deploy-safety findings by table, each with its statement and fix. */
  static String lint(List<ChainProblem> problems, SafetyReport safety, int migrations, String safetySummary) {
    List<HtmlReport.Item> items = new ArrayList<>();
    for (ChainProblem problem : problems) {
      items.add(new HtmlReport.Item(problem.location(), "error", problem.code().name(), problem.message(),
          problem.location(), null, null));
    }
    for (SafetyFinding finding : safety.findings()) {
      String title = finding.detail() + (finding.measured() == null ? "" : " Measured: " + finding.measured())
          + (finding.waiver() == null ? "" : " Waived: " + finding.waiver());
      items.add(new HtmlReport.Item(finding.table() == null ? finding.file() : finding.table(),
          HtmlReport.severity(finding.severity()), finding.code().name(), title, finding.location(),
          finding.statement(), finding.code().fixFor(finding.file())));
    }
    String summary = migrations + " migration(s), " + problems.size() + " problem(s); " + safetySummary;
    return HtmlReport.page("lint", summary, items, null);
  }

  /** {@code stairway}: one entry a step, failures first in their order. */
  static String stairway(List<StairwayClimb.Step> steps) {
    List<HtmlReport.Item> items = new ArrayList<>();
    for (StairwayClimb.Step step : steps) {
      String severity = switch (step.outcome()) {
        case FAILED -> "error";
        case WARNED -> "warning";
        default -> "info";
      };
      items.add(new HtmlReport.Item("version " + step.version(), severity, step.outcome().name(),
          step.detail().isEmpty() ? step.outcome().name().toLowerCase(java.util.Locale.ROOT) : step.detail(),
          step.script(), step.cause() == null || step.cause().isEmpty() ? null : step.cause(), null));
    }
    long failed = steps.stream().filter(step -> step.outcome() == StairwayClimb.Outcome.FAILED).count();
    return HtmlReport.page("stairway", failed == 0 ? "stairway passed (" + steps.size() + " step(s))."
        : failed + " of " + steps.size() + " step(s) failed.", items, null);
  }

  /** {@code diff}: the changes by object (breaking as errors, destructive as warnings) and what they touch. */
  static String diff(List<Change> changes, SchemaDiagram diagram) {
    List<HtmlReport.Item> items = new ArrayList<>();
    for (Change change : changes) {
      String severity = change.breaking() ? "error" : change.category() == Change.Category.DESTRUCTIVE ? "warning"
          : "info";
      items.add(new HtmlReport.Item(change.subject(), severity, change.category().name()
          + (change.breaking() ? " BREAKING" : ""), change.description(), change.path(), null, null));
    }
    long breaking = changes.stream().filter(Change::breaking).count();
    return HtmlReport.page("diff", changes.size() + " change(s) to the schema contract, " + breaking
        + " breaking for the running version.", items, diagram);
  }
}
