package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.template.Databases;
import dev.schemakit.template.StairwayClimb;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code stairway}: every version up, down through its undo script, and up again, on one database. */
final class StairwayCommand implements Command {

  @Override
  public Set<String> options() {
    return Provisioning.withMigrationAndServerOptions("--exclude", "--out", "--from", "--to", "--format", "--html");
  }

  @Override
  public String usage() {
    return """
          stairway --migrations LOC [--exclude 3,7] [--from V] [--to V] [--url JDBC ...]
                   [--format text|html] [--out FILE] [--html FILE]
                   For each version: migrate up, run its undo script (U<v>__...sql), the schema must equal the
                   one before; migrate up again, the schema must equal the first time. Exits 1 when a step fails.
                   --from/--to climb a slice; the steps that did not pass are summed up by cause at the end.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chain(options, console);
    List<String> excluded = options.value("--exclude").map(v -> Arrays.stream(v.split(",")).map(String::strip)
        .toList()).orElse(List.of());
    excluded.forEach(chain::resolve);
    if (chain.undo().isEmpty()) {
      // undo scripts are a paid Flyway feature and most chains have none: one line, not one failure per version
      throw CliException.badInput("stairway: the chain in " + chain.settings().locations() + " has no undo scripts"
          + " (U<version>__<description>.sql beside V<version>__...), so there is no stairway to climb. Write one"
          + " for each version you want to be able to roll back, newest first, or leave stairway out for this chain.");
    }
    StringBuilder out = new StringBuilder();
    List<StairwayClimb.Step> steps;
    try (Databases databases = Provisioning.databases(options, console)) {
      StairwayClimb stairway = StairwayClimb.of(databases, chain);
      for (String version : excluded) {
        stairway = stairway.exclude(version, "excluded with --exclude");
      }
      try {
        if (options.value("--from").isPresent()) {
          stairway = stairway.from(options.value("--from").get());
        }
        if (options.value("--to").isPresent()) {
          stairway = stairway.to(options.value("--to").get());
        }
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("stairway --from/--to: " + e.getMessage());
      }
      console.progress("climbing " + chain.versioned().size() + " version(s) on " + Provisioning.where(databases));
      steps = stairway.climb();
    }
    // a cause seen before is named, not repeated: on a long chain the same broken pattern fails many steps
    Map<String, String> firstSeen = new HashMap<>();
    for (StairwayClimb.Step step : steps) {
      String detail = step.detail();
      if (step.outcome() != StairwayClimb.Outcome.PASSED && step.outcome() != StairwayClimb.Outcome.EXCLUDED) {
        String first = firstSeen.putIfAbsent(step.outcome() + step.cause(), step.version());
        if (first != null) {
          detail = "the same cause as version " + first + ": " + step.cause();
        }
      }
      out.append(String.format("%-8s %-14s %s%s%n", step.outcome(), step.version(),
          step.script() == null ? "" : step.script(), detail.isEmpty() ? "" : ": " + detail));
    }
    long failed = steps.stream().filter(step -> step.outcome() == StairwayClimb.Outcome.FAILED).count();
    List<StairwayClimb.Cause> causes = StairwayClimb.causes(steps);
    if (!causes.isEmpty()) {
      out.append("by cause:\n");
      for (StairwayClimb.Cause cause : causes) {
        out.append(String.format("  %-8s %3d step(s)  %s: %s%n", cause.outcome(), cause.versions().size(),
            cause.cause(), versions(cause.versions())));
      }
    }
    out.append(failed == 0 ? "stairway passed (" + steps.size() + " step(s))\n"
        : failed + " of " + steps.size() + " step(s) failed\n");
    String format = options.choice("--format", "text", List.of("text", "html"));
    console.html(options, () -> HtmlReports.stairway(steps));
    if (format.equals("text")) {
      console.report(options, out.toString());
    }
    return failed == 0 ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }

  /** Versions 1, 4, 9, ... the first ten and how many more. */
  private static String versions(List<String> versions) {
    if (versions.equals(List.of("down to empty"))) {
      return "the last step, down to empty";
    }
    String shown = String.join(", ", versions.subList(0, Math.min(10, versions.size())));
    return (versions.size() == 1 ? "version " : "versions ") + shown
        + (versions.size() > 10 ? " and " + (versions.size() - 10) + " more" : "");
  }
}
