package dev.schemakit.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a chain without a database: files Flyway would skip, undo scripts without a migration, and
 * opt-in rules (an undo script for every version, contiguous whole-number versions). Duplicate
 * versions are reported by {@link MigrationChain#scan}, which cannot build a chain with them.
 *
 * <pre>{@code
 * List<ChainProblem> problems = ChainChecks.defaults().requireUndo(true).check(chain);
 * }</pre>
 */
public final class ChainChecks {

  private boolean requireUndo;
  private boolean contiguous;

  private ChainChecks() {
  }

  /** Default checks: ignored files and undo scripts without migration. */
  public static ChainChecks defaults() {
    return new ChainChecks();
  }

  /** Every versioned migration must have an undo script; default off. */
  public ChainChecks requireUndo(boolean required) {
    this.requireUndo = required;
    return this;
  }

  /** Whole-number versions must have no gaps (1, 2, 3, ...); default off. */
  public ChainChecks contiguousVersions(boolean required) {
    this.contiguous = required;
    return this;
  }

  /** The problems, in file order. */
  public List<ChainProblem> check(MigrationChain chain) {
    List<ChainProblem> problems = new ArrayList<>();
    for (String file : chain.ignored()) {
      problems.add(new ChainProblem(ChainProblem.Code.IGNORED_FILE, file, "Flyway skips this file without a word:"
          + " a migration is named V<version>__<description>.sql (capital V, two underscores; U for undo, R__ for"
          + " repeatable, B for a baseline). Rename it, or move it out of " + chain.settings().locations() + "."));
    }
    Set<Version> versions = new TreeSet<>(chain.versions());
    for (Migration undo : chain.undo()) {
      if (!versions.contains(undo.version())) {
        problems.add(new ChainProblem(ChainProblem.Code.UNDO_WITHOUT_MIGRATION, undo.location(), "undo script "
            + undo.fileName() + " has no versioned migration '" + undo.version().getVersion() + "'. Fix its version"
            + " or delete it."));
      }
    }
    if (requireUndo) {
      for (Migration migration : chain.versioned()) {
        if (chain.undoOf(migration.version()).isEmpty()) {
          problems.add(new ChainProblem(ChainProblem.Code.MISSING_UNDO, migration.location(), migration.fileName()
              + " has no undo script. Add U" + migration.version().getVersion().replace('.', '_') + "__"
              + migration.fileName().substring(migration.fileName().indexOf("__") + 2) + " beside it."));
        }
      }
    }
    if (contiguous) {
      Set<BigInteger> numbers = chain.versions().stream().map(Version::getMajor)
          .collect(Collectors.toCollection(TreeSet::new));
      BigInteger expected = BigInteger.ONE;
      for (BigInteger number : numbers) {
        while (expected.compareTo(number) < 0) {
          problems.add(new ChainProblem(ChainProblem.Code.VERSION_GAP, "V" + expected, "version '" + expected
              + "' is missing between the versions of " + chain.settings().locations() + " (contiguous numbering"
              + " is required). Renumber the new migration to fill it."));
          expected = expected.add(BigInteger.ONE);
        }
        expected = number.add(BigInteger.ONE);
      }
    }
    return problems;
  }
}
