package dev.schemakit.template;

import dev.schemakit.database.PostgresServer;
import dev.schemakit.database.Progress;
import dev.schemakit.model.Messages;
import dev.schemakit.model.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dropping the databases of test runs on a server, with no more rights than {@code CREATEDB}: a run's own at its end,
 * and those of runs whose JVM died (their advisory lock is free). Best effort: a database that cannot be dropped is
 * one warning line ({@link Progress#warning}), never a failed run, and the next run drops it.
 */
final class RunCleanup {

  // a plain DROP DATABASE waits up to 5 s for other sessions each time
  private static final int DROP_ATTEMPTS = 2;
  private static final String OBJECT_IN_USE = "55006";

  private final PostgresServer server;
  private final Connection runLock;
  private final int lockNamespace;
  private final int runId;

  /**
   * @param runLock the session that holds this run's advisory lock {@code (lockNamespace, runId)}
   */
  RunCleanup(PostgresServer server, Connection runLock, int lockNamespace, int runId) {
    this.server = server;
    this.runLock = runLock;
    this.lockNamespace = lockNamespace;
    this.runId = runId;
  }

  /** Drops databases of runs whose advisory lock is free: their JVM is gone. */
  void dropAbandonedRuns() throws SQLException {
    Map<Integer, List<String>> byRun = new HashMap<>();
    // only databases of our own role: on a shared server another role's runs are that role's to clean, and we may
    // not drop them anyway
    try (Statement statement = runLock.createStatement(); ResultSet rs = statement.executeQuery(
        "select datname from pg_database where datname ~ '^" + TemplateFactory.PREFIX + "r[0-9]+_'"
            + " and pg_get_userbyid(datdba) = current_user")) {
      int start = TemplateFactory.PREFIX.length() + 1;
      while (rs.next()) {
        String name = rs.getString(1);
        try {
          byRun.computeIfAbsent(Integer.parseInt(name.substring(start, name.indexOf('_', start))),
              k -> new ArrayList<>()).add(name);
        } catch (NumberFormatException notOurs) {
          // a name that only looks like ours; leave it
        }
      }
    }
    for (Map.Entry<Integer, List<String>> run : byRun.entrySet()) {
      if (run.getKey() == runId || !advisoryLock("pg_try_advisory_lock", run.getKey())) {
        continue;
      }
      try {
        dropAll(runLock, run.getValue(), "a run that ended without cleaning up (its JVM was killed)");
      } finally {
        advisoryLock("pg_advisory_unlock", run.getKey());
      }
    }
  }

  private boolean advisoryLock(String function, int run) throws SQLException {
    try (PreparedStatement call = runLock.prepareStatement("select " + function + "(?, ?)")) {
      call.setInt(1, lockNamespace);
      call.setInt(2, run);
      try (ResultSet rs = call.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** Drops these databases; one warning line names those that could not be dropped, {@code whose} they were. */
  void dropAll(Connection admin, List<String> names, String whose) {
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      try {
        drop(admin, name);
      } catch (SQLException e) {
        failures.add(name + ": " + Messages.firstLine(e));
      }
    }
    if (!failures.isEmpty()) {
      Progress.warning("Dropping " + failures.size() + " test database(s) of " + whose + " on " + server.description()
          + " failed: " + failures + ". The tests are not affected; the next run on this server drops them.");
    }
  }

  /**
   * Drops one of our databases. Not {@code WITH (FORCE)}: that checks every backend on the database first and fails
   * as a whole on one the role may not signal, and an autovacuum worker (which belongs to no role) is such a backend
   * on any database that just had rows written ({@code ExternalServerTests} shows it). Instead the sessions of our
   * own role are ended, the only ones we may end, and a plain {@code DROP DATABASE} does the rest: PostgreSQL stops
   * autovacuum workers on the database itself and waits up to 5 s for other sessions, which get
   * {@link #DROP_ATTEMPTS} tries.
   */
  static void drop(Connection admin, String name) throws SQLException {
    if (!name.startsWith(TemplateFactory.PREFIX)) {
      throw new IllegalArgumentException("refusing to drop " + name + ": not a schemakit database");
    }
    SQLException inUse = null;
    for (int attempt = 0; attempt < DROP_ATTEMPTS; attempt++) {
      try (PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
          + " where datname = ? and usename = current_user and pid <> pg_backend_pid()")) {
        terminate.setString(1, name);
        terminate.execute();
      }
      try (Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + Names.quote(name));
        return;
      } catch (SQLException e) {
        if (!OBJECT_IN_USE.equals(e.getSQLState())) {
          throw e;
        }
        inUse = e;
      }
    }
    throw inUse;
  }
}
