package dev.schemakit.rehearsal;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.model.Messages;
import dev.schemakit.model.Names;
import dev.schemakit.postgres.RelationFiles;
import dev.schemakit.rehearsal.RehearsalFinding.Code;
import dev.schemakit.rehearsal.RehearsalReport.Step;
import dev.schemakit.rehearsal.RehearsalReport.TableEffect;
import dev.schemakit.template.Dialect;
import dev.schemakit.template.VersionedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the pending migrations to the rehearsal's database one at a time, through Flyway as a deploy would, and
 * measures each: its wall time; on PostgreSQL, for every table that existed before the release, the strongest lock it
 * took and how long a lock that blocks reads or writes was held ({@link LockWatch}), whether the table was rewritten
 * (a new {@code relfilenode}), the rows written ({@code pg_stat_user_tables}, read once the migration's sessions have
 * ended and flushed them), and the table's size with its indexes before and after.
 */
final class ReleaseRun {

  /** A table's state before or after a migration. */
  private record TableState(long oid, String name, long bytes, long written) {}

  private final VersionedDatabase database;
  private final MigrationChain chain;
  private final Duration lockBudget;
  private final List<RehearsalFinding> findings;

  ReleaseRun(VersionedDatabase database, Duration lockBudget, List<RehearsalFinding> findings) {
    this.database = database;
    this.chain = database.chain();
    this.lockBudget = lockBudget;
    this.findings = findings;
  }

  /** The migrations after the database's version, in order. */
  static List<Migration> pending(MigrationChain chain, Version from) {
    return chain.versioned().stream().filter(m -> m.version().compareTo(from) > 0).toList();
  }

  /**
   * Applies every pending migration; stops at the first that fails (its step says why, and a finding is added).
   *
   * @param existing the tables ({@code schema.table}) that existed before the release
   */
  List<Step> apply(List<Migration> pending, Set<String> existing) throws SQLException {
    List<Step> steps = new ArrayList<>();
    for (Migration migration : pending) {
      Step step = database.dialect() == Dialect.SQLITE ? applySqlite(migration) : applyPostgres(migration, existing);
      steps.add(step);
      if (step.failure() != null) {
        break;
      }
    }
    return steps;
  }

  private Step applySqlite(Migration migration) {
    long started = System.nanoTime();
    String failure = null;
    try {
      database.migrateTo(migration.version().getVersion());
    } catch (MigrationException e) {
      failure = Messages.firstLine(e.getMessage());
      findings.add(new RehearsalFinding(Code.MIGRATION_FAILED, migration.fileName(), failure));
    }
    return new Step(migration.version().getVersion(), migration.fileName(), millisSince(started), List.of(), failure);
  }

  private Step applyPostgres(Migration migration, Set<String> existing) throws SQLException {
    ScriptLines lines = new ScriptLines(chain, migration);
    try (Connection watcher = database.connection()) {
      watcher.setAutoCommit(true);
      Set<Integer> others = otherSessions(watcher);
      Map<String, TableState> before = tables(watcher, existing);
      Map<Long, String> oids = new LinkedHashMap<>();
      RelationFiles filesBefore = RelationFiles.of(watcher, before.values().stream().map(TableState::oid).toList());
      before.values().forEach(table -> oids.put(table.oid(), table.name()));
      LockWatch watch = new LockWatch(watcher, oids, others);
      long started = System.nanoTime();
      String failure = null;
      try {
        database.migrateTo(migration.version().getVersion());
      } catch (MigrationException e) {
        failure = Messages.firstLine(e.getMessage());
        String running = lines.whereNewest(watch.recentStatements());
        if (e.getMessage().contains("statement timeout")) {
          findings.add(new RehearsalFinding(Code.STATEMENT_TIMEOUT, running, "the statement ran past"
              + " the statement timeout and the server stopped it (" + failure + "). On production data it would"
              + " run at least that long: batch it, or raise --statement-timeout if the deploy can wait that long."));
          failure = "stopped at the statement timeout";
        } else {
          findings.add(new RehearsalFinding(Code.MIGRATION_FAILED, running, failure));
        }
      } finally {
        watch.close();
      }
      long millis = millisSince(started);
      Map<String, LockWatch.Held> held = watch.stop();
      waitForSessionsToEnd(watcher, others);
      Map<String, TableState> after = tables(watcher, existing);
      RelationFiles filesAfter = RelationFiles.of(watcher, before.values().stream().map(TableState::oid).toList());
      List<TableEffect> effects = new ArrayList<>();
      for (TableState was : before.values()) {
        TableState is = after.get(was.name());
        LockWatch.Held lock = held.get(was.name());
        boolean rewritten = is != null && filesBefore.tableRewritten(was.oid(), filesAfter);
        long written = is == null ? 0 : Math.max(0, is.written() - was.written());
        if (lock == null && !rewritten && written == 0) {
          continue;
        }
        String where = lock == null || lock.statement() == null ? migration.fileName()
            : lines.acquiredBy(was.name(), lock.statement());
        TableEffect effect = new TableEffect(was.name(), lock == null ? null : lock.modeName(),
            lock == null ? 0 : lock.heldMillis(), lock == null ? "nothing" : lock.blocksWhat(), where,
            rewritten, written, was.bytes(), is == null ? 0 : is.bytes(), is == null);
        effects.add(effect);
        if (lock != null && lock.blocks() && lock.heldMillis() > lockBudget.toMillis()) {
          findings.add(new RehearsalFinding(Code.LOCK_BUDGET_EXCEEDED, where, was.name() + ": " + lock.modeName()
              + " held " + RehearsalReport.seconds(lock.heldMillis()) + " on the copy's data, blocking "
              + lock.blocksWhat() + " (budget " + RehearsalReport.seconds(lockBudget.toMillis()) + "). Split it:"
              + " backfill in batches outside the migration's transaction, add constraints NOT VALID and VALIDATE"
              + " them apart, build indexes CONCURRENTLY."));
        }
      }
      return new Step(migration.version().getVersion(), migration.fileName(), millis, effects, failure);
    }
  }

