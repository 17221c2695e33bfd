package dev.schemakit.report;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.Severity;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a {@link DiffResult}: plain text for a console, Markdown for a pull-request comment,
 * JSON for machines, JUnit XML for CI dashboards.
 *
 * <pre>{@code
 * System.out.print(Reports.text(result));
 * Files.writeString(Path.of("target/schemakit/contract.xml"), Reports.junitXml("contract", result));
 * }</pre>
 */
public final class Reports {

  /** The first line of every Markdown report: lets a bot find and update its own comment. */
  public static final String MARKDOWN_MARKER = "<!-- schemakit:contract-report -->";

  private Reports() {}

  /** One line per finding, then a summary line. */
  public static String text(DiffResult result) {
    StringBuilder out = new StringBuilder();
    for (Finding f : result.findings()) {
      out.append(f.severity() == Severity.ERROR ? "ERROR   " : "WARNING ").append(f.code()).append(' ')
          .append(f.path()).append(": ").append(f.message());
      if (f.origin() != null) {
        out.append(" (").append(f.origin()).append(')');
      }
      out.append('\n');
    }
    out.append(summary(result)).append('\n');
    return out.toString();
  }

  /** A Markdown comment: marker line, verdict, a table of findings, the details collapsed. */
  public static String markdown(DiffResult result) {
    StringBuilder out = new StringBuilder(MARKDOWN_MARKER).append('\n');
    out.append("### schemakit contract check: ").append(result.passed() ? "passed" : "failed").append("\n\n");
    out.append(summary(result)).append("\n");
    if (result.findings().isEmpty()) {
      return out.toString();
    }
    out.append("\n| severity | code | where | finding |\n|---|---|---|---|\n");
    for (Finding f : result.findings()) {
      out.append("| ").append(f.severity().name().toLowerCase(Locale.ROOT)).append(" | `").append(f.code())
          .append("` | `").append(cell(f.path())).append("` | ").append(cell(f.message())).append(" |\n");
    }
    out.append("\n<details><summary>Expected and actual values</summary>\n\n");
    for (Finding f : result.findings()) {
      out.append("- `").append(cell(f.path())).append("` ").append(f.code())
          .append(f.origin() == null ? "" : " (" + f.origin() + ")")
          .append(": expected `").append(cell(String.valueOf(f.expected())))
          .append("`, actual `").append(cell(String.valueOf(f.actual()))).append("`\n");
    }
    return out.append("\n</details>\n").toString();
  }

  /** {@code {"passed": ..., "errors": n, "warnings": n, "subjects": [...], "findings": [...]}}. */
  public static String json(DiffResult result) {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"passed\": ").append(result.passed()).append(",\n");
    out.append("  \"errors\": ").append(result.errors().size()).append(",\n");
    out.append("  \"warnings\": ").append(result.warnings().size()).append(",\n");
    out.append("  \"subjects\": [").append(result.subjects().stream().map(Reports::jsonString)
        .collect(Collectors.joining(", "))).append("],\n");
    out.append("  \"findings\": [");
    List<Finding> findings = result.findings();
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {")
          .append("\"code\": ").append(jsonString(f.code().name()))
          .append(", \"severity\": ").append(jsonString(f.severity().name()))
          .append(", \"subject\": ").append(jsonString(f.subject()))
          .append(", \"path\": ").append(jsonString(f.path()))
          .append(", \"expected\": ").append(jsonString(f.expected()))
          .append(", \"actual\": ").append(jsonString(f.actual()))
          .append(", \"message\": ").append(jsonString(f.message()))
          .append(", \"file\": ").append(jsonString(f.origin() == null ? null : f.origin().file()))
          .append(", \"line\": ").append(f.origin() == null ? "null" : Integer.toString(f.origin().line()))
          .append('}');
    }
    return out.append(findings.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  /**
   * JUnit XML: one test case per compared subject (table, view, enum, ...), failing with its
   * error findings; warnings go to the test case's system-out.
   */
  public static String junitXml(String suiteName, DiffResult result) {
    StringBuilder cases = new StringBuilder();
    int failures = 0;
    for (String subject : result.subjects()) {
      List<Finding> findings = result.findingsFor(subject);
      List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
      List<Finding> warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
      cases.append("  <testcase classname=\"").append(xml(suiteName)).append("\" name=\"").append(xml(subject))
          .append("\">\n");
      if (!errors.isEmpty()) {
        failures++;
        cases.append("    <failure type=\"").append(xml(errors.get(0).code().name())).append("\" message=\"")
            .append(xml(errors.size() + " finding(s): " + errors.get(0).message())).append("\">")
            .append(xml(errors.stream().map(Finding::toString).collect(Collectors.joining("\n"))))
            .append("</failure>\n");
      }
      if (!warnings.isEmpty()) {
        cases.append("    <system-out>").append(xml(warnings.stream().map(Finding::toString)
            .collect(Collectors.joining("\n")))).append("</system-out>\n");
      }
      cases.append("  </testcase>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + xml(suiteName) + "\" tests=\""
        + result.subjects().size() + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"0\">\n"
        + cases + "</testsuite>\n";
  }

  private static String summary(DiffResult result) {
    int errors = result.errors().size();
    int warnings = result.warnings().size();
    List<String> schemas = result.subjects().stream().filter(subject -> !subject.equals("extensions"))
        .map(subject -> subject.contains(".") ? subject.substring(0, subject.indexOf('.')) : subject)
        .distinct().sorted().toList();
    return (result.passed() ? "Schema matches the contract" : "Schema drifts from the contract") + ": "
        + result.subjects().size() + " object(s) checked" + (schemas.isEmpty() ? "" : " in schema"
            + (schemas.size() == 1 ? " " : "s ") + String.join(", ", schemas)) + ", " + errors + " error(s), "
        + warnings + " warning(s).";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
  }

  /** A JSON string literal ({@code null} for {@code null}), with the escapes JSON requires. */
  public static String jsonString(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
  }
}
