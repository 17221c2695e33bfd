package dev.schemakit.commands;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.report.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where a command's report, progress and errors go. */
final class Console {

  static final List<String> REPORT_FORMATS = List.of("text", "markdown", "json", "junit", "html");

  private final PrintStream out;
  private final PrintStream err;
  private final boolean progress;

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    // progress lines only when a person watches; CI logs and pipes stay clean
    this.progress = System.console() != null && err == System.err;
  }

  void progress(String line) {
    if (progress) {
      err.println("... " + line);
    }
  }

  void error(String line) {
    err.println(line);
  }

  /** The report on stdout, or in {@code --out}. */
  void report(Options options, String text) {
    Path file = options.value("--out").map(Path::of).orElse(null);
    if (file == null) {
      out.print(text);
      out.flush();
    } else {
      write(file, text);
      err.println("report written to " + file);
    }
  }

  /**
   * The HTML report where one is asked for: as the report with {@code --format html}, and into the file
   * {@code --html} names besides any other format. The page is made only then: it inlines ~3 MB of Mermaid.
   */
  void html(Options options, java.util.function.Supplier<String> page) {
    boolean asReport = options.value("--format").map(String::strip).filter("html"::equals).isPresent();
    Path file = options.value("--html").map(Path::of).orElse(null);
    if (!asReport && file == null) {
      return;
    }
    String html = page.get();
    if (asReport) {
      report(options, html);
    }
    if (file != null) {
      write(file, html);
      err.println("HTML report written to " + file);
    }
  }

  /** A contract comparison in the chosen format, and every format under {@code --report-dir} when given. */
  void diffReport(Options options, String suite, DiffResult result, dev.schemakit.model.Catalog contract) {
    String format = options.choice("--format", "text", REPORT_FORMATS);
    html(options, () -> HtmlReports.verify(suite, result, contract));
    if (!format.equals("html")) {
      report(options, render(format, suite, result));
    }
    options.value("--report-dir").map(Path::of).ifPresent(dir -> {
      for (Map.Entry<String, String> file : Map.of(
          "schemakit-" + suite + ".txt", render("text", suite, result),
          "schemakit-" + suite + ".md", render("markdown", suite, result),
          "schemakit-" + suite + ".json", render("json", suite, result),
          "TEST-schemakit-" + suite + ".xml", render("junit", suite, result)).entrySet()) {
        write(dir.resolve(file.getKey()), file.getValue());
      }
    });
  }

  static String render(String format, String suite, DiffResult result) {
    return switch (format) {
      case "markdown" -> Reports.markdown(result);
      case "json" -> Reports.json(result);
      case "junit" -> Reports.junitXml("schemakit." + suite, result);
      default -> Reports.text(result);
    };
  }

  static void write(Path file, String text) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "writing " + file + " failed: " + e.getMessage()
          + ". Check that the directory is writable.", e);
    }
  }
}
