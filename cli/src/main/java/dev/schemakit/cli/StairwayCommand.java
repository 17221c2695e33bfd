package dev.schemakit.cli;

import dev.schemakit.database.PostgresServer;
import dev.schemakit.migration.MigrationChain;
import dev.schemakit.testkit.DatabaseFactory;
import dev.schemakit.testkit.Stairway;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** {@code stairway}: every version up, down through its undo script, and up again, on one database. */
final class StairwayCommand implements Command {

  @Override
  public Set<String> options() {
    return Provisioning.withMigrationAndServerOptions("--exclude", "--out");
  }

  @Override
  public String usage() {
    return """
          stairway --migrations DIR [--exclude 3,7] [--url JDBC ...]
                   For each version: migrate up, run its undo script (U<v>__...sql), the schema must equal the
                   one before; migrate up again, the schema must equal the first time. Exits 1 when a step fails.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chain(options);
    List<String> excluded = options.value("--exclude").map(v -> Arrays.stream(v.split(",")).map(String::strip)
        .toList()).orElse(List.of());
    excluded.forEach(chain::resolve);
    PostgresServer server = Provisioning.server(options, console);
    StringBuilder out = new StringBuilder();
    int failed = 0;
    try (DatabaseFactory factory = DatabaseFactory.on(server)) {
      Stairway stairway = Stairway.of(factory, chain);
      for (String version : excluded) {
        stairway = stairway.exclude(version, "excluded with --exclude");
      }
      console.progress("climbing " + chain.versioned().size() + " version(s) on " + server.description());
      for (Stairway.Step step : stairway.climb()) {
        out.append(String.format("%-8s %-14s %s%s%n", step.outcome(), step.version(),
            step.script() == null ? "" : step.script(), step.detail().isEmpty() ? "" : ": " + step.detail()));
        if (step.outcome() == Stairway.Outcome.FAILED) {
          failed++;
        }
      }
    }
    out.append(failed == 0 ? "stairway passed\n" : failed + " step(s) failed\n");
    console.report(options, out.toString());
    return failed == 0 ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }
}
