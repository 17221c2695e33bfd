package dev.schemakit.template;

import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.InitScript;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.database.DatabaseServerException;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.database.Progress;
import dev.schemakit.model.Messages;
import dev.schemakit.model.Names;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out databases migrated to any version, as clones of cached template databases. This is
 * what the testkit's {@code @MigrationTest} uses (through its {@code DatabaseFactory}); tools outside JUnit (the
 * CLI, the benchmarks) use it directly.
 *
 * <pre>{@code
 * try (TemplateFactory factory = TemplateFactory.on(EmbeddedPostgres.shared())) {
 *   VersionedDatabase db = factory.create(MigrationChain.scan(settings), "3");
 * }
 * }</pre>
 *
 * <p>How it is fast: one template database per version (named {@code schemakit_t_<hash>}, the hash
 * of the Flyway settings and of every migration file up to that version), built once by cloning
 * the nearest lower template and migrating only the difference, then {@code ANALYZE}d. Built from
 * empty, the version before it becomes a template too, so an edit of the newest migration costs one
 * migration. On the embedded server, the templates a run used survive into the next JVM's start
 * ({@link EmbeddedPostgres#keepForNextStart(String)}). Each
 * database handed out is {@code CREATE DATABASE ... TEMPLATE} of it ({@code STRATEGY FILE_COPY}
 * on PostgreSQL 15+), and the next one is cloned ahead on a background thread. Databases handed
 * out are dropped together by {@link #close()}: dropping between creates makes every create wait
 * for a checkpoint. On the JVM's embedded server they are dropped on a background thread
 * ({@link EmbeddedPostgres#dropInBackground}).
 *
 * <p>A template may hold rows too: {@link #create(MigrationChain, Version, TemplateSeed)} builds the
 * version's template plus a seed once, named by the seed's fingerprint as well. And any database handed out can
 * be copied ({@link #copy}), two copies made ahead: how every test method gets a copy of its class's database.
 *
 * <p>Template builds are serialised by an advisory lock, across threads and across JVMs sharing a
 * server. Each factory holds an advisory lock for its run while it is open; a new factory drops
 * the databases of runs whose lock is free (their JVM died). Templates stay: on an external server
 * they are the cache for the next run. Only databases named {@code schemakit_...} are ever dropped.
 *
 * <p>Thread-safe.
 */
public final class TemplateFactory implements Databases {

  /** Prefix of every database schemakit creates; nothing else is ever dropped. */
  public static final String PREFIX = "schemakit_";

  // advisory lock keys: (namespace, id); the namespace is "sk" in ASCII
  private static final int LOCK_NAMESPACE = 0x736b;
  private static final int BUILD_LOCK = 0;
  private static final String OBJECT_IN_USE = "55006";

  private final PostgresServer server;
  private final int runId;
  private final Connection runLock;
  private final RunCleanup cleanup;
  private final AdminSessions admins;
  private final Queue<String> created = new ConcurrentLinkedQueue<>();
  private final Map<String, Queue<String>> ready = new ConcurrentHashMap<>();
  private final Set<String> refilling = ConcurrentHashMap.newKeySet();
  private final Set<String> knownTemplates = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sequence = new AtomicInteger();
  private final ExecutorService cloneAhead;
  private final Object buildMonitor = new Object();
  private volatile boolean closed;

  private TemplateFactory(PostgresServer server, int runId, Connection runLock) {
    this.server = server;
    this.runId = runId;
    this.runLock = runLock;
    this.cleanup = new RunCleanup(server, runLock, LOCK_NAMESPACE, runId);
    this.admins = new AdminSessions(server);
    this.cloneAhead = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "schemakit-clone-ahead-" + runId);
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Opens a factory on a server, first dropping what runs of dead JVMs left there.
   *
   * @throws DatabaseServerException when the server cannot be reached
   */
  public static TemplateFactory on(PostgresServer server) {
    int runId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    Connection runLock = null;
    try {
      runLock = server.connect(server.maintenanceDatabase());
      try (PreparedStatement lock = runLock.prepareStatement("select pg_advisory_lock(?, ?)")) {
        lock.setInt(1, LOCK_NAMESPACE);
        lock.setInt(2, runId);
        lock.execute();
      }
      TemplateFactory factory = new TemplateFactory(server, runId, runLock);
      try {
        factory.cleanup.dropAbandonedRuns();
      } catch (SQLException e) {
        Progress.warning("Looking for test databases of killed runs on " + server.description() + " failed: "
            + Messages.firstLine(e) + ". The tests are not affected; the next run looks again.");
      }
      return factory;
    } catch (SQLException e) {
      AdminSessions.closeQuietly(runLock);
      throw new DatabaseServerException("Preparing test databases on " + server.description() + " failed: "
          + e.getMessage(), e);
    }
  }

  /** The server databases are created on. */
  public PostgresServer server() {
    return server;
  }

  /**
   * A new database at a version, for the caller alone.
   *
   * @param target a version of the chain, or {@code latest}
   * @throws IllegalArgumentException when the chain has no such version
   * @throws MigrationException when a migration fails while the template is built
   */
  @Override
  public VersionedDatabase create(MigrationChain chain, String target) {
    return create(chain, chain.resolve(target));
  }

  /**
   * A new database at a version, for the caller alone.
   *
   * @throws MigrationException when a migration fails while the template is built
   */
  @Override
  public VersionedDatabase create(MigrationChain chain, Version version) {
    return create(chain, version, null);
  }

  /**
   * A new database at a version with the rows of a seed, cloned from a template of that version and seed (built
   * once, see {@link TemplateSeed}).
   *
   * @param seed the rows, or {@code null} for none
   * @throws MigrationException when a migration fails while the template is built
   * @throws RuntimeException what the seed threw, when it fails
   */
  public VersionedDatabase create(MigrationChain chain, Version version, TemplateSeed seed) {
    String template = seed == null ? template(chain, version) : seededTemplate(chain, version, seed);
    return new VersionedDatabase(server, copyOf(template), chain, version);
  }

  /**
   * A new database with the rows and schema of another one this factory handed out, which becomes a template from
   * now on: every session still connected to it is ended first. This is how every test method gets a copy of its
   * class's database. The next copy is made ahead on a background thread.
   */
  public VersionedDatabase copy(VersionedDatabase source) {
    return new VersionedDatabase(server, copyOf(source.name()), source.chain(), source.migrationVersion());
  }

  private String copyOf(String template) {
    if (closed) {
      throw new IllegalStateException("This TemplateFactory on " + server.description() + " is closed");
    }
    String name = ready.computeIfAbsent(template, t -> new ConcurrentLinkedQueue<>()).poll();
    if (name == null) {
      name = cloneOf(template);
    }
    // a test method's copy is asked for again within milliseconds, often before one clone is done: two ahead
    cloneAheadOf(template, template.startsWith(PREFIX + "t_") ? 1 : 2);
    return name;
  }

  /**
   * Drops databases this factory handed out before the factory closes, with what was cloned ahead of them (on the
   * JVM's embedded server on a background thread). For tests that use many databases in a run; best effort.
   */
  public void drop(List<String> names) {
    List<String> dropped = new ArrayList<>();
    for (String name : names) {
      Queue<String> copies = ready.remove(name);
      if (copies != null) {
        dropped.addAll(copies);
      }
      dropped.add(name);
    }
    created.removeAll(dropped);
    if (server instanceof EmbeddedPostgres embedded) {
      embedded.dropInBackground(dropped);
    } else {
      Connection admin = admins.borrow();
      try {
        cleanup.dropAll(admin, dropped, "this run's finished tests");
      } finally {
        admins.giveBack(admin);
      }
    }
  }

  /**
   * The template for a version, built when missing. Exposed for benchmarks and warm-up: the first
   * {@link #create} of a version calls it too.
   */
  public String template(MigrationChain chain, Version version) {
    return cached(templateName(chain, version), version, admin -> {
      // an extension the server lacks fails here, before any migration runs
      ExtensionCheck.check(server, chain, version);
      build(admin, chain, version, templateName(chain, version), true, version);
    });
  }

  /** The template of a version plus a seed's rows, built when missing from the version's template. */
  private String seededTemplate(MigrationChain chain, Version version, TemplateSeed seed) {
    String base = template(chain, version);
    String readable = base.substring(base.lastIndexOf("_v"));
    String name = PREFIX + "t_" + Hashes.sha256((chain.fingerprint(version) + "\n" + seed.fingerprint())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 24)
        + readable + "_s";
    return cached(name, version, admin -> {
      String staging = PREFIX + "r" + runId + "_b" + sequence.incrementAndGet();
      AdminSessions.execute(admin, "CREATE DATABASE " + Names.quote(staging) + " TEMPLATE " + Names.quote(base) + strategy());
      created.add(staging);
      try (Progress.Step step = Progress.step("seeded the template of version " + version.getVersion() + " with "
          + seed.description())) {
        VersionedDatabase seeding = new VersionedDatabase(server, staging, chain, version);
        seed.apply(seeding);
        if (!seeding.migrationVersion().equals(version)) {
          throw new IllegalStateException("Seeding the template of version '" + version.getVersion() + "' with "
              + seed.description() + " failed: the seed moved the database to version '" + seeding.version()
              + "'. A seed puts rows in; migrate in the test (MigratedDatabase.migrateTo) instead.");
        }
        step.succeeded();
      } catch (RuntimeException e) {
        dropFailed(admin, staging);
        throw e;
      }
      finish(admin, staging, name);
    });
  }

  private interface Build {
    void into(Connection admin) throws SQLException;
  }

  /** A template by name, built by {@code build} under the build lock when no run has built it yet. */
  private String cached(String name, Version version, Build build) {
    if (knownTemplates.contains(name)) {
      return name;
    }
    synchronized (buildMonitor) {
      Connection admin = admins.borrow();
      try {
        try (PreparedStatement lock = admin.prepareStatement("select pg_advisory_lock(?, ?)")) {
          lock.setInt(1, LOCK_NAMESPACE);
          lock.setInt(2, BUILD_LOCK);
          lock.execute();
        }
        try {
          if (!AdminSessions.existing(admin, List.of(name)).contains(name)) {
            build.into(admin);
          }
        } finally {
          try (PreparedStatement unlock = admin.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_NAMESPACE);
            unlock.setInt(2, BUILD_LOCK);
            unlock.execute();
          }
        }
        remember(name);
        return name;
      } catch (SQLException e) {
        throw new DatabaseServerException("Building the template database for version '" + version.getVersion()
            + "' on " + server.description() + " failed: " + e.getMessage(), e);
      } finally {
        admins.giveBack(admin);
      }
    }
  }

  /**
   * Builds a template from the nearest lower one, or from empty. From empty, the version before is
   * made a template on the way (when {@code withPredecessor}): editing the newest migration, the
   * usual loop while writing one, then costs one migration, not the whole chain.
   */
  private void build(Connection admin, MigrationChain chain, Version version, String name,
      boolean withPredecessor, Version requested) throws SQLException {
    String start = null;
    Version startVersion = Version.EMPTY;
    // Repeatable migrations and callbacks run after the versioned ones of each migrate call, so
    // migrating on top of a lower template could order them differently than one call from empty.
    if (chain.repeatable().isEmpty() && chain.callbacks().isEmpty()) {
      List<Version> below = chain.versionsBelow(version);
      List<String> lower = below.stream().map(v -> templateName(chain, v)).toList();
      List<String> found = AdminSessions.existing(admin, lower);
      start = lower.stream().filter(found::contains).findFirst().orElse(null);
      if (start != null) {
        startVersion = below.get(lower.indexOf(start));
      }
      if (start == null && withPredecessor && !below.isEmpty()) {
        start = lower.get(0);
        startVersion = below.get(0);
        build(admin, chain, below.get(0), start, false, requested);
        remember(start);
      }
    }
    String staging = PREFIX + "r" + runId + "_b" + sequence.incrementAndGet();
    AdminSessions.execute(admin, "CREATE DATABASE " + Names.quote(staging) + (start == null ? "" : " TEMPLATE " + Names.quote(start)
        + strategy()));
    created.add(staging);
    int migrations = chain.fromEmpty(version).size()
        - (start == null ? 0 : chain.fromEmpty(startVersion).size());
    try (Progress.Step step = Progress.step("built the template of version " + version.getVersion() + " from "
        + (start == null ? "empty" : "version " + startVersion.getVersion()) + " (" + migrations
        + " migration" + (migrations == 1 ? "" : "s") + ")")) {
      if (start == null) {
        // what a deployment makes before Flyway runs; a clone of a lower template has it already
        for (InitScript script : chain.settings().initScripts()) {
          script.runOn(server.dataSource(staging), "a new database on " + server.description());
        }
      }
      chain.settings().engine().migrate(chain, server.dataSource(staging), "a new database on " + server.description(), startVersion,
          version, requested);
      step.succeeded();
    } catch (RuntimeException e) {
      dropFailed(admin, staging);
      throw e;
    }
    finish(admin, staging, name);
    if (withPredecessor && server instanceof EmbeddedPostgres embedded) {
      // the version before, when there is its template, stays too: it makes editing the newest migration cheap
      chain.versionsBelow(version).stream().findFirst()
          .ifPresent(previous -> embedded.keepForNextStart(templateName(chain, previous)));
    }
  }

  /** A template that failed to build goes at once: nothing of it is kept, nor waits for the end of the run. */
  private void dropFailed(Connection admin, String staging) {
    try {
      AdminSessions.execute(admin, "DROP DATABASE IF EXISTS " + Names.quote(staging));
      created.remove(staging);
    } catch (SQLException e) {
      // still in created: close() drops it with the run's other databases
    }
  }

  /** Makes a built database the template {@code name}: analysed, renamed, closed to connections. */
  private void finish(Connection admin, String staging, String name) throws SQLException {
    try (Connection connection = server.connect(staging)) {
      AdminSessions.execute(connection, "ANALYZE");
    }
    // ANALYZE invalidated the relation cache file (pg_internal.init); a session's start writes it again, so every
    // clone has it and its first connection does not rebuild it from the catalogs (~3 ms a class)
    try (Connection connection = server.connect(staging)) {
      AdminSessions.execute(connection, "SELECT 1");
    }
    // the rename needs no session on the staging database; Flyway has closed its own
    AdminSessions.execute(admin, "ALTER DATABASE " + Names.quote(staging) + " RENAME TO " + Names.quote(name));
    AdminSessions.execute(admin, "ALTER DATABASE " + Names.quote(name) + " WITH ALLOW_CONNECTIONS false");
    created.remove(staging);
  }

  private void remember(String template) {
    knownTemplates.add(template);
    if (server instanceof EmbeddedPostgres embedded) {
      embedded.keepForNextStart(template);
    }
  }

  private String cloneOf(String template) {
    String name = PREFIX + "r" + runId + "_c" + sequence.incrementAndGet();
    Connection admin = admins.borrow();
    try {
      String create = "CREATE DATABASE " + Names.quote(name) + " TEMPLATE " + Names.quote(template) + strategy();
      try {
        AdminSessions.execute(admin, create);
      } catch (SQLException e) {
        if (!OBJECT_IN_USE.equals(e.getSQLState()) || template.startsWith(PREFIX + "t_")) {
          throw e;
        }
        // a test database becoming a template (a class's, copied for each method): sessions the test left open on
        // it (a connection kept from @BeforeAll) would make every copy fail
        try (PreparedStatement end = admin.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity"
            + " where datname = ? and pid <> pg_backend_pid()")) {
          end.setString(1, template);
          end.execute();
        }
        AdminSessions.execute(admin, create);
      }
      created.add(name);
      return name;
    } catch (SQLException e) {
      throw new DatabaseServerException("Creating test database " + name + " from template " + template + " on "
          + server.description() + " failed: " + e.getMessage(), e);
    } finally {
      admins.giveBack(admin);
    }
  }

  private void cloneAheadOf(String template, int depth) {
    if (closed || !refilling.add(template)) {
      return;
    }
    try {
      cloneAhead.execute(() -> {
        try {
          for (Queue<String> queue = ready.get(template); !closed && queue != null && queue.size() < depth;
               queue = ready.get(template)) {
            String name = cloneOf(template);
            if (ready.get(template) != queue) {
              drop(List.of(name)); // the source was dropped meanwhile
              return;
            }
            queue.add(name);
          }
        } catch (RuntimeException e) {
          // a clone made ahead is an optimisation; the next create clones synchronously and reports
        } finally {
          refilling.remove(template);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      refilling.remove(template);
    }
  }

  /** {@code STRATEGY FILE_COPY} copies files instead of WAL-logging every block (PostgreSQL 15+'s default). */
  private String strategy() {
    return server.majorVersion() >= 15 ? " STRATEGY FILE_COPY" : "";
  }

  /**
   * The name of a version's template database ({@code schemakit_t_<hash>}), for tools and tests that look for
   * it on a server.
   */
  public static String templateName(MigrationChain chain, Version version) {
    String readable = version.equals(Version.EMPTY) ? "empty" : version.getVersion().replace('.', '_');
    if (readable.length() > 20) {
      readable = readable.substring(0, 20);
    }
    return PREFIX + "t_" + chain.fingerprint(version).substring(0, 24) + "_v" + readable;
  }

  /** Names of the databases this factory created and has not dropped yet. */
  public List<String> createdDatabases() {
    return List.copyOf(created);
  }

  /**
   * Drops every database this factory created, in one go (on the JVM's embedded server, on a background
   * thread), and releases its run lock. Templates stay. Never fails for a database that cannot be dropped: that is
   * one warning line ({@link Progress#warning}), and the next run on the server drops it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cloneAhead.shutdown();
    try {
      cloneAhead.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      List<String> names = new ArrayList<>();
      for (String name = created.poll(); name != null; name = created.poll()) {
        names.add(name);
      }
      if (server instanceof EmbeddedPostgres embedded) {
        // this JVM's own server: its data directory is thrown away or emptied before it is kept, so the end of a
        // run need not wait for the drops
        embedded.dropInBackground(names);
      } else {
        cleanup.dropAll(runLock, names, "this run");
      }
    } finally {
      admins.close();
      AdminSessions.closeQuietly(runLock);
    }
  }
}
