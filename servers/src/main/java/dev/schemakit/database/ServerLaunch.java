package dev.schemakit.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * Starting an embedded server: the binaries unpacked once per version, a data directory copied from the warm state
 * (or from the {@code initdb} copy), the process started on a free port and waited for. Every step is safe against
 * other JVMs doing the same at the same time, under a file lock per binaries version.
 */
final class ServerLaunch {

  private ServerLaunch() {
  }

  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  static EmbeddedPostgres launch(boolean keepWarm, OptionalInt major) throws IOException {
    OptionalInt configuredPort = ServerSetup.configuredPort();
    Path root = DataFolders.cacheRoot();
    Files.createDirectories(root);
    PostgresBinaries binaries = PostgresBinaries.of(major, root);
    // pg<major>-<key>: the binaries, initdb and warm directories of each major (and build of it) stand apart
    String prefix = "pg" + (binaries.major() > 0 ? binaries.major() : "") + "-" + binaries.key();
    ServerSetup.ServerUser user = ServerSetup.ServerUser.current();
    Path data = DataFolders.dataRoot(root);
    Files.createDirectories(data);
    if (!data.equals(root)) {
      DataFolders.nameCacheFolder(data, root);
      DataFolders.removeDataRootsOfDeletedCaches(data);
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
      AbandonedRuns.removeAbandonedRuns(runs);
    } catch (IOException | UncheckedIOException e) {
      // tidying up after dead runs is not this run's job to finish; another JVM may be doing it right now
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    boolean fromWarm = false;
    Path directory = runs.resolve(id);
    Files.writeString(runs.resolve(id + ".owner"), Long.toString(ProcessHandle.current().pid()));
    WarmStates.markUsed(data.resolve(prefix + ".used"));
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      // Nothing in here may open the lock file by its path (not even to set its time): closing any descriptor of
      // it releases this JVM's lock on Linux, and another JVM then replaces the warm directory mid-copy.
      if (!Files.isDirectory(installation.resolve("bin"))) {
        try (Progress.Step step = Progress.step("extracted the embedded PostgreSQL binaries from "
            + binaries.origin() + " into " + installation + " (once per binaries version on this machine)")) {
          ServerSetup.extract(binaries, installation);
          step.succeeded();
        }
      }
      // before initdb: its own error would only say a shared library is missing
      user.requireReachable(installation, "the binaries");
      user.requireReachable(template, "the data directories");
      if (!Files.exists(template.resolve("PG_VERSION"))) {
        try (Progress.Step step = Progress.step("initdb made the data directory that every start copies")) {
          ServerSetup.initdb(installation, template, user);
          step.succeeded();
        }
      }
      AbandonedRuns.removeUnusedInstallations(data, prefix, root);
      if (!data.equals(root)) {
        AbandonedRuns.removeUnusedInstallations(root, prefix, root); // caches of schemakit versions that kept everything on disk
      }
      WarmStates.removeHalfReplacedWarmCaches(warm);
      // the shared server starts from the last run's data directory (with its templates) when there is one
      fromWarm = prepareDataDirectory(keepWarm && Files.exists(warm.resolve("PG_VERSION")) ? warm : null, template,
          directory, installation, user);
    }
    Set<String> startedWith = fromWarm ? WarmStates.warmDatabases(directory) : null;
    user.own(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    Path log = runs.resolve(id + ".log");
    int port = configuredPort.isPresent() ? configuredPort.getAsInt() : ServerSetup.freePort();
    if (configuredPort.isPresent() && !ServerSetup.bindable(port)) {
      Files.deleteIfExists(runs.resolve(id + ".owner"));
      DataFolders.deleteTree(directory);
      throw ServerSetup.portInUse(port, true);
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
      DataFolders.deleteTree(directory);
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
  static boolean prepareDataDirectory(Path warm, Path template, Path data, Path installation,
      ServerSetup.ServerUser user) throws IOException {
    if (warm != null) {
      try {
        DataFolders.copyTree(warm, data, WarmStates.readOnlyDatabaseFolders(warm));
        // used now: the least recently used warm states are the ones that go
        Files.setLastModifiedTime(warm, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        return true;
      } catch (IOException | UncheckedIOException e) {
        System.err.println("schemakit: copying the warm cache " + warm + " failed (" + describe(e) + "); starting"
            + " from the initdb copy instead: the run goes on, its templates are built again");
        DataFolders.deleteQuietly(data);
      }
    }
    try {
      DataFolders.copyTree(template, data);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("schemakit: copying the initdb directory " + template + " failed (" + describe(e) + ");"
          + " running initdb again");
      DataFolders.deleteQuietly(data);
      DataFolders.deleteQuietly(template);
      ServerSetup.initdb(installation, template, user);
      DataFolders.copyTree(template, data);
    }
    return false;
  }

  static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  static String awaitStart(Process process, int port, Path data, Path log, boolean portConfigured)
      throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (DataFolders.tail(log).contains("Address already in use")) {
          throw ServerSetup.portInUse(port, portConfigured);
        }
        throw new EmbeddedPostgresException("The embedded PostgreSQL server exited with code " + process.exitValue()
            + " while starting. Its log:\n" + DataFolders.tail(log), null);
      }
      try (Connection connection = DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", EmbeddedPostgres.USER, "");
          Statement statement = connection.createStatement();
          var rs = statement.executeQuery("select current_setting('server_version'), current_setting('data_directory')")) {
        rs.next();
        if (!Path.of(rs.getString(2)).getFileName().equals(data.getFileName())) {
          // another server answers on this port: ours could not bind it
          throw ServerSetup.portInUse(port, portConfigured);
        }
        return rs.getString(1).split(" ")[0];
      } catch (SQLException e) {
        last = e;
        sleep(20);
      }
    }
    process.destroyForcibly();
    throw new EmbeddedPostgresException("The embedded PostgreSQL server did not accept connections on port " + port
        + " within " + START_TIMEOUT.toSeconds() + " s. Its log:\n" + DataFolders.tail(log), last);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while waiting for the embedded PostgreSQL server", e);
    }
  }
}
