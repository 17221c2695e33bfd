package dev.schemakit.rehearsal;

import dev.schemakit.postgres.LockModes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches, from a connection of its own, the relation locks that the migration's sessions hold on the tables that
 * existed before it, by sampling {@code pg_locks} every few milliseconds (a sample takes well under one on an idle
 * copy, then the watch pauses for 2 ms). For each table it keeps the strongest mode seen, and the longest stretch of
 * consecutive samples in which a mode that blocks writes ({@code SHARE} and up) or reads ({@code ACCESS EXCLUSIVE})
 * was held, with the statement the holder was running when the stretch began.
 *
 * <p>The error of the method: a stretch starts somewhere between the sample before it and its first sample, and ends
 * between its last sample and the next one; {@link Held#heldMillis()} adds one sampling period to the time between
 * its first and last sample, so the error is within one period either way (docs/rehearsal.md gives the measured figure).
 */
final class LockWatch implements AutoCloseable {

  /** PostgreSQL's table lock modes, weakest first. */
  static final int BLOCKS_WRITES = LockModes.BLOCKS_WRITES;
  static final int BLOCKS_READS = LockModes.BLOCKS_READS;
  private static final long PAUSE_MILLIS = 2;

  /**
   * What one table saw.
   *
   * @param table {@code schema.table}
   * @param strongest the strongest mode seen ({@link LockModes#strength})
   * @param heldMillis the longest time a mode that blocks reads or writes was held, or 0
   * @param blockingMode the strongest mode of that stretch
   * @param statement the statement its holder ran when the stretch began, or {@code null}
   */
  record Held(String table, int strongest, double heldMillis, int blockingMode, String statement) {

    boolean blocks() {
      return heldMillis > 0;
    }

    String modeName() {
      return name(blocks() ? blockingMode : strongest);
    }

    /** What the lock blocks, for a reader. */
    String blocksWhat() {
      int mode = blocks() ? blockingMode : strongest;
      return mode >= BLOCKS_READS ? "reads and writes" : mode >= BLOCKS_WRITES ? "writes" : "nothing";
    }
  }

  private static final class Stretch {
    int strongest = -1;
    long blockingStart;
    long blockingLastSeen;
    int blockingMode = -1;
    String blockingStatement;
    boolean inStretch;
    double longest;
    int longestMode = -1;
    String longestStatement;
  }

  private final Connection watcher;
  private final Map<Long, String> tables;
  private final Set<Integer> ignored;
  private final Map<Long, Stretch> stretches = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final java.util.Deque<String> recent = new java.util.ArrayDeque<>();
  private volatile SQLException failure;
  private long samples;
  private long sampledNanos;

  /**
   * Starts watching.
   *
   * @param watcher a connection to the database the migration runs on, for the watch alone
   * @param tables oid to {@code schema.table} of the tables that existed before
   * @param ignored the backends that are not the migration's (sessions that were there before it began)
   */
  LockWatch(Connection watcher, Map<Long, String> tables, Set<Integer> ignored) {
    this.watcher = watcher;
    this.tables = Map.copyOf(tables);
    this.ignored = Set.copyOf(ignored);
    this.thread = new Thread(this::watch, "schemakit-rehearsal-locks");
    thread.setDaemon(true);
    thread.start();
  }

  private void watch() {
    String sql = "select l.relation, l.mode, a.query from pg_locks l join pg_stat_activity a on a.pid = l.pid"
        + " where l.locktype = 'relation' and l.granted and l.pid <> pg_backend_pid() and not (l.pid = any(?))"
        + " and l.database = (select oid from pg_database where datname = current_database())"
        + " and l.relation = any(?)";
    try (PreparedStatement query = watcher.prepareStatement(sql)) {
      query.setArray(1, watcher.createArrayOf("integer", ignored.toArray()));
      query.setArray(2, watcher.createArrayOf("bigint", tables.keySet().toArray()));
      String activity = "select a.query from pg_stat_activity a where a.datname = current_database()"
          + " and a.pid <> pg_backend_pid() and not (a.pid = any(?)) and a.state = 'active'";
      try (PreparedStatement active = watcher.prepareStatement(activity)) {
        active.setArray(1, watcher.createArrayOf("integer", ignored.toArray()));
        while (running.get()) {
          long started = System.nanoTime();
          Map<Long, Integer> seen = new HashMap<>();
          Map<Long, String> statements = new HashMap<>();
          try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
              int mode = LockModes.strength(rs.getString(2));
              long oid = rs.getLong(1);
              if (seen.getOrDefault(oid, -1) < mode) {
                seen.put(oid, mode);
                statements.put(oid, rs.getString(3));
              }
            }
          }
          try (ResultSet rs = active.executeQuery()) {
            if (rs.next()) {
              remember(rs.getString(1));
            }
          }
          record(seen, statements, (started + System.nanoTime()) / 2);
          // a pause between samples, so that the watch (this thread and its server session) leaves the cores to the
          // migration it times; a hold is still seen to within a few milliseconds
          sleep();
          cycle(System.nanoTime() - started);
        }
      }
    } catch (SQLException e) {
      if (running.get()) {
        failure = e;
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One sample's whole cycle, the query and the pause: what {@link #periodMillis()} averages. */
  private synchronized void cycle(long nanos) {
    samples++;
    sampledNanos += nanos;
  }

  private synchronized void record(Map<Long, Integer> seen, Map<Long, String> statements, long at) {
    for (Map.Entry<Long, Integer> lock : seen.entrySet()) {
      Stretch stretch = stretches.computeIfAbsent(lock.getKey(), oid -> new Stretch());
      stretch.strongest = Math.max(stretch.strongest, lock.getValue());
      if (lock.getValue() >= BLOCKS_WRITES) {
        if (!stretch.inStretch) {
          stretch.inStretch = true;
          stretch.blockingStart = at;
          stretch.blockingMode = lock.getValue();
          stretch.blockingStatement = statements.get(lock.getKey());
        }
        stretch.blockingMode = Math.max(stretch.blockingMode, lock.getValue());
        stretch.blockingLastSeen = at;
      } else {
        close(stretch);
      }
    }
    for (Map.Entry<Long, Stretch> table : stretches.entrySet()) {
      if (!seen.containsKey(table.getKey())) {
        close(table.getValue());
      }
    }
  }

  private void close(Stretch stretch) {
    if (!stretch.inStretch) {
      return;
    }
    stretch.inStretch = false;
    double millis = (stretch.blockingLastSeen - stretch.blockingStart) / 1e6 + periodMillis();
    if (millis > stretch.longest) {
      stretch.longest = millis;
      stretch.longestMode = stretch.blockingMode;
      stretch.longestStatement = stretch.blockingStatement;
    }
  }

  /** The average time between two samples so far, in milliseconds. */
  synchronized double periodMillis() {
    return samples == 0 ? 0 : sampledNanos / 1e6 / samples;
  }

  private synchronized void remember(String statement) {
    if (statement != null && !statement.equals(recent.peekFirst())) {
      recent.addFirst(statement);
      if (recent.size() > 16) {
        recent.removeLast();
      }
    }
  }

  /**
   * The statements the migration's sessions were seen running, newest first (the last 16): after a failure Flyway
   * runs statements of its own, so the one that failed is the newest that belongs to the migration.
   */
  synchronized List<String> recentStatements() {
    return List.copyOf(recent);
  }

  /** Stops watching and returns what each table saw, for the tables a migration locked. */
  Map<String, Held> stop() throws SQLException {
    running.set(false);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return held();
  }

  private synchronized Map<String, Held> held() {
    Map<String, Held> held = new java.util.TreeMap<>();
    for (Map.Entry<Long, Stretch> table : stretches.entrySet()) {
      Stretch stretch = table.getValue();
      close(stretch);
      held.put(tables.get(table.getKey()), new Held(tables.get(table.getKey()), stretch.strongest, stretch.longest,
          stretch.longestMode, stretch.longestStatement));
    }
    return held;
  }

  @Override
  public void close() {
    running.set(false);
  }

  /** {@code ACCESS EXCLUSIVE} for {@code AccessExclusiveLock}. */
  static String name(int mode) {
    return LockModes.label(mode);
  }
}
