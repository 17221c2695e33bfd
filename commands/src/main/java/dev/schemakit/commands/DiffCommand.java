package dev.schemakit.commands;

import dev.schemakit.change.Change;
import dev.schemakit.change.ChangeReports;
import dev.schemakit.change.ContractChanges;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code diff}: the changes between two contract directories, classified for a pull request. */
final class DiffCommand implements Command {

  /** The most tables the pull request's drawing shows: past that, a drawing is a wall. */
  static final int DIAGRAM_TABLES = 30;

  @Override
  public Set<String> options() {
    return Set.of("--base", "--head", "--format", "--out", "--fail-on", "--max-chars", "--html");
  }

  @Override
  public String usage() {
    return """
          diff     --base DIR --head DIR [--format text|markdown|json|html] [--out FILE] [--html FILE]
                   [--fail-on breaking|destructive|any|none] [--max-chars N]
                   Classifies each change between two contracts (e.g. the base branch's and the pull request's):
                   additive, changed, destructive, and breaking for an app version still running on the old
                   schema. Markdown is a sticky PR comment (marker line, summary, a Mermaid diagram of the tables
                   the change touches, details collapsed, capped at --max-chars, default 60000). A missing --base directory is an empty contract (first PR).
                   Exits 1 when a change matches --fail-on (default breaking).
        """;
  }

  @Override
  public int run(Options options, Console console) {
    Path base = Path.of(options.required("--base", "the contracts before, e.g. checked out from the base branch"));
    Path head = options.directory("--head", "the contracts after, e.g. the pull request's");
    String format = options.choice("--format", "text", List.of("text", "markdown", "json", "html"));
    String failOn = options.choice("--fail-on", "breaking", List.of("breaking", "destructive", "any", "none"));
    int maxChars = maxChars(options);
    Catalog before = Files.isDirectory(base) ? ContractReader.readDirectory(base) : new Catalog(List.of(), List.of());
    Catalog after = ContractReader.readDirectory(head);
    List<Change> changes = ContractChanges.between(before, after);
    console.html(options, () -> HtmlReports.diff(changes, ChangeReports.diagram(changes, before, after,
        DIAGRAM_TABLES)));
    if (!format.equals("html")) {
      console.report(options, switch (format) {
        case "markdown" -> ChangeReports.markdown(changes, ChangeReports.diagram(changes, before, after,
            DIAGRAM_TABLES), maxChars);
        case "json" -> ChangeReports.json(changes);
        default -> ChangeReports.text(changes);
      });
    }
    boolean fails = switch (failOn) {
      case "breaking" -> changes.stream().anyMatch(Change::breaking);
      case "destructive" -> changes.stream().anyMatch(c -> c.breaking() || c.category() == Change.Category.DESTRUCTIVE);
      case "any" -> !changes.isEmpty();
      default -> false;
    };
    return fails ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
  }

  private static int maxChars(Options options) {
    String value = options.value("--max-chars").orElse(String.valueOf(ChangeReports.GITHUB_COMMENT_LIMIT));
    try {
      int max = Integer.parseInt(value);
      if (max < 500) {
        throw new NumberFormatException();
      }
      return max;
    } catch (NumberFormatException e) {
      throw CliException.badInput("diff: --max-chars '" + value + "' is not a number of at least 500.");
    }
  }
}
