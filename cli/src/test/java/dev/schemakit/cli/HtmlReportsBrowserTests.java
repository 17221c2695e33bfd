package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each kind of HTML report opened in a real headless Chromium with the network off: no console error, the diagram
 * drawn by Mermaid (an SVG with one node per table the report shows), the severity filter hiding what it should,
 * and a screenshot under {@code target/report-screenshots/} for a person to look at. Skipped, saying so, where no
 * Chromium is installed ({@code .ci/run} installs Debian's).
 */
class HtmlReportsBrowserTests {

  static final Path REPORTS = Path.of("target", "html-reports");
  static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

  private static Chromium chromium;

  @BeforeAll
  static void browser() throws Exception {
    Optional<Path> binary = Chromium.find();
    Assumptions.assumeTrue(binary.isPresent(), "no Chromium on this machine (chromium, chromium-browser,"
        + " google-chrome on the PATH, or SCHEMAKIT_CHROMIUM): the HTML reports are not checked in a browser here."
        + " Install Debian's chromium to run these tests; .ci/run does.");
    chromium = Chromium.start(binary.get());
  }

  @AfterAll
  static void closeBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void verifyShowsTheSchemaWithTheDriftedTablesMarked() throws Exception {
    Path report = REPORTS.resolve("verify.html");
    Run run = CliProcess.run("verify", "--migrations", CliTests.MIGRATIONS, "--contracts", CliTests.CONTRACTS
        + "/drift", "--format", "html", "--out", report.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

    List<String> tables = open(report, "verify");
    assertThat(tables).anyMatch(title -> title.endsWith("(drifted)"));
    hidesWhenUnticked("error");
  }

  @Test
  void lintShowsTheDynamicMeasurementsWithStatementAndFix() throws Exception {
    Path report = REPORTS.resolve("lint.html");
    Run run = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/risky-deploy", "--dynamic",
        "--seed-rows", "200", "--html", report.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

    open(report, "lint");
    assertThat(chromium.evaluate("document.body.innerText.includes('Measured: ')")).isEqualTo("true");
    assertThat(chromium.evaluate("document.body.innerText.includes('Fix: CREATE INDEX CONCURRENTLY')"))
        .isEqualTo("true");
    hidesWhenUnticked("info"); // the waived finding and the one the dynamic check disproved
  }

  @Test
  void stairwayShowsEveryStep() throws Exception {
    Path report = REPORTS.resolve("stairway.html");
    Run run = CliProcess.run("stairway", "--migrations", "src/test/resources/migrations/bad-undo", "--format", "html",
        "--out", report.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

    open(report, "stairway");
    assertThat(Integer.parseInt(chromium.evaluate("document.querySelectorAll('.finding').length"))).isPositive();
    hidesWhenUnticked("error");
  }

  @Test
  void diffDrawsTheTablesTheChangeTouches() throws Exception {
    Path report = REPORTS.resolve("diff.html");
    Run run = CliProcess.run("diff", "--base", "src/test/resources/diff/base", "--head", "src/test/resources/diff/head",
        "--format", "html", "--out", report.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);

    List<String> tables = open(report, "diff");
    assertThat(tables).contains("guilds (changed)", "raids (added)");
    hidesWhenUnticked("warning");
  }

  @Test
  void theMarkdownDiagramOfThePullRequestIsValidMermaid() throws Exception {
    String markdown = Files.readString(Path.of("src/test/resources/examples/diff.md"));
    int start = markdown.indexOf("```mermaid\n") + "```mermaid\n".length();
    String diagram = markdown.substring(start, markdown.indexOf("```", start));
    String mermaid;
    try (var in = getClass().getClassLoader().getResourceAsStream(
        "META-INF/resources/webjars/mermaid/11.14.0/dist/mermaid.min.js")) {
      mermaid = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // the drawing as GitHub gets it, drawn by the same Mermaid with nothing else on the page
    Path file = REPORTS.resolve("markdown-diagram.html");
    Files.createDirectories(REPORTS);
    Files.writeString(file, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n"
        + "<pre class=\"mermaid\" data-tables=\"" + diagram.lines().filter(line -> line.matches("  t_\\w+\\[.*"))
        .count() + "\">\n" + diagram.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        + "</pre>\n<script>\n" + mermaid.replace("</script", "<\\/script") + "\n</script>\n"
        + "<script>mermaid.initialize({startOnLoad: true, securityLevel: 'strict'});</script>\n</body></html>\n");

    List<String> tables = open(file, "markdown-diagram");
    assertThat(tables).hasSize((int) diagram.lines().filter(line -> line.matches("  t_\\w+\\[.*")).count())
        .contains("guilds (changed)", "raids (added)");
  }

  /**
   * Opens a report, waits until it is drawn, fails on any console error, saves a screenshot; returns the titles of
   * the tables in its diagram after checking that Mermaid drew one node for each.
   */
  private static List<String> open(Path report, String name) throws Exception {
    assertThat(report).isRegularFile();
    chromium.open(report.toAbsolutePath());
    assertThat(chromium.await("document.readyState === 'complete'", Duration.ofSeconds(30))).isTrue();
    // how many tables the report drew: the page says, since Mermaid replaces the diagram's text with its drawing
    int expected = Integer.parseInt(chromium.evaluate("Number(document.querySelector('pre.mermaid')?.dataset.tables"
        + " ?? 0)"));
    List<String> titles = List.of();
    if (expected > 0) {
      assertThat(chromium.await("document.querySelector('pre.mermaid svg') !== null", Duration.ofSeconds(30)))
          .as("Mermaid drew the diagram of " + report + "; errors: " + chromium.errors()).isTrue();
      String drawn = chromium.evaluate("[...document.querySelectorAll('pre.mermaid svg g.node')]"
          + ".map(node => node.querySelector('.label')?.textContent?.trim() ?? '').join('\\n')");
      titles = drawn.isEmpty() ? List.of() : List.of(drawn.split("\n"));
      assertThat(titles).as("one node per table in " + report).hasSize(expected);
    }
    assertThat(chromium.evaluate("performance.getEntriesByType('resource').length"))
        .as("what " + report + " fetched: it must need nothing but itself").isEqualTo("0");
    chromium.screenshot(SCREENSHOTS.resolve(name + ".png"));
    assertThat(chromium.errors()).as("console errors of " + report).isEmpty();
    return titles;
  }

  /** Unticking a severity hides every finding of it and nothing else. */
  private static void hidesWhenUnticked(String severity) throws Exception {
    int all = Integer.parseInt(chromium.evaluate("document.querySelectorAll('.finding').length"));
    int ofSeverity = Integer.parseInt(chromium.evaluate(
        "document.querySelectorAll('.finding[data-severity=\"" + severity + "\"]').length"));
    assertThat(ofSeverity).as("findings of severity " + severity).isPositive();
    chromium.evaluate("document.querySelector('input.filter[value=\"" + severity + "\"]').click()");
    int hidden = Integer.parseInt(chromium.evaluate("[...document.querySelectorAll('.finding')]"
        + ".filter(f => getComputedStyle(f).display === 'none').length"));
    int hiddenOfSeverity = Integer.parseInt(chromium.evaluate("[...document.querySelectorAll('.finding[data-severity=\""
        + severity + "\"]')].filter(f => getComputedStyle(f).display === 'none').length"));
    assertThat(hidden).as("hidden of " + all).isEqualTo(ofSeverity);
    assertThat(hiddenOfSeverity).isEqualTo(ofSeverity);
    chromium.evaluate("document.querySelector('input.filter[value=\"" + severity + "\"]').click()");
  }
}
