package dev.schemakit.testkit;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.migration.Migration;
import dev.schemakit.migration.MigrationChain;
import dev.schemakit.migration.MigrationException;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Schema;
import dev.schemakit.report.Reports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The stairway test: for every version v in order, migrate from v-1 to v, undo v and check that the
 * schema is exactly what it was at v-1 (an undo "leaves no trace": no forgotten index, type or
 * trigger), then migrate to v again and check that the schema is what v made the first time. Last,
 * undoing everything from the head must leave an empty schema (Flyway's history table aside).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> stairway() {
 *   return Stairway.of(factory, chain).exclude("7", "drops a column; its data cannot come back").tests();
 * }
 * }</pre>
 *
 * <p>One database walks the whole chain; after a failed step the next one starts from a fresh
 * clone of the version before it, so one broken undo script fails one step only. Differences are
 * reported as contract findings ({@code INDEX_MISSING}, {@code TABLE_UNEXPECTED}, ...).
 */
public final class Stairway {

  /** How a step ended. */
  public enum Outcome { PASSED, FAILED, EXCLUDED }

  /**
   * One step of the stairway.
   *
   * @param version the version, or {@code "down to empty"} for the last step
   * @param script the undo script's file name, or {@code null} when there is none
   * @param detail why it failed or was excluded; empty when it passed
   */
  public record Step(String version, String script, Outcome outcome, String detail) {
  }

  private final TestDatabases factory;
  private final MigrationChain chain;
  private final Map<MigrationVersion, String> excluded = new LinkedHashMap<>();
  private MigratedDatabase database;
  private Catalog atCurrentVersion;

  private Stairway(TestDatabases factory, MigrationChain chain) {
    this.factory = factory;
    this.chain = chain;
  }

  /** A stairway over a chain, on databases from the factory (PostgreSQL) or {@code SqliteDatabases}. */
  public static Stairway of(TestDatabases factory, MigrationChain chain) {
    return new Stairway(factory, chain);
  }

  /**
   * Leaves a version out (irreversible by design); the reason is printed with the step.
   *
   * @throws IllegalArgumentException when the chain has no such version or the reason is blank
   */
  public Stairway exclude(String version, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Excluding version '" + version + "' from the stairway needs a reason,"
          + " e.g. exclude(\"" + version + "\", \"drops a column; its data cannot come back\").");
    }
    excluded.put(chain.resolve(version), reason);
    return this;
  }

  /** Runs every step, in order. */
  public List<Step> climb() {
    List<Step> steps = new ArrayList<>();
    for (MigrationVersion version : chain.versions()) {
      steps.add(step(version));
    }
    steps.add(downToEmpty());
    return steps;
  }

  /** The steps as JUnit dynamic tests, run lazily in order: one per version, then "down to empty". */
  public Stream<DynamicTest> tests() {
    Stream<DynamicTest> up = chain.versioned().stream().map(migration -> DynamicTest.dynamicTest(
        "stairway " + migration.version().getVersion() + " (" + migration.fileName() + ")",
        () -> report(step(migration.version()))));
    return Stream.concat(up, Stream.of(DynamicTest.dynamicTest("stairway down to empty", () -> report(downToEmpty()))));
  }

  private static void report(Step step) {
    if (step.outcome() == Outcome.EXCLUDED) {
      Assumptions.abort("version " + step.version() + " is excluded: " + step.detail());
    }
    if (step.outcome() == Outcome.FAILED) {
      throw new AssertionError(step.detail());
    }
  }

  private Step step(MigrationVersion version) {
    List<MigrationVersion> below = chain.versionsBelow(version);
    MigrationVersion previous = below.isEmpty() ? MigrationVersion.EMPTY : below.get(0);
    String script = chain.undoOf(version).map(Migration::fileName).orElse(null);
    String label = "Stairway at version '" + version.getVersion() + "'";
    try {
      startAt(previous);
      Catalog before = atCurrentVersion;
      database.migrateTo(version.getVersion());
      Catalog migrated = snapshot();
      atCurrentVersion = migrated;
      if (excluded.containsKey(version)) {
        return new Step(version.getVersion(), script, Outcome.EXCLUDED, excluded.get(version));
      }
      if (script == null) {
        return failed(version, null, label + ": there is no undo script U" + version.getVersion().replace('.', '_')
            + "__*.sql. Add one, or exclude the version with a reason when it cannot be undone.");
      }
      database.undo();
      DiffResult trace = SchemaDiff.compare(before, snapshot());
      if (!trace.findings().isEmpty()) {
        return failed(version, script, label + ": " + script + " leaves a trace; the schema differs from version '"
            + previousName(previous) + "':\n" + Reports.text(trace));
      }
      database.migrateTo(version.getVersion());
      DiffResult again = SchemaDiff.compare(migrated, snapshot());
      if (!again.findings().isEmpty()) {
        return failed(version, script, label + ": migrating again after " + script + " gives another schema than the"
            + " first time:\n" + Reports.text(again));
      }
      return new Step(version.getVersion(), script, Outcome.PASSED, "");
    } catch (MigrationException | IllegalStateException | IllegalArgumentException e) {
      return failed(version, script, label + ": " + e.getMessage());
    }
  }

  private Step downToEmpty() {
    String label = "Stairway down to empty";
    if (!excluded.isEmpty()) {
      return new Step("down to empty", null, Outcome.EXCLUDED, "cannot undo past the excluded versions "
          + excluded.keySet().stream().map(MigrationVersion::getVersion).toList());
    }
    try {
      MigrationVersion head = chain.latest().orElse(MigrationVersion.EMPTY);
      startAt(head);
      database.undoTo("empty");
      Catalog empty = snapshotOf(factory.create(chain, MigrationVersion.EMPTY));
      DiffResult trace = SchemaDiff.compare(empty, snapshot());
      if (!trace.findings().isEmpty()) {
        return failed(null, null, label + ": undoing every version leaves a trace:\n" + Reports.text(trace));
      }
      return new Step("down to empty", null, Outcome.PASSED, "");
    } catch (MigrationException | IllegalStateException | IllegalArgumentException e) {
      return failed(null, null, label + ": " + e.getMessage());
    }
  }

  private Step failed(MigrationVersion version, String script, String detail) {
    database = null; // the next step starts from a fresh clone
    return new Step(version == null ? "down to empty" : version.getVersion(), script, Outcome.FAILED, detail);
  }

  private void startAt(MigrationVersion version) {
    if (database == null || !database.version().equals(versionName(version))) {
      database = factory.create(chain, version);
      atCurrentVersion = snapshot();
    }
  }

  private static String versionName(MigrationVersion version) {
    return version.equals(MigrationVersion.EMPTY) ? version.toString() : version.getVersion();
  }

  private static String previousName(MigrationVersion version) {
    return version.equals(MigrationVersion.EMPTY) ? "empty" : version.getVersion();
  }

  private Catalog snapshot() {
    return snapshotOf(database);
  }

  /** The schema (without Flyway's history table), strict: as the expected side, anything the other side has in
   * addition is a trace. */
  private Catalog snapshotOf(MigratedDatabase db) {
    return db.snapshot().withStrict(true);
  }
}
