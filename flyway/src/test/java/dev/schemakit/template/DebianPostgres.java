package dev.schemakit.template;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL 15 server of the operating system (Debian's {@code postgresql-15}), started by a test in a
 * folder of its own, so that the external provider is tested against a server schemakit did not set up, with a
 * role that has {@code CREATEDB} and nothing more. {@code .ci/run} installs the package (through
 * {@code docker-postgres.sh}); elsewhere the tests skip without it, and fail under {@code SCHEMAKIT_REQUIRE_DOCKER}.
 *
 * <p>Autovacuum looks at every database each second ({@code autovacuum_naptime = 1}), so that a worker is on a
 * database that just had rows written, as it is on a busy shared server.
 */
final class DebianPostgres implements AutoCloseable {

  static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
  /** The role tests connect as: it may log in and create databases, nothing more. */
  static final String CREATEDB_ROLE = "ci";

  private final Path folder;
  private final int port;

  private DebianPostgres(Path folder, int port) {
    this.folder = folder;
    this.port = port;
  }

  /** Starts a new server, or skips the test (fails it in CI) when Debian's PostgreSQL 15 is not installed. */
  static DebianPostgres start() throws IOException, InterruptedException, SQLException {
    boolean installed = Files.isExecutable(BINARIES.resolve("postgres"));
    if (!installed && "true".equals(System.getenv("SCHEMAKIT_REQUIRE_DOCKER"))) {
      throw new IllegalStateException("Debian's postgresql-15 is not at " + BINARIES + ", but .ci/run installs it"
          + " with docker-postgres.sh; see the output of that script.");
    }
    Assumptions.assumeTrue(installed, "Debian's postgresql-15 is not installed (" + BINARIES + "); apt-get install"
        + " postgresql-15 to run the external-server tests");
    Path folder = Files.createTempDirectory("schemakit-debian-pg");
    Path data = folder.resolve("data");
    run(folder, "chmod", "777", folder.toString());
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    asServerUser(folder, BINARIES.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "-E", "UTF8", "--no-sync");
    asServerUser(folder, BINARIES.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
        "-l", folder.resolve("server.log").toString(), "-o", "-p " + port + " -k " + folder
            + " -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum_naptime=1 -c max_connections=200",
        "start");
    DebianPostgres server = new DebianPostgres(folder, port);
    server.asSuperuser("CREATE ROLE " + CREATEDB_ROLE + " LOGIN CREATEDB");
    return server;
  }

  /** The URL of a database on this server. */
  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Runs SQL as the server's superuser, in the {@code postgres} database. */
  void asSuperuser(String sql) throws SQLException {
    try (Connection connection = superuser("postgres"); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A session of the superuser: a backend of another role than the tests'. */
  Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "postgres", null);
  }

  /** A session of the {@code CREATEDB} role. */
  Connection createdbRole(String database) throws SQLException {
    return DriverManager.getConnection(url(database), CREATEDB_ROLE, null);
  }

  @Override
  public void close() throws Exception {
    asServerUser(folder, BINARIES.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
        "-m", "immediate", "-w", "stop");
    run(folder, "rm", "-rf", folder.toString());
  }

  private static void asServerUser(Path folder, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // PostgreSQL refuses to run as root; Debian's package made the user postgres
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    run(folder, line.toArray(String[]::new));
  }

  private static void run(Path folder, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
