package dev.schemakit.rehearsal;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.model.Catalog;
import dev.schemakit.rehearsal.RehearsalFinding.Code;
import dev.schemakit.snapshot.PostgresExpressionNormalizer;
import dev.schemakit.template.Dialect;
import dev.schemakit.template.VersionedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The release on the rehearsal's database, whatever the source: the pending migrations applied and measured ({@link
 * ReleaseRun}), the rows counted before and after, the match rates, the contracts, the running version's entities,
 * and the undo back to the version the source was at.
 */
final class ReleaseOnCopy {

  private final MigrationChain chain;
  private final Duration lockBudget;
  private final Catalog contract;
  private final EntityMappings running;
  private final Consumer<String> progress;

  ReleaseOnCopy(MigrationChain chain, Duration lockBudget, Catalog contract, EntityMappings running,
      Consumer<String> progress) {
    this.chain = chain;
    this.lockBudget = lockBudget;
    this.contract = contract;
    this.running = running;
    this.progress = progress;
  }

  /** The release on the database: migrations measured, data checked, contracts, running version, undo. */
  RehearsalReport rehearse(VersionedDatabase database, String source, RehearsalReport.Copied copied,
      List<String> notes) throws SQLException {
    Version from = database.migrationVersion();
    boolean sqlite = database.dialect() == Dialect.SQLITE;
    List<String> schemas = sqlite ? List.of("main") : database.schemas();
    List<Migration> pending = ReleaseRun.pending(chain, from);
    List<RehearsalFinding> findings = new ArrayList<>();
    Catalog before = database.snapshot(schemas);
    Map<String, Long> rowsBefore = ReleaseRun.rowCounts(database, schemas);
    if (pending.isEmpty()) {
      String at = named(from);
      notes.add("nothing is pending: the source is at " + at + ", the newest version");
      return new RehearsalReport(source, copied, at, at, List.of(), rowsBefore,
          rowsBefore, List.of(), null, null, lockBudget.toMillis(), notes, findings);
    }
    progress.accept("applying " + pending.size() + " migration(s) to the copy at version " + named(from));
    List<RehearsalReport.Step> steps = new ReleaseRun(database, lockBudget, findings).apply(pending,
        new TreeSet<>(rowsBefore.keySet()));
    String reached = named(database.migrationVersion());
    if (steps.stream().anyMatch(step -> step.failure() != null)) {
      return new RehearsalReport(source, copied, named(from), reached, steps, rowsBefore, Map.of(), List.of(),
          null, null, lockBudget.toMillis(), notes, findings);
    }
    List<String> schemasAfter = sqlite ? schemas : database.schemas();
    Catalog after = database.snapshot(schemasAfter);
    Map<String, Long> rowsAfter = ReleaseRun.rowCounts(database, schemasAfter);
    List<ScriptLines> scripts = pending.stream().map(migration -> new ScriptLines(chain, migration)).toList();
    List<RehearsalReport.MatchRate> rates = MatchRates.measure(database, before, after,
        scripts.stream().map(ScriptLines::statements).toList());
    DiffResult contractResult = null;
    if (contract != null) {
      contractResult = database.compareWith(contract, schemasAfter);
      contractResult.errors().forEach(error -> findings.add(new RehearsalFinding(Code.CONTRACT_DRIFT,
          error.origin() == null ? error.path() : error.origin().toString(), error.path() + ": " + error.message())));
    }
    if (running != null) {
      findings.addAll(RunningVersion.compare(running, before, after, scripts));
    }
    RehearsalReport.Undo undo = undo(database, pending, from, before, rowsBefore, schemas, notes, findings);
    return new RehearsalReport(source, copied, named(from), reached, steps, rowsBefore, rowsAfter, rates,
        contractResult, undo, lockBudget.toMillis(), notes, findings);
  }

  /**
   * A version as the report names it: the version, or for an engine that knows its steps by name (a changelog, whose
   * versions are only the changesets' places), the name of the step at it.
   */
  private String named(Version version) {
    if (!chain.settings().stepsKnownByName()) {
      return version.toString();
    }
    return chain.versioned().stream().filter(step -> step.version().equals(version)).findFirst()
        .map(Migration::location).orElse(version.toString());
  }

  private RehearsalReport.Undo undo(VersionedDatabase database, List<Migration> pending, Version from,
      Catalog before, Map<String, Long> rowsBefore, List<String> schemas, List<String> notes,
      List<RehearsalFinding> findings) throws SQLException {
    List<String> without = pending.stream().filter(m -> chain.undoOf(m.version()).isEmpty())
        .map(Migration::fileName).toList();
    if (!without.isEmpty()) {
      notes.add("the undo is not rehearsed: " + String.join(", ", without) + (without.size() == 1 ? " has" : " have")
          + (chain.settings().stepsKnownByName() ? " no rollback (a rollback block, or one Liquibase generates)"
              : " no undo script (U<version>__<description>.sql)"));
      return null;
    }
    progress.accept("undoing the release back to version " + named(from));
    long started = System.nanoTime();
    try {
      database.undoTo(from.equals(Version.EMPTY) ? "0" : from.getVersion());
    } catch (MigrationException | IllegalStateException e) {
      findings.add(new RehearsalFinding(Code.UNDO_FAILED, "undo", ReleaseRun.firstLine(e)));
      return null;
    }
    long millis = ReleaseRun.millisSince(started);
    Catalog undone = database.snapshot(schemas);
    DiffResult schemaDiff;
    try (Connection connection = database.connection()) {
      ExpressionNormalizer normalizer = database.dialect() == Dialect.SQLITE ? ExpressionNormalizer.textual()
          : new PostgresExpressionNormalizer(connection);
      schemaDiff = SchemaDiff.compare(before.withStrict(true), undone, normalizer);
    }
    schemaDiff.errors().forEach(error -> findings.add(new RehearsalFinding(Code.UNDO_CHANGES_SCHEMA, error.path(),
        "after the undo: " + error.message())));
    Map<String, Long> rowsAfterUndo = ReleaseRun.rowCounts(database, schemas);
    rowsBefore.forEach((table, rows) -> {
      long now = rowsAfterUndo.getOrDefault(table, 0L);
      if (now < rows) {
        findings.add(new RehearsalFinding(Code.UNDO_LOSES_ROWS, table, "the undo leaves " + RehearsalReport.count(now)
            + " of the " + RehearsalReport.count(rows) + " rows the table had before the release: a rollback in"
            + " production would lose " + RehearsalReport.count(rows - now) + ". Keep what the undo drops (a copy"
            + " of the column or table) until the release is final, or restore the rows in the undo script."));
      }
    });
    return new RehearsalReport.Undo(millis, named(database.migrationVersion()), schemaDiff, rowsAfterUndo);
  }

}
