package dev.schemakit.safety;

import dev.schemakit.chain.ChainSettings;
import dev.schemakit.postgres.LockModes;
import dev.schemakit.postgres.RelationFiles;
import dev.schemakit.safety.SafetyFinding.Status;
import dev.schemakit.sql.SqlScript.Statement;
import dev.schemakit.template.VersionedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one migration on a seeded database at the version before it and reads, statement by
 * statement, what it did to each table that existed: the strongest lock held on it
 * ({@code pg_locks}), whether the table or an index of it got a new file ({@code pg_class.relfilenode}:
 * a rewrite), and whether it read the whole table ({@code pg_stat_xact_user_tables.seq_scan}).
 *
 * <p>A script Flyway runs in a transaction runs in one this check controls and is rolled back; a
 * script Flyway runs outside one ({@code CREATE INDEX CONCURRENTLY}) runs statement by statement
 * with autocommit, as Flyway runs it, while a second connection watches its locks.
 */
final class DynamicCheck {

  /** PostgreSQL's table lock modes, weakest first. */
  private static final int BLOCKS_WRITES = LockModes.BLOCKS_WRITES;
  private static final int BLOCKS_READS = LockModes.BLOCKS_READS;

  /** A table as it was before the migration. */
  private record Relation(long oid, String name, long rows) {}

  /** What one statement did to one table. */
  record Effect(String table, int lock, boolean rewritten, List<String> rewrittenIndexes, boolean scanned, long rows) {
    boolean heavy() {
      return rewritten || !rewrittenIndexes.isEmpty() || scanned && lock >= BLOCKS_WRITES;
    }

    String describe() {
      StringBuilder text = new StringBuilder(lockName(lock) + " lock on " + table);
      if (rewritten) {
        text.append(", table rewritten (").append(String.format(Locale.ROOT, "%,d", rows)).append(" rows)");
      }
      if (!rewrittenIndexes.isEmpty()) {
        text.append(", index").append(rewrittenIndexes.size() > 1 ? "es " : " ").append(String.join(", ",
            rewrittenIndexes)).append(" rebuilt");
      }
      if (scanned && !rewritten) {
        text.append(", full scan of ").append(String.format(Locale.ROOT, "%,d", rows)).append(" rows");
      }
      if (!heavy()) {
        text.append(", no rewrite, no full scan: a metadata change");
      }
      return text.toString();
    }
  }

  private DynamicCheck() {}