  /** The sessions on the database besides the watcher before the migration starts: not the migration's. */
  private static Set<Integer> otherSessions(Connection watcher) throws SQLException {
    Set<Integer> pids = new HashSet<>();
    try (Statement statement = watcher.createStatement(); ResultSet rs = statement.executeQuery(
        "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
      while (rs.next()) {
        pids.add(rs.getInt(1));
      }
    }
    return pids;
  }

  /**
   * Flyway closes its sessions when it is done, and a session hands its statistics over when it ends: wait until the
   * migration's sessions are gone (at most five seconds), so that the rows they wrote are counted.
   */
  private static void waitForSessionsToEnd(Connection watcher, Set<Integer> others) throws SQLException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    try (PreparedStatement query = watcher.prepareStatement("select count(*) from pg_stat_activity where datname ="
        + " current_database() and pid <> pg_backend_pid() and not (pid = any(?))")) {
      query.setArray(1, watcher.createArrayOf("integer", others.toArray()));
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == 0) {
            break;
          }
        }
        sleep(5);
      }
    }
    if (watcher.getMetaData().getDatabaseMajorVersion() < 15) {
      sleep(600); // before 15 a statistics collector process receives them, within half a second
    }
    try (Statement statement = watcher.createStatement()) {
      statement.execute("select pg_stat_clear_snapshot()");
    }
  }

  /** The tables named, as they are now (a dropped one is absent). */
  private Map<String, TableState> tables(Connection connection, Set<String> names) throws SQLException {
    Map<String, TableState> tables = new TreeMap<>();
    String sql = "select c.oid, n.nspname || '.' || c.relname,"
        + " pg_table_size(c.oid) + pg_indexes_size(c.oid),"
        + " coalesce(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0)"
        + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        + " left join pg_stat_user_tables s on s.relid = c.oid"
        + " where c.relkind in ('r', 'p', 'm') and n.nspname || '.' || c.relname = any(?)";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setArray(1, connection.createArrayOf("text", names.toArray()));
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          tables.put(rs.getString(2), new TableState(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return tables;
  }

  /** Rows per table ({@code schema.table}), counted exactly, of every table in these schemas but the engine's own. */
  static Map<String, Long> rowCounts(VersionedDatabase database, List<String> schemas) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    boolean sqlite = database.dialect() == Dialect.SQLITE;
    List<String> engineTables = database.chain().settings().engineTables();
    try (Connection connection = database.connection()) {
      untimed(connection, sqlite);
      List<String> tables = new ArrayList<>();
      String list = sqlite
          ? "select 'main', name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
          : "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
              + " where c.relkind in ('r', 'p') and not c.relispartition and n.nspname = any(?)";
      try (PreparedStatement query = connection.prepareStatement(list)) {
        if (!sqlite) {
          query.setArray(1, connection.createArrayOf("text", schemas.toArray()));
        }
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            if (!engineTables.contains(rs.getString(2))) {
              tables.add(rs.getString(1) + "." + rs.getString(2));
            }
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String table : tables) {
          try (ResultSet rs = statement.executeQuery("select count(*) from " + qualified(table, sqlite))) {
            rs.next();
            counts.put(table, rs.getLong(1));
          }
        }
      }
    }
    return counts;
  }

  /**
   * The statement timeout is the migrations': the rehearsal's own counting over a large table may take longer than a
   * migration may.
   */
  static void untimed(Connection connection, boolean sqlite) throws SQLException {
    if (!sqlite) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET statement_timeout = 0");
      }
    }
  }

  /** {@code "s"."t"} for {@code s.t}; on SQLite the table alone. */
  static String qualified(String table, boolean sqlite) {
    int dot = table.indexOf('.');
    return sqlite ? Names.quote(table.substring(dot + 1))
        : Names.quote(table.substring(0, dot), table.substring(dot + 1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** The first line of what failed, without a password a URL in it may carry. */
  static String firstLine(Throwable e) {
    return dev.schemakit.database.ExternalPostgres.redact(Messages.firstLine(e));
  }
}
