package dev.schemakit.template;

import static dev.schemakit.template.DebianPostgres.CREATEDB_ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.database.Progress;
import dev.schemakit.flyway.MigrationSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The external provider on a shared server of the operating system, connecting as a role with {@code LOGIN
 * CREATEDB} and nothing more, as the README recommends: cleanup works with those rights, never ends another
 * role's session, never fails a run, and what a killed run left is dropped by the next.
 */
class ExternalServerTests {

  private static DebianPostgres server;

  @BeforeAll
  static void startServer() throws Exception {
    server = DebianPostgres.start();
    // other people's databases on the same server, one of them named like ours
    server.asSuperuser("CREATE DATABASE app_db");
    server.asSuperuser("CREATE DATABASE schemakit_r1_c1");
    server.asSuperuser("CREATE DATABASE schemakit_foreign");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anAutovacuumWorkerMakesDropWithForceFailForACreatedbRoleButNotOurDrop() throws Exception {
    try (Warnings warnings = new Warnings()) {
      TemplateFactory factory = factory();
      VersionedDatabase database = factory.create(chain(), "1");
      // autovacuum at its slowest on this table, so that its worker is still there when we drop
      database.execute("alter table members set (autovacuum_vacuum_cost_delay = 100, autovacuum_vacuum_cost_limit = 1,"
          + " autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0, autovacuum_analyze_threshold = 0)");
      database.execute("insert into members (name) select 'm' || g from generate_series(1, 50000) g");
      database.execute("delete from members");
      awaitAutovacuumWorker(database.name());

      try (Connection ci = server.createdbRole("postgres"); Statement statement = ci.createStatement()) {
        assertThatThrownBy(() -> statement.execute("DROP DATABASE " + database.name() + " WITH (FORCE)"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("must be a member of the role whose process is being terminated");
      }
      factory.close();
      assertThat(existing(database.name())).isEmpty();
      assertThat(warnings.lines()).isEmpty();
    }
  }

  @Test
  void ourOwnSessionsAreEndedAnotherRolesSessionIsWaitedForAndNeverEnded() throws Exception {
    try (Warnings warnings = new Warnings()) {
      TemplateFactory factory = factory();
      VersionedDatabase ours = factory.create(chain(), "2");
      VersionedDatabase visited = factory.create(chain(), "2");
      Connection ourLeakedSession = server.createdbRole(ours.name());
      Connection anotherRole = server.superuser(visited.name());
      try {
        factory.close();

        assertThat(existing(ours.name())).isEmpty();
        assertThat(ourLeakedSession.isValid(2)).isFalse();
        assertThat(existing(visited.name())).containsExactly(visited.name());
        try (Statement statement = anotherRole.createStatement(); ResultSet rs = statement.executeQuery("select 1")) {
          assertThat(rs.next()).as("the other role's session is still there").isTrue();
        }
        assertThat(warnings.lines()).singleElement().asString()
            .startsWith("schemakit: WARNING Dropping 1 test database(s) of this run on the external PostgreSQL 15 at"
                + " jdbc:postgresql://127.0.0.1:")
            .contains("[" + visited.name() + ": ERROR: database \"" + visited.name()
                + "\" is being accessed by other users]")
            .endsWith("The tests are not affected; the next run on this server drops them.");
      } finally {
        anotherRole.close();
        ourLeakedSession.close();
      }
      factory().close(); // the next run
      assertThat(existing(visited.name())).isEmpty();
    }
  }

  /** The warning lines schemakit prints while open (steps that took long are left out). */
  private static final class Warnings implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Progress.Redirect redirect = Progress.to(line -> {
      if (line.startsWith("schemakit: WARNING")) {
        lines.add(line);
      }
    });

    List<String> lines() {
      return lines;
    }

    @Override
    public void close() {
      redirect.close();
    }
  }

  @Test
  void twoShardsAtOnceThenAKilledRunThenAGreenRunThatLeavesNothing() throws Exception {
    CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> run(12, "complete"));
    CompletableFuture<Run> second = CompletableFuture.supplyAsync(() -> run(12, "complete"));
    for (Run shard : List.of(first.get(), second.get())) {
      assertThat(shard.exitCode).as(shard.output).isZero();
      assertThat(shard.output).contains("CLOSED").doesNotContain("WARNING");
    }
    assertThat(runDatabases()).isEmpty();

    Run killed = run(8, "hold");
    assertThat(killed.output).contains("READY");
    // what it handed out, and the clones it made ahead for the next test
    String killedRun = killed.created().get(0).substring(0, killed.created().get(0).lastIndexOf('_') + 1);
    assertThat(runDatabases()).containsAll(killed.created()).allMatch(name -> name.startsWith(killedRun));

    Run next = run(6, "complete");
    assertThat(next.exitCode).as(next.output).isZero();
    assertThat(next.output).contains("CLOSED").doesNotContain("WARNING");
    assertThat(runDatabases()).as("no database of any finished or killed run").isEmpty();
    assertThat(existing("app_db", "schemakit_r1_c1", "schemakit_foreign"))
        .as("other roles' databases").containsExactlyInAnyOrder("app_db", "schemakit_r1_c1", "schemakit_foreign");
  }

  private record Run(int exitCode, String output) {
    List<String> created() {
      return output.lines().filter(line -> line.startsWith("CREATED ")).map(line -> line.substring(8)).toList();
    }
  }

  /** A run in a JVM of its own; {@code hold} is killed with SIGKILL once its databases exist. */
  private static Run run(int databases, String mode) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
          ExternalRunMain.class.getName(), server.url("postgres"), CREATEDB_ROLE, Integer.toString(databases), mode)
          .redirectErrorStream(true).start();
      StringBuilder output = new StringBuilder();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          output.append(line).append('\n');
          if (line.equals("READY")) {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            break;
          }
        }
      }
      child.waitFor(120, TimeUnit.SECONDS);
      return new Run(child.exitValue(), output.toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static TemplateFactory factory() {
    return TemplateFactory.on(ExternalPostgres.connect(server.url("postgres"), CREATEDB_ROLE, null));
  }

  private static MigrationChain chain() {
    return MigrationChain.scan(MigrationSettings.builder().build());
  }

  /** Databases of test runs (not templates) on the server. */
  private static List<String> runDatabases() throws SQLException {
    return names("select datname from pg_database where datname ~ '^schemakit_r[0-9]+_' and datname <> 'schemakit_r1_c1'");
  }

  private static List<String> existing(String... databases) throws SQLException {
    List<String> found = new ArrayList<>();
    for (String name : names("select datname from pg_database")) {
      if (List.of(databases).contains(name)) {
        found.add(name);
      }
    }
    return found;
  }

  private static List<String> names(String query) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = server.superuser("postgres"); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static void awaitAutovacuumWorker(String database) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection connection = server.superuser("postgres"); PreparedStatement query = connection.prepareStatement(
        "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker' and datname = ?")) {
      query.setString(1, database);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("no autovacuum worker came to " + database + " within 60 s");
  }
}