  /**
   * Seeds the database, runs the script on it and merges what was seen into the script's findings.
   *
   * @return notes (tables that could not be seeded)
   */
  static List<String> run(AnalyzedScript script, VersionedDatabase database, ChainSettings settings, int rows,
      java.util.function.Supplier<VersionedDatabase> unseeded) {
    List<String> notes = new ArrayList<>();
    try (Connection connection = database.connection()) {
      List<String> schemas = settings.snapshotSchemas();
      // tables an unreleased migration before this one created are new and empty in production
      notes.addAll(TableSeeder.seed(connection, schemas, settings.historyTable(), rows, script::existedBefore));
      try (var statement = connection.createStatement()) {
        statement.execute("analyze");
      }
      useEnginesSearchPath(connection, settings);
      Map<Long, Relation> before = relations(connection, schemas, settings.historyTable());
      // tables an unreleased migration before this one created are new in production: nothing live to block
      before.values().removeIf(table -> !script.existedBefore(table.name().substring(table.name().indexOf('.') + 1)));
      List<List<Effect>> effects = script.inTransaction
          ? inTransaction(connection, script, before)
          : autocommit(connection, database, script, before);
      merge(script, effects);
      SafetyFinding failed = script.findings.stream().filter(f -> f.code() == SafetyCode.FAILS_ON_EXISTING_ROWS)
          .findFirst().orElse(null);
      if (failed != null) {
        // it may fail on any database, rows or not: then it is broken, not unsafe, and the upgrade tests say so
        try (Connection empty = unseeded.get().connection()) {
          useEnginesSearchPath(empty, settings);
          if (failsAt(empty, script) == failed.line()) {
            script.findings.remove(failed);
            notes.add("fails without rows too, at line " + failed.line() + " (" + failed.measured()
                + "): the migration is broken, not unsafe; migrating from empty reports it");
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The dynamic deploy-safety check of " + script.migration.fileName() + " on "
          + database.jdbcUrl() + " failed: " + e.getMessage(), e);
    }
    return notes;
  }

  private static List<List<Effect>> inTransaction(Connection connection, AnalyzedScript script,
      Map<Long, Relation> before) throws SQLException {
    List<List<Effect>> effects = new ArrayList<>();
    connection.setAutoCommit(false);
    try {
      Map<Long, Long> scans = scans(connection, before.keySet());
      RelationFiles files = RelationFiles.of(connection, before.keySet());
      for (int i = 0; i < script.statements.size(); i++) {
        if (!execute(connection, script, i)) {
          break;
        }
        Map<Long, Long> scansAfter = scans(connection, before.keySet());
        RelationFiles filesAfter = RelationFiles.of(connection, before.keySet());
        Map<Long, Integer> locks = locks(connection, "pg_backend_pid()");
        effects.add(effects(before, locks, scans, scansAfter, files, filesAfter));
        scans = scansAfter;
        files = filesAfter;
      }
      for (int i = effects.size(); i < script.statements.size(); i++) {
        effects.add(List.of());
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
    return effects;
  }

  private static List<List<Effect>> autocommit(Connection connection, VersionedDatabase database,
      AnalyzedScript script, Map<Long, Relation> before) throws SQLException {
    List<List<Effect>> effects = new ArrayList<>();
    connection.setAutoCommit(true);
    int pid;
    try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
      rs.next();
      pid = rs.getInt(1);
    }
    try (Connection watcher = database.connection()) {
      for (int i = 0; i < script.statements.size(); i++) {
        RelationFiles files = RelationFiles.of(connection, before.keySet());
        Map<Long, Integer> strongest = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watch = new Thread(() -> {
          while (running.get()) {
            try {
              locks(watcher, String.valueOf(pid)).forEach((oid, mode) -> strongest.merge(oid, mode, Math::max));
              Thread.sleep(2); // a lock that matters is held for the whole statement; no need to spin
            } catch (SQLException e) {
              return;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }, "schemakit-lock-watch");
        watch.setDaemon(true);
        watch.start();
        boolean ran;
        try {
          ran = execute(connection, script, i);
        } finally {
          running.set(false);
          try {
            watch.join(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (!ran) {
          break;
        }
        RelationFiles filesAfter = RelationFiles.of(connection, before.keySet());
        effects.add(effects(before, strongest, Map.of(), Map.of(), files, filesAfter));
      }
      for (int i = effects.size(); i < script.statements.size(); i++) {
        effects.add(List.of());
      }
    }
    return effects;
  }

  /** The engine runs a step with the search path it sets, if any. */
  private static void useEnginesSearchPath(Connection connection, ChainSettings settings) throws SQLException {
    if (!settings.sessionSearchPath().isEmpty()) {
      try (var statement = connection.createStatement()) {
        statement.execute("set search_path to " + String.join(", ", settings.sessionSearchPath().stream()
            .map(dev.schemakit.model.Names::quote).toList()));
      }
    }
  }

  /** The line of the statement the script fails at on this database (rolled back), or -1. */
  private static int failsAt(Connection connection, AnalyzedScript script) throws SQLException {
    connection.setAutoCommit(!script.inTransaction);
    try {
      for (Statement statement : script.statements) {
        try (var jdbc = connection.createStatement()) {
          jdbc.execute(statement.text());
        } catch (SQLException e) {
          return statement.line();
        }
      }
      return -1;
    } finally {
      if (script.inTransaction) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  /** Runs one statement; on failure adds the finding and says so. */
  private static boolean execute(Connection connection, AnalyzedScript script, int index) {
    Statement statement = script.statements.get(index);
    try (var jdbc = connection.createStatement()) {
      jdbc.execute(statement.text());
      return true;
    } catch (SQLException e) {
      String said = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").strip();
      for (int i = 0; i < script.findings.size(); i++) {
        SafetyFinding finding = script.findings.get(i);
        if (finding.code() == SafetyCode.ADD_COLUMN_NOT_NULL_NO_DEFAULT && finding.line() == statement.line()
            && finding.statement().equals(statement.text())) {
          script.findings.set(i, finding.withMeasured("fails on the seeded rows: " + said + " (confirmed)"));
          return false;
        }
      }
      script.findings.add(new SafetyFinding(SafetyCode.FAILS_ON_EXISTING_ROWS, Status.OPEN,
          script.migration.fileName(), statement.line(), statement.text(), null,
          "the migration fails on a database at the version before it with rows in its tables: " + said, said, null));
      return false;
    }
  }

  private static List<Effect> effects(Map<Long, Relation> before, Map<Long, Integer> locks, Map<Long, Long> scans,
      Map<Long, Long> scansAfter, RelationFiles files, RelationFiles filesAfter) {
    List<Effect> effects = new ArrayList<>();
    for (Relation table : before.values()) {
      if (!filesAfter.files().containsKey(table.oid())) {
        continue; // dropped: a drop is a finding of the static rules, not a rewrite
      }
      boolean rewritten = files.tableRewritten(table.oid(), filesAfter);
      List<String> indexes = files.indexesRebuilt(table.oid(), filesAfter);
      boolean scanned = scansAfter.getOrDefault(table.oid(), 0L) > scans.getOrDefault(table.oid(), 0L);
      int lock = locks.getOrDefault(table.oid(), -1);
      if (lock >= 0 || rewritten || !indexes.isEmpty()) {
        effects.add(new Effect(table.name(), lock, rewritten, List.copyOf(indexes), scanned, table.rows()));
      }
    }
    return effects;
  }


  /** Confirms or disproves the static findings and adds what only the run showed. */
  private static void merge(AnalyzedScript script, List<List<Effect>> effects) {
    List<SafetyFinding> merged = new ArrayList<>();
    Set<String> explained = new HashSet<>();
    for (SafetyFinding finding : script.findings) {
      int index = indexOf(script, finding);
      if (!finding.code().aboutLocksOrRewrites() || finding.table() == null || index < 0) {
        merged.add(finding);
        continue;
      }
      Effect effect = effects.get(index).stream().filter(e -> sameTable(e.table(), finding.table())).findFirst()
          .orElse(null);
      if (effect == null) {
        merged.add(finding); // the statement failed before, or the table was not there: nothing measured
      } else if (effect.heavy()) {
        // what the statement did to other tables (a foreign key's parent) belongs to the same finding
        List<Effect> others = effects.get(index).stream().filter(e -> e != effect && e.heavy()).toList();
        StringBuilder measured = new StringBuilder(effect.describe());
        others.forEach(other -> measured.append("; ").append(other.describe()));
        merged.add(finding.withMeasured(measured + " (confirmed)"));
        if (finding.code().severity() == SafetyCode.Severity.ERROR) {
          explained.add(index + " " + effect.table()); // else the measured finding below is the error
          others.forEach(other -> explained.add(index + " " + other.table()));
        }
      } else {
        merged.add(finding.withMeasured(effect.describe()).withStatus(Status.DISPROVED, null));
        explained.add(index + " " + effect.table());
      }
    }
    for (int i = 0; i < effects.size(); i++) {
      Statement statement = script.statements.get(i);
      for (Effect effect : effects.get(i)) {
        if (!effect.heavy() || explained.contains(i + " " + effect.table())) {
          continue;
        }
        SafetyCode code = effect.rewritten() || !effect.rewrittenIndexes().isEmpty() ? SafetyCode.TABLE_REWRITE
            : effect.lock() >= BLOCKS_READS ? SafetyCode.ACCESS_EXCLUSIVE_LOCK : SafetyCode.WRITE_BLOCKING_LOCK;
        String detail = switch (code) {
          case TABLE_REWRITE -> "rewrites " + effect.table() + " (" + String.format(Locale.ROOT, "%,d", effect.rows())
              + " rows here, every row in production) under " + lockName(effect.lock());
          case ACCESS_EXCLUSIVE_LOCK -> "reads all of " + effect.table() + " while the migration holds ACCESS "
              + "EXCLUSIVE on it";
          default -> "reads all of " + effect.table() + " while the migration holds " + lockName(effect.lock())
              + " on it";
        };
        merged.add(new SafetyFinding(code, Status.OPEN, script.migration.fileName(), statement.line(),
            statement.text(), effect.table(), detail, effect.describe(), null));
      }
    }
    script.findings.clear();
    script.findings.addAll(merged);
  }

  /** The statement a finding is about: by line and text, since two statements may share a line. */
  private static int indexOf(AnalyzedScript script, SafetyFinding finding) {
    for (int i = 0; i < script.statements.size(); i++) {
      Statement statement = script.statements.get(i);
      if (statement.line() == finding.line() && statement.text().equals(finding.statement())) {
        return i;
      }
    }
    return -1;
  }

  /** {@code public.accounts} as measured and {@code accounts} as written are the same table. */
  private static boolean sameTable(String measured, String written) {
    String bare = measured.substring(measured.indexOf('.') + 1).replace("\"", "");
    String writtenBare = written.substring(written.indexOf('.') + 1);
    return bare.equals(writtenBare) || measured.replace("\"", "").equals(written);
  }

  static String lockName(int mode) {
    return LockModes.label(mode);
  }

  private static Map<Long, Relation> relations(Connection connection, List<String> schemas, String historyTable)
      throws SQLException {
    Map<Long, Relation> relations = new HashMap<>();
    String sql = "select c.oid, n.nspname || '.' || c.relname as name, c.relkind from pg_class c"
        + " join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'm') and n.nspname = any(?)"
        + " and c.relname <> ?";
    List<Long> oids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
      query.setString(2, historyTable);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          oids.add(rs.getLong(1));
          names.add(rs.getString(2));
        }
      }
    }
    for (int i = 0; i < oids.size(); i++) {
      long count;
      try (var statement = connection.createStatement();
           ResultSet rs = statement.executeQuery("select count(*) from " + quoteQualified(names.get(i)))) {
        rs.next();
        count = rs.getLong(1);
      }
      relations.put(oids.get(i), new Relation(oids.get(i), names.get(i), count));
    }
    return relations;
  }

  private static String quoteQualified(String name) {
    int dot = name.indexOf('.');
    return dev.schemakit.model.Names.quote(name.substring(0, dot), name.substring(dot + 1));
  }

  private static Map<Long, Long> scans(Connection connection, Set<Long> tables) throws SQLException {
    Map<Long, Long> scans = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "select relid, seq_scan from pg_stat_xact_user_tables where relid = any(?)")) {
      query.setArray(1, connection.createArrayOf("bigint", tables.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          scans.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    return scans;
  }

  /** relation oid -> strongest lock mode ({@link LockModes#strength}) that a backend holds. */
  private static Map<Long, Integer> locks(Connection connection, String pid) throws SQLException {
    Map<Long, Integer> locks = new HashMap<>();
    try (var statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
        "select relation, mode from pg_locks where locktype = 'relation' and granted and pid = " + pid)) {
      while (rs.next()) {
        locks.merge(rs.getLong(1), LockModes.strength(rs.getString(2)), Math::max);
      }
    }
    return locks;
  }
}
