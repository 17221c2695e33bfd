package dev.schemakit.template;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.model.Catalog;
import dev.schemakit.report.Reports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The stairway test: for every version v in order, migrate from v-1 to v, undo v and check that the
 * schema is exactly what it was at v-1 (an undo "leaves no trace": no forgotten index, type or
 * trigger), then migrate to v again and check that the schema is what v made the first time. Last,
 * undoing everything from the head must leave an empty schema (Flyway's history table aside).
 *
 * <pre>{@code
 * List<StairwayClimb.Step> steps = StairwayClimb.of(TemplateFactory.on(server), chain)
 *     .exclude("7", "drops a column; its data cannot come back").climb();
 * }</pre>
 *
 * <p>No JUnit here: the CLI's {@code stairway} command climbs with it, and the testkit's {@code Stairway} turns the
 * steps into dynamic tests.
 *
 * <p>One database walks the whole chain; after a failed step the next one starts from a fresh
 * clone of the version before it, so one broken undo script fails one step only. Differences are
 * reported as contract findings ({@code INDEX_MISSING}, {@code TABLE_UNEXPECTED}, ...). Each step that did not
 * pass has a {@linkplain Step#cause() cause}, the same for steps that failed for the same reason, so that a long
 * chain's failures can be summed up ({@link #causes(List)}). {@link #from(String)} and {@link #to(String)} climb a
 * slice of the chain.
 *
 * <p>A view that captures the current time as a constant ({@code 'now'::timestamp}, folded into a literal when
 * the view is created) differs after every re-creation. That is reported as its own cause, {@link #FROZEN_TIME},
 * on a step that {@linkplain Outcome#WARNED warns} instead of failing, when it is the only difference.
 */
public class StairwayClimb {

  /** How a step ended. */
  public enum Outcome {
    PASSED,
    FAILED,
    EXCLUDED,
    /** Passed but for a view that freezes the current time ({@link #FROZEN_TIME}); not a failure. */
    WARNED
  }

  /** The cause of steps whose only difference is a view re-created with another frozen time. */
  public static final String FROZEN_TIME = "a view freezes the current time ('now'::timestamp is a constant fixed"
      + " when the view is created, so every re-creation differs; now() or CURRENT_TIMESTAMP is evaluated per query)";

  /**
   * One step of the stairway.
   *
   * @param version the version, or {@code "down to empty"} for the last step
   * @param script the undo script's file name, or {@code null} when there is none
   * @param detail why it failed, warned or was excluded; empty when it passed
   * @param cause the reason in a form shared by every step that failed for it ({@code the undo script fails:
   *     ERROR: syntax error at or near "NOT"}); empty when it passed
   */
  public record Step(String version, String script, Outcome outcome, String detail, String cause) {
  }

  /**
   * Steps that did not pass, grouped by cause, the most frequent first.
   *
   * @param outcome the outcome of every step in the group
   * @param cause what they share
   * @param versions the steps' versions, in chain order
   */
  public record Cause(Outcome outcome, String cause, List<String> versions) {
  }

  private final Databases factory;
  private final MigrationChain chain;
  private final Map<Version, String> excluded = new LinkedHashMap<>();
  private Version from;
  private Version to;
  /** The database the steps climb on, worked on over one session: two migrations, an undo and three snapshots a step. */
  private VersionedDatabase database;
  private VersionedDatabase.OverOneSession session;
  private Catalog atCurrentVersion;

  /** For the testkit's {@code Stairway}, which adds the steps as JUnit tests; others use {@link #of}. */
  protected StairwayClimb(Databases factory, MigrationChain chain) {
    this.factory = factory;
    this.chain = chain;
  }

  /** A stairway over a chain, on databases from the factory (PostgreSQL) or {@code SqliteDatabases}. */
  public static StairwayClimb of(Databases factory, MigrationChain chain) {
    return new StairwayClimb(factory, chain);
  }

  /**
   * Leaves a version out (irreversible by design); the reason is printed with the step.
   *
   * @throws IllegalArgumentException when the chain has no such version or the reason is blank
   */
  public StairwayClimb exclude(String version, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Excluding version '" + version + "' from the stairway needs a reason,"
          + " e.g. exclude(\"" + version + "\", \"drops a column; its data cannot come back\").");
    }
    excluded.put(chain.resolve(version), reason);
    return this;
  }

  /**
   * Climbs from this version on (inclusive): the first step starts from a clone of the version before it.
   *
   * @throws IllegalArgumentException when the chain has no such version
   */
  public StairwayClimb from(String version) {
    from = chain.resolve(version);
    return this;
  }

  /**
   * Climbs up to this version (inclusive). A slice ends without the "down to empty" step, which undoes the
   * whole chain.
   *
   * @throws IllegalArgumentException when the chain has no such version
   */
  public StairwayClimb to(String version) {
    to = chain.resolve(version);
    return this;
  }

  /** Runs every step of the slice ({@link #from}, {@link #to}; default the whole chain), in order. */
  public List<Step> climb() {
    List<Step> steps = new ArrayList<>();
    try {
      for (Version version : slice()) {
        steps.add(step(version));
      }
      if (!isSlice()) {
        steps.add(downToEmpty());
      }
    } finally {
      useDatabase(null);
    }
    return steps;
  }

  /**
   * The steps that did not pass, grouped by {@linkplain Step#cause() cause}: the largest group first, then in
   * the order the causes first appeared.
   */
  public static List<Cause> causes(List<Step> steps) {
    Map<List<Object>, List<String>> groups = new LinkedHashMap<>();
    for (Step step : steps) {
      if (step.outcome() != Outcome.PASSED) {
        groups.computeIfAbsent(List.of(step.outcome(), step.cause()), k -> new ArrayList<>()).add(step.version());
      }
    }
    List<Cause> causes = new ArrayList<>();
    groups.forEach((key, versions) -> causes.add(new Cause((Outcome) key.get(0), (String) key.get(1),
        List.copyOf(versions))));
    causes.sort(java.util.Comparator.comparingInt((Cause c) -> -c.versions().size()));
    return causes;
  }

  /** The versions climbed, in order ({@link #from}, {@link #to}; default the whole chain). */
  protected final List<Version> slice() {
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw new IllegalArgumentException("The stairway slice from version '" + from.getVersion() + "' to '"
          + to.getVersion() + "' is empty: 'from' comes after 'to'. Swap them.");
    }
    return chain.versions().stream()
        .filter(v -> (from == null || v.compareTo(from) >= 0) && (to == null || v.compareTo(to) <= 0)).toList();
  }

  /** Whether a {@link #from} or {@link #to} makes this climb a slice, which ends without "down to empty". */
  protected final boolean isSlice() {
    return from != null || to != null;
  }

  /** The chain climbed. */
  protected final MigrationChain chain() {
    return chain;
  }

  /** One step: up to {@code version}, its undo, and up again, each compared; for subclasses that run steps lazily. */
  protected final Step step(Version version) {
    if (chain.isBaseline(version)) {
      String file = chain.baselineFor(version).map(Migration::fileName).orElseThrow();
      return new Step(version.getVersion(), null, Outcome.EXCLUDED, file + " is a baseline migration: Flyway runs it"
          + " only on an empty database, so no version comes before it to climb from; the steps above it start"
          + " from it", "a baseline migration");
    }
    List<Version> below = chain.versionsBelow(version);
    Version previous = below.isEmpty() ? Version.EMPTY : below.get(0);
    String script = chain.undoOf(version).map(Migration::fileName).orElse(null);
    String label = "Stairway at version '" + version.getVersion() + "'";
    String phase = "migrating up to the version fails";
    try {
      startAt(previous);
      Catalog before = atCurrentVersion;
      database.migrateTo(version.getVersion());
      Catalog migrated = snapshot();
      atCurrentVersion = migrated;
      if (excluded.containsKey(version)) {
        return new Step(version.getVersion(), script, Outcome.EXCLUDED, excluded.get(version), "excluded");
      }
      if (script == null) {
        return failed(version, null, label + ": " + chain.settings().engine().missingUndo(chain, version)
            + ", or exclude the version with a reason when it cannot be undone.", "no undo step");
      }
      phase = "the undo script fails";
      database.undo();
      DiffResult trace = SchemaDiff.compare(before, snapshot());
      List<Finding> frozen = new ArrayList<>(trace.findings().stream().filter(StairwayClimb::freezesTheCurrentTime)
          .toList());
      if (frozen.size() < trace.findings().size()) {
        return failed(version, script, label + ": " + script + " leaves a trace; the schema differs from version '"
            + previousName(previous) + "':\n" + Reports.text(trace), "the undo script leaves a trace ("
            + codes(trace.findings()) + ")");
      }
      phase = "migrating up again fails";
      database.migrateTo(version.getVersion());
      DiffResult again = SchemaDiff.compare(migrated, snapshot());
      List<Finding> frozenAgain = again.findings().stream().filter(StairwayClimb::freezesTheCurrentTime).toList();
      if (frozenAgain.size() < again.findings().size()) {
        return failed(version, script, label + ": migrating again after " + script + " gives another schema than the"
            + " first time:\n" + Reports.text(again), "migrating up again gives another schema ("
            + codes(again.findings()) + ")");
      }
      frozen.addAll(frozenAgain);
      if (!frozen.isEmpty()) {
        atCurrentVersion = snapshot(); // the next step compares with the view as it stands now
        return new Step(version.getVersion(), script, Outcome.WARNED, label + ": " + frozen.stream()
            .map(Finding::subject).distinct().sorted().collect(Collectors.joining(", ")) + " differs only in the time"
            + " it captured when it was created again", FROZEN_TIME);
      }
      return new Step(version.getVersion(), script, Outcome.PASSED, "", "");
    } catch (MigrationException | IllegalStateException | IllegalArgumentException e) {
      return failed(version, script, label + ": " + e.getMessage(), phase + ": " + databaseError(e.getMessage()));
    }
  }

  /** A timestamp, date or time literal, as PostgreSQL prints a folded {@code 'now'} in a view's definition. */
  private static final Pattern TIME_LITERAL = Pattern.compile("'\\d{4}-\\d{2}-\\d{2}[^']*'|'\\d{2}:\\d{2}:\\d{2}[^']*'");
  /** The server's own words in a migration failure: from {@code ERROR:} to the end of the line. */
  private static final Pattern DATABASE_ERROR = Pattern.compile("(?:ERROR|FATAL): [^\\n]*");

  /** A view definition that differs in the time literals it holds and nothing else. */
  static boolean freezesTheCurrentTime(Finding finding) {
    return finding.code() == FindingCode.VIEW_MISMATCH && finding.path().endsWith(".definition")
        && finding.expected() != null && finding.actual() != null
        && TIME_LITERAL.matcher(finding.expected()).find()
        && TIME_LITERAL.matcher(finding.expected()).replaceAll("'<time>'")
            .equals(TIME_LITERAL.matcher(finding.actual()).replaceAll("'<time>'"));
  }

  private static String codes(List<Finding> findings) {
    return findings.stream().filter(f -> !freezesTheCurrentTime(f)).map(f -> f.code().name())
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
  }

  /** The database's message in a failure, without the file, line and statement, which differ step by step. */
  static String databaseError(String message) {
    Matcher error = DATABASE_ERROR.matcher(message == null ? "" : message);
    if (error.find()) {
      return error.group().replaceAll("\\s+Position: \\d+", "").strip();
    }
    return message == null ? "" : message.lines().findFirst().orElse("").strip();
  }

  /** The last step of a whole climb: every version undone from the head must leave an empty schema. */
  protected final Step downToEmpty() {
    String label = "Stairway down to empty";
    if (!excluded.isEmpty()) {
      return new Step("down to empty", null, Outcome.EXCLUDED, "cannot undo past the excluded versions "
          + excluded.keySet().stream().map(Version::getVersion).toList(), "excluded");
    }
    Version head = chain.latest().orElse(Version.EMPTY);
    if (chain.baselineFor(head).isPresent()) {
      return new Step("down to empty", null, Outcome.EXCLUDED, "a new database starts from baseline migration "
          + chain.baselineFor(head).get().fileName() + ", which no undo script goes below", "a baseline migration");
    }
    try {
      startAt(head);
      database.undoTo("empty");
      Catalog empty = snapshotOf(factory.create(chain, Version.EMPTY));
      DiffResult trace = SchemaDiff.compare(empty, snapshot());
      if (!trace.findings().isEmpty()) {
        return failed(null, null, label + ": undoing every version leaves a trace:\n" + Reports.text(trace),
            "undoing every version leaves a trace (" + codes(trace.findings()) + ")");
      }
      return new Step("down to empty", null, Outcome.PASSED, "", "");
    } catch (MigrationException | IllegalStateException | IllegalArgumentException e) {
      return failed(null, null, label + ": " + e.getMessage(), "undoing every version fails: "
          + databaseError(e.getMessage()));
    }
  }

  private Step failed(Version version, String script, String detail, String cause) {
    useDatabase(null); // the next step starts from a fresh clone
    return new Step(version == null ? "down to empty" : version.getVersion(), script, Outcome.FAILED, detail, cause);
  }

  private void startAt(Version version) {
    if (database == null || !database.version().equals(versionName(version))) {
      useDatabase(factory.create(chain, version));
      atCurrentVersion = snapshot();
    }
  }

  /** Ends the climb's session and leaves its database to the factory; for subclasses that run steps lazily. */
  protected final void finish() {
    useDatabase(null);
  }

  /** The database the steps climb on, over a session of its own; {@code null} ends the session. */
  private void useDatabase(VersionedDatabase next) {
    if (session != null) {
      session.close();
      session = null;
    }
    database = null;
    if (next != null) {
      session = next.overOneSession();
      database = session.database();
    }
  }

  private static String versionName(Version version) {
    return version.equals(Version.EMPTY) ? version.toString() : version.getVersion();
  }

  private static String previousName(Version version) {
    return version.equals(Version.EMPTY) ? "empty" : version.getVersion();
  }

  private Catalog snapshot() {
    return snapshotOf(database);
  }

  /** The schema (without Flyway's history table), strict: as the expected side, anything the other side has in
   * addition is a trace. */
  private Catalog snapshotOf(VersionedDatabase db) {
    return db.snapshot().withStrict(true);
  }
}
