package dev.schemakit.commands;

import dev.schemakit.report.SchemaDiagram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as one self-contained HTML file, for a CI job's artifacts or a person's browser: the findings grouped by
 * the object they are about, severity filters, each finding's file:line, statement and fix, and a diagram of the
 * schema drawn in the page by Mermaid. Styles, scripts and the diagram are inline: the file opens from the disk with
 * no network.
 */
final class HtmlReport {

  /** The Mermaid build inlined into every report (the webjar on the class path). */
  static final String MERMAID = "META-INF/resources/webjars/mermaid/11.14.0/dist/mermaid.min.js";

  private static volatile String mermaidScript;

  /**
   * One finding.
   *
   * @param object what it is about, for grouping ({@code public.guilds}, {@code V7__index.sql}, {@code version 3})
   * @param severity {@code error}, {@code warning} or {@code info}
   * @param code its stable code
   * @param title one sentence
   * @param location file:line, or {@code null}
   * @param statement the statement or the expected and found values, or {@code null}
   * @param fix what to do, or {@code null}
   */
  record Item(String object, String severity, String code, String title, String location, String statement,
      String fix) {
  }

  private HtmlReport() {
  }

  /**
   * The page.
   *
   * @param kind {@code verify}, {@code lint}, {@code stairway}, {@code diff}
   * @param summary one line: what was checked and what came out
   * @param diagram the schema's drawing, or {@code null}
   */
  static String page(String kind, String summary, List<Item> items, SchemaDiagram diagram) {
    Map<String, List<Item>> byObject = new LinkedHashMap<>();
    items.forEach(item -> byObject.computeIfAbsent(item.object(), k -> new java.util.ArrayList<>()).add(item));
    StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>schemakit ").append(kind).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
        .append("</head>\n<body>\n<h1>schemakit ").append(kind).append("</h1>\n<p class=\"summary\">")
        .append(escape(summary)).append("</p>\n");
    out.append("<fieldset class=\"filters\"><legend>Show</legend>\n");
    for (String severity : List.of("error", "warning", "info")) {
      long count = items.stream().filter(item -> item.severity().equals(severity)).count();
      out.append("<label><input type=\"checkbox\" class=\"filter\" value=\"").append(severity)
          .append("\" checked> ").append(severity).append("s (").append(count).append(")</label>\n");
    }
    out.append("</fieldset>\n");
    if (diagram != null && !diagram.tables().isEmpty()) {
      out.append("<section class=\"diagram\">\n<h2>Schema</h2>\n<pre class=\"mermaid\" data-tables=\"")
          .append(diagram.tables().size()).append("\">\n")
          .append(escape(diagram.mermaid())).append("</pre>\n<p class=\"legend\">").append(escape(diagram.legend()))
          .append("</p>\n</section>\n");
    }
    out.append("<section class=\"findings\">\n<h2>Findings</h2>\n");
    if (items.isEmpty()) {
      out.append("<p class=\"none\">Nothing to report.</p>\n");
    }
    byObject.forEach((object, found) -> {
      out.append("<div class=\"object\">\n<h3>").append(escape(object)).append("</h3>\n");
      for (Item item : found) {
        out.append("<div class=\"finding ").append(item.severity()).append("\" data-severity=\"")
            .append(item.severity()).append("\">\n<p><span class=\"badge\">").append(item.severity())
            .append("</span> <code>").append(escape(item.code())).append("</code> ").append(escape(item.title()))
            .append("</p>\n");
        if (item.location() != null) {
          out.append("<p class=\"location\">").append(escape(item.location())).append("</p>\n");
        }
        if (item.statement() != null) {
          out.append("<pre class=\"statement\">").append(escape(item.statement())).append("</pre>\n");
        }
        if (item.fix() != null) {
          out.append("<p class=\"fix\">Fix: ").append(escape(item.fix())).append("</p>\n");
        }
        out.append("</div>\n");
      }
      out.append("</div>\n");
    });
    out.append("</section>\n<script>\n").append(FILTER).append("</script>\n");
    if (diagram != null && !diagram.tables().isEmpty()) {
      out.append("<script>\n").append(mermaid()).append("\n</script>\n<script>\n")
          .append("mermaid.initialize({startOnLoad: true, securityLevel: 'strict', theme: 'neutral'});\n")
          .append("</script>\n");
    }
    return out.append("</body>\n</html>\n").toString();
  }

  /** The severity of a finding as the page's filters name it. */
  static String severity(Enum<?> severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  private static String mermaid() {
    String script = mermaidScript;
    if (script == null) {
      try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(MERMAID)) {
        if (in == null) {
          throw new IllegalStateException("The HTML report draws its diagram with Mermaid, but " + MERMAID + " is not"
              + " on the class path: the org.webjars.npm:mermaid jar is missing from this build of schemakit.");
        }
        // a script element ends at the first "</script", wherever it stands; "<\/" is the same string to JavaScript
        script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        mermaidScript = script;
      } catch (IOException e) {
        throw new UncheckedIOException("Reading " + MERMAID + " failed: " + e.getMessage(), e);
      }
    }
    return script;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String STYLE = """
      body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #1d232a; }
      h1 { font-size: 1.5em; margin-bottom: .2em; }
      .summary { color: #444; }
      .filters { border: 1px solid #ccd; border-radius: 6px; margin: 1em 0; }
      .filters label { margin-right: 1.5em; }
      .object { border-top: 1px solid #dde; padding: .4em 0; }
      .object h3 { font-size: 1.05em; margin: .4em 0; font-family: ui-monospace, monospace; }
      .finding { border-left: 4px solid #889; padding: .2em .8em; margin: .5em 0; background: #f7f8fa; }
      .finding.error { border-color: #c62828; }
      .finding.warning { border-color: #ef8f00; }
      .finding.info { border-color: #5c7cab; }
      .finding p { margin: .3em 0; }
      .badge { font-size: .8em; text-transform: uppercase; font-weight: 600; }
      .error .badge { color: #c62828; }
      .warning .badge { color: #a65f00; }
      .info .badge { color: #5c7cab; }
      .location { font-family: ui-monospace, monospace; color: #555; }
      pre { background: #eef0f4; padding: .6em; overflow-x: auto; }
      .diagram pre.mermaid { background: none; }
      .legend { color: #555; font-size: .9em; }
      .hidden { display: none; }
      """;

  private static final String FILTER = """
      for (const box of document.querySelectorAll('input.filter')) {
        box.addEventListener('change', () => {
          for (const finding of document.querySelectorAll('.finding[data-severity="' + box.value + '"]')) {
            finding.classList.toggle('hidden', !box.checked);
          }
        });
      }
      """;
}
