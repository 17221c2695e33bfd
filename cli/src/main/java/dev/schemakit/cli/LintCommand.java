package dev.schemakit.cli;

import dev.schemakit.migration.ChainChecks;
import dev.schemakit.migration.ChainProblem;
import dev.schemakit.migration.MigrationChain;
import dev.schemakit.migration.MigrationLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code lint}: the migration chain's integrity and the lock on released migrations, without a database. */
final class LintCommand implements Command {

  @Override
  public Set<String> options() {
    Set<String> options = new HashSet<>(Set.of("--lock", "--out"));
    options.addAll(Provisioning.MIGRATION_OPTIONS);
    return options;
  }

  @Override
  public Set<String> flags() {
    return Set.of("--verbose", "--require-undo", "--contiguous", "--update-lock");
  }

  @Override
  public String usage() {
    return """
          lint     --migrations DIR [--lock FILE] [--update-lock] [--require-undo] [--contiguous]
                   Files Flyway would skip, undo scripts without a migration, duplicate versions; with --lock,
                   released migrations edited, renamed, deleted or added below the newest release.
                   --update-lock records new releases into the lock (refused while released files changed).
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chain(options);
    List<ChainProblem> problems = new ArrayList<>(ChainChecks.defaults()
        .requireUndo(options.flag("--require-undo"))
        .contiguousVersions(options.flag("--contiguous"))
        .check(chain));
    Path lockFile = options.value("--lock").map(Path::of).orElse(null);
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
    out.append(chain.versioned().size()).append(" migration(s), ").append(problems.size()).append(" problem(s)\n");
    console.report(options, out.toString());
    return problems.isEmpty() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }
}
