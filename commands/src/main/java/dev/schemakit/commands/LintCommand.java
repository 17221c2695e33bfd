package dev.schemakit.commands;

import dev.schemakit.chain.ChainChecks;
import dev.schemakit.chain.ChainProblem;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationLock;
import dev.schemakit.safety.DeploySafety;
import dev.schemakit.safety.SafetyReport;
import dev.schemakit.template.TemplateFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lint}: the migration chain's integrity, the lock on released migrations, and the deploy safety of the
 * migrations not yet released (static rules; with {@code --dynamic} each is also run on a seeded database).
 */
final class LintCommand implements Command {

  @Override
  public Set<String> options() {
    return Provisioning.withMigrationAndServerOptions("--lock", "--out", "--seed-rows", "--format", "--html");
  }

  @Override
  public Set<String> flags() {
    return Set.of("--verbose", "--require-undo", "--contiguous", "--update-lock", "--dynamic");
  }

  @Override
  public String usage() {
    return """
          lint     --migrations LOC [--lock FILE] [--update-lock] [--require-undo] [--contiguous]
                   [--dynamic [--seed-rows N] [--url JDBC ...]] [--format text|html] [--out FILE] [--html FILE]
                   Files Flyway would skip, undo scripts without a migration, duplicate versions; with --lock,
                   released migrations edited, renamed, deleted or added below the newest release.
                   --update-lock records new releases into the lock (refused while released files changed).
                   Deploy safety of the migrations not in the lock (all without one): locks, rewrites, scans,
                   changes that break the running version. --dynamic runs each on a database at the version
                   before it, with N rows (default 2000) in every table, and reads what it did to each table.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chain(options, console);
    List<ChainProblem> problems = new ArrayList<>(ChainChecks.defaults()
        .requireUndo(options.flag("--require-undo"))
        .contiguousVersions(options.flag("--contiguous"))
        .check(chain));
    Path lockFile = options.value("--lock").map(Path::of).orElse(null);
    boolean sqlite = Provisioning.sqlite(options);
    if (sqlite && options.flag("--dynamic")) {
      throw CliException.badInput("lint: --dynamic measures PostgreSQL's locks on a PostgreSQL server; a SQLite chain"
          + " has no such locks (a write locks the whole file). Leave --dynamic out.");
    }
    // deploy safety is about PostgreSQL's table locks and rewrites; on SQLite the chain and the lock are checked
    SafetyReport safety = sqlite ? null : deploySafety(options, console, chain, lockFile);
    StringBuilder out = new StringBuilder();
    if (options.flag("--update-lock")) {
      if (lockFile == null) {
        throw CliException.badInput("lint: --update-lock needs --lock FILE (e.g. --lock schemakit.lock).");
      }
      MigrationLock updated = MigrationLock.read(lockFile).withNewReleases(chain);
      updated.write(lockFile);
      out.append("lock ").append(lockFile).append(" records ").append(updated.size()).append(" released migration(s)\n");
    } else if (lockFile != null) {
      if (!Files.exists(lockFile)) {
        throw CliException.badInput("lint: the lock file " + lockFile + " does not exist. Create it once with "
            + "--update-lock and commit it.");
      }
      problems.addAll(MigrationLock.read(lockFile).check(chain));
    }
    for (ChainProblem problem : problems) {
      out.append(problem.code()).append(' ').append(problem.location()).append(": ").append(problem.message())
          .append('\n');
    }
    if (safety != null) {
      out.append(safety.renderFindings());
    }
    if (!chain.notMigrations().isEmpty()) {
      // seen, and no problem: Flyway never takes these for migrations (validateMigrationNaming=true would refuse them)
      out.append("info: ").append(chain.notMigrations().size()).append(" SQL file(s) in the locations are not"
          + " migrations, and Flyway never runs them: ").append(String.join(", ", chain.notMigrations().stream()
              .map(location -> location.substring(location.lastIndexOf('/') + 1)).toList())).append('\n');
    }
    out.append(chain.versioned().size() + chain.baselines().size()).append(" migration(s)")
        .append(chain.baselines().isEmpty() ? "" : " (" + chain.baselines().size() + " baseline)").append(", ")
        .append(problems.size()).append(" problem(s)\n");
    String safetySummary = safety != null ? safety.summary() : "deploy safety: not checked on SQLite, whose locks are"
        + " not PostgreSQL's (a write locks the whole database file)";
    out.append(safetySummary).append('\n');
    String format = options.choice("--format", "text", List.of("text", "html"));
    SafetyReport checked = safety != null ? safety : new SafetyReport(List.of(), List.of(), List.of(), Map.of(), false);
    console.html(options, () -> HtmlReports.lint(problems, checked, chain.versioned().size() + chain.baselines().size(),
        safetySummary));
    if (format.equals("text")) {
      console.report(options, out.toString());
    }
    return problems.isEmpty() && (safety == null || !safety.hasErrors()) ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }

  /** Deploy safety of what the lock (as it was before this run) does not hold. */
  private static SafetyReport deploySafety(Options options, Console console, MigrationChain chain, Path lockFile) {
    DeploySafety safety = DeploySafety.of(chain);
    if (lockFile != null && Files.exists(lockFile)) {
      safety.released(MigrationLock.read(lockFile));
    }
    options.value("--seed-rows").ifPresent(rows -> {
      try {
        safety.seedRows(Integer.parseInt(rows.strip()));
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("lint: --seed-rows takes a whole number of at least 1, e.g. --seed-rows 5000; "
            + "found '" + rows + "'.");
      }
    });
    if (!options.flag("--dynamic")) {
      if (options.value("--url").isPresent() || options.value("--seed-rows").isPresent()) {
        throw CliException.badInput("lint: --url and --seed-rows are for the dynamic check; add --dynamic.");
      }
      return safety.check();
    }
    if (safety.unreleased().isEmpty()) {
      return safety.check(); // everything is released: no server to start
    }
    console.progress("running " + safety.unreleased().size() + " unreleased migration(s) on seeded databases");
    try (TemplateFactory factory = TemplateFactory.on(Provisioning.server(options, console))) {
      return safety.check(factory);
    }
  }
}
