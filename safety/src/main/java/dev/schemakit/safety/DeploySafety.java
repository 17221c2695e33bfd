package dev.schemakit.safety;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationLock;
import dev.schemakit.chain.Version;
import dev.schemakit.database.Progress;
import dev.schemakit.safety.SafetyFinding.Status;
import dev.schemakit.sql.SqlScript.Statement;
import dev.schemakit.sql.SqlScript.Waiver;
import dev.schemakit.template.Databases;
import dev.schemakit.template.VersionedDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the migrations not yet released would do to a live database while they run: lock or rewrite a
 * table, scan it under a lock that blocks reads or writes, fail on existing rows, or break the
 * application version still running during a rolling deploy.
 *
 * <pre>{@code
 * SafetyReport report = DeploySafety.of(chain).released(MigrationLock.read(Path.of("schemakit.lock")))
 *     .check(factory);             // static rules, then each migration run on a seeded database
 * if (report.hasErrors()) System.err.print(report.render());
 * }</pre>
 *
 * <p>A table "existed before" a migration unless the migration creates it, or, with a lock, an unreleased
 * migration before it does: the unreleased ones go out in one release, so such a table is new and empty in
 * production when the later one runs.
 *
 * <p>{@link #check()} reads the SQL only (no database). {@link #check(Databases)} also runs
 * each unreleased migration on a clone of the version before it, with {@link #seedRows(int) rows} in
 * every table, and confirms or disproves what the rules said. Findings can be waived in the script:
 * a {@code -- schemakit:allow CODE reason} comment right above the statement.
 *
 * <p>A mutable configuration: not thread-safe; {@code check} may be called again.
 */
public final class DeploySafety {

  /** Rows put into each table for the dynamic check unless {@link #seedRows(int)} says otherwise. */
  public static final int DEFAULT_SEED_ROWS = 2_000;

  private final MigrationChain chain;
  private MigrationLock released;
  private int seedRows = DEFAULT_SEED_ROWS;

  private DeploySafety(MigrationChain chain) {
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /** Checks the migrations of this chain; all of them until {@link #released} says which are out. */
  public static DeploySafety of(MigrationChain chain) {
    return new DeploySafety(chain);
  }

  /** Migrations in this lock are released and not checked again (default: none is released). */
  public DeploySafety released(MigrationLock lock) {
    this.released = lock;
    return this;
  }

  /** Rows put into each table before a migration runs in the dynamic check (default 2,000). */
  public DeploySafety seedRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("seedRows must be at least 1, was " + rows);
    }
    this.seedRows = rows;
    return this;
  }

  /**
   * The migrations this check covers: versioned and baseline SQL migrations not in the lock, lowest version first
   * (a baseline before a versioned migration of the same version).
   */
  public List<Migration> unreleased() {
    return java.util.stream.Stream.concat(chain.baselines().stream(), chain.versioned().stream())
        .filter(m -> released == null || !released.holds(chain, m))
        .filter(m -> !m.fileName().endsWith(".class"))
        .sorted(Comparator.comparing(Migration::version)
            .thenComparing(m -> m.kind() == Migration.Kind.BASELINE ? 0 : 1))
        .toList();
  }

  /**
   * The static rules over the unreleased migrations, without a database.
   */
  public SafetyReport check() {
    return run(null);
  }

  /**
   * The static rules, then each unreleased migration run on a seeded database at the version before it
   * from these databases (the template clone), which confirms or disproves them.
   *
   * @throws dev.schemakit.chain.MigrationException when a migration before one under check fails
   */
  public SafetyReport check(Databases databases) {
    return run(Objects.requireNonNull(databases, "databases"));
  }

  private SafetyReport run(Databases databases) {
    List<SafetyFinding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Long> millis = new LinkedHashMap<>();
    List<Migration> unreleased = unreleased();
    // with a lock, the unreleased migrations go out together: a table one of them creates is new for the next
    // ones too. Without a lock nothing says what production holds, so every table before a migration counts.
    java.util.Set<String> newInRelease = java.util.Set.of();
    for (Migration migration : unreleased) {
      AnalyzedScript script = AnalyzedScript.of(chain, migration, newInRelease);
      // a baseline's tables exist in production already, made by the versions it squashes
      if (released != null && migration.kind() != Migration.Kind.BASELINE) {
        newInRelease = script.newTables();
      }
      if (databases != null) {
        List<Version> below = chain.versionsBelow(migration.version());
        if (migration.kind() == Migration.Kind.BASELINE) {
          notes.add(migration.fileName() + ": a baseline migration; Flyway runs it only on an empty database, so"
              + " nothing runs live");
        } else if (below.isEmpty()) {
          notes.add(migration.fileName() + ": the first migration; no table exists before it, so nothing runs live");
        } else {
          long start = System.nanoTime();
          // one line per migration that takes long enough to notice, so a long chain shows where it is
          try (Progress.Step step = Progress.step("dynamic check of " + migration.fileName() + " ("
              + (unreleased.indexOf(migration) + 1) + " of " + unreleased.size() + ")")) {
            VersionedDatabase before = databases.create(chain, below.get(0));
            notes.addAll(DynamicCheck.run(script, before, chain.settings(), seedRows,
                    () -> databases.create(chain, below.get(0))).stream()
                .map(note -> migration.fileName() + ": " + note).toList());
            step.succeeded();
          }
          millis.put(migration.fileName(), (System.nanoTime() - start) / 1_000_000);
        }
      }
      applyWaivers(script, notes);
      // migrations come in version order already; within one, the dynamic check's findings come after the rules'
      findings.addAll(script.findings.stream().sorted(Comparator.comparingInt(SafetyFinding::line)).toList());
    }
    return new SafetyReport(unreleased.stream().map(Migration::fileName).toList(), findings, notes, millis,
        databases != null);
  }

  private static void applyWaivers(AnalyzedScript script, List<String> notes) {
    for (Statement statement : script.statements) {
      for (Waiver waiver : statement.waivers()) {
        boolean known = Arrays.stream(SafetyCode.values()).anyMatch(c -> c.name().equals(waiver.code()));
        if (!known || waiver.reason().isBlank()) {
          script.findings.add(new SafetyFinding(SafetyCode.WAIVER_INVALID, Status.OPEN, script.migration.fileName(),
              waiver.line(), "-- schemakit:allow " + waiver.code() + " " + waiver.reason(), null,
              known ? "the waiver of " + waiver.code() + " gives no reason" : "the waiver names '" + waiver.code()
                  + "', which is no deploy-safety code", null, null));
          continue;
        }
        int match = -1;
        for (int i = 0; i < script.findings.size() && match < 0; i++) {
          SafetyFinding finding = script.findings.get(i);
          if (finding.line() == statement.line() && finding.statement().equals(statement.text())
              && finding.code().name().equals(waiver.code())
              && finding.status() == Status.OPEN) {
            match = i;
          }
        }
        if (match < 0) {
          notes.add(script.migration.fileName() + ":" + waiver.line() + ": the waiver of " + waiver.code()
              + " matches no finding of the statement below it");
        } else {
          script.findings.set(match, script.findings.get(match).withStatus(Status.WAIVED, waiver.reason()));
        }
      }
    }
  }
}
