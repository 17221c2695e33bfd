package dev.schemakit.benchmarks;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.rehearsal.Rehearsal;
import dev.schemakit.rehearsal.RehearsalReport;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code rehearse} on a generated source of 5 million rows over 10 tables, on the embedded PostgreSQL 15 (the major of
 * Debian's {@code pg_dump}, which the copy is compared with): the copy's speed against {@code pg_dump | psql} of the
 * same source into an empty database, each migration's time, and the error of the lock-time measurement against a
 * direct one (a client timing how long it holds the same lock). The release: a backfilled foreign-key column on the
 * largest table, an index built concurrently, a table rewrite, and a lock held for a known time. Run it with {@code
 * -Xmx256m} to see the copy streams.
 */
final class RehearseBenchmark implements Benchmarks.Benchmark {

  static final int SMALL_TABLES = 8;
  static final int SMALL_ROWS = 290_000;
  static final int CUSTOMERS = 200_000;
  static final int EVENTS = 2_500_000;
  static final double HOLD_SECONDS = 1.5;

  @Override
  public Map<String, Double> run() throws Exception {
    Path folder = chain(Files.createTempDirectory("schemakit-bench-rehearse"));
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
    EmbeddedPostgres server = EmbeddedPostgres.shared(OptionalInt.of(15));
    Map<String, Double> metrics = new LinkedHashMap<>();
    try (TemplateFactory factory = TemplateFactory.on(server)) {
      VersionedDatabase source = factory.create(chain, "1");
      long generating = System.nanoTime();
      fill(source);
      long rows = (long) SMALL_TABLES * SMALL_ROWS + CUSTOMERS + EVENTS;
      long bytes = ((Number) source.queryForValue("select pg_database_size(current_database())")).longValue();
      System.out.printf(Locale.ROOT, "PostgreSQL %s (embedded); source: 10 tables, %,d rows, %.0f MB on disk"
          + " (generated in %.1f s); JVM max heap %d MB%n", server.version(), rows, bytes / 1e6,
          (System.nanoTime() - generating) / 1e9, Runtime.getRuntime().maxMemory() / (1 << 20));

      RehearsalReport report = Rehearsal.of(chain).lockBudget(Duration.ofMinutes(10))
          .fromPostgres(source.jdbcUrl(), "postgres", null);
      if (report.steps().size() != 3 || report.steps().stream().anyMatch(step -> step.failure() != null)) {
        throw new IllegalStateException("the generated release should apply: " + report.text());
      }
      double copySeconds = report.copied().millis() / 1000.0;
      double rate = report.copied().megabytesPerSecond();
      double dumpSeconds = pgDumpIntoPsql(server, source.name());
      double heldMs = report.steps().get(2).tables().stream().filter(t -> t.table().equals("public.t7"))
          .findFirst().orElseThrow().heldMillis();
      double directMs = directHold(server);

      System.out.printf(Locale.ROOT, "%-52s %10s%n", "step", "time");
      System.out.printf(Locale.ROOT, "%-52s %8.2f s  (%,d rows, %.0f MB of COPY data, %.1f MB/s)%n",
          "copy (COPY streams, into the migrated schema)", copySeconds, report.copied().rows(),
          report.copied().bytes() / 1e6, rate);
      System.out.printf(Locale.ROOT, "%-52s %8.2f s  (same source, into an empty database)%n", "pg_dump | psql",
          dumpSeconds);
      for (RehearsalReport.Step step : report.steps()) {
        String longest = step.tables().stream().filter(t -> t.heldMillis() > 0)
            // the lock that blocks the most first (reads and writes, then writes), then the longest held
            .max(java.util.Comparator.comparing((RehearsalReport.TableEffect t) -> t.blocks().length())
                .thenComparingDouble(RehearsalReport.TableEffect::heldMillis))
            .map(t -> t.table() + " " + t.lock() + " held "
                + String.format(Locale.ROOT, "%.2f s", t.heldMillis() / 1000))
            .orElse("no lock that blocks reads or writes");
        System.out.printf(Locale.ROOT, "%-52s %8.2f s  (%s)%n", step.file(), step.millis() / 1000.0, longest);
        metrics.put("rehearse.migration." + step.version() + ".s", step.millis() / 1000.0);
      }
      System.out.printf(Locale.ROOT, "lock held %.1f s by a client: the watch measured %.1f ms, the client %.1f ms:"
          + " error %+.1f ms%n", HOLD_SECONDS, heldMs, directMs, heldMs - directMs);
      System.out.printf(Locale.ROOT, "copy vs pg_dump | psql: %.2f s / %.2f s = %.2fx (goal: within 1.5x)%n",
          copySeconds, dumpSeconds, copySeconds / dumpSeconds);
      System.out.printf(Locale.ROOT, "heap: peak %d MB of %d MB%n", peakHeap() / (1 << 20),
          Runtime.getRuntime().maxMemory() / (1 << 20));
      metrics.put("rehearse.copy.s", copySeconds);
      metrics.put("rehearse.copy.mb_per_s", rate);
      metrics.put("rehearse.pgdump_psql.s", dumpSeconds);
      metrics.put("rehearse.copy.vs.pgdump", copySeconds / dumpSeconds);
      metrics.put("rehearse.lock.error.ms", heldMs - directMs);
      return metrics;
    } finally {
      Benchmarks.fresh(folder);
      Files.delete(folder);
    }
  }

  /** The release: V1 the schema; V2 a backfilled foreign key; V3 an index made concurrently; V4 a rewrite, a hold. */
  static Path chain(Path folder) throws IOException {
    StringBuilder schema = new StringBuilder("CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL"
        + " UNIQUE, name text NOT NULL);\n"
        + "CREATE TABLE events (id bigint PRIMARY KEY, customer_email text, kind text NOT NULL, payload text,"
        + " at timestamptz NOT NULL);\n");
    for (int i = 0; i < SMALL_TABLES; i++) {
      schema.append("CREATE TABLE t").append(i).append(" (id bigint PRIMARY KEY, n integer NOT NULL, label text,"
          + " at timestamptz NOT NULL);\n");
    }
    Files.writeString(folder.resolve("V1__schema.sql"), schema);
    Files.writeString(folder.resolve("V2__events_customer_id.sql"), "ALTER TABLE events ADD COLUMN customer_id bigint"
        + " REFERENCES customers (id);\nUPDATE events e SET customer_id = c.id FROM customers c"
        + " WHERE c.email = e.customer_email;\n");
    Files.writeString(folder.resolve("V3__events_customer_index.sql"),
        "CREATE INDEX CONCURRENTLY ix_events_customer_id ON events (customer_id);\n");
    Files.writeString(folder.resolve("V4__t6_wider_n.sql"), "ALTER TABLE t6 ALTER COLUMN n TYPE bigint;\n"
        + "LOCK TABLE t7 IN ACCESS EXCLUSIVE MODE;\nSELECT pg_sleep(" + HOLD_SECONDS + ");\n");
    return folder;
  }

  private static void fill(VersionedDatabase source) throws Exception {
    try (Connection connection = source.connection(); Statement statement = connection.createStatement()) {
      statement.execute("insert into customers select i, 'c' || i || '@example.org', 'customer ' || i"
          + " from generate_series(1, " + CUSTOMERS + ") i");
      // 98 % of the events find their customer by e-mail
      statement.execute("insert into events select i, case when i % 50 = 0 then 'gone' || i || '@example.org'"
          + " else 'c' || (i % " + CUSTOMERS + " + 1) || '@example.org' end, 'kind' || (i % 7),"
          + " repeat('x', 40), now() - i * interval '1 second' from generate_series(1, " + EVENTS + ") i");
      for (int t = 0; t < SMALL_TABLES; t++) {
        statement.execute("insert into t" + t + " select i, i % 1000, 'label ' || i, now()"
            + " from generate_series(1, " + SMALL_ROWS + ") i");
      }
      statement.execute("vacuum analyze");
    }
  }

  /** {@code pg_dump SOURCE | psql TARGET} with Debian's client of the same major, in seconds. */
  private static double pgDumpIntoPsql(EmbeddedPostgres server, String source) throws Exception {
    String target = "schemakit_bench_pgdump_" + ProcessHandle.current().pid();
    try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + target);
      statement.execute("CREATE DATABASE " + target);
    }
    try {
      String bin = "/usr/lib/postgresql/" + server.majorVersion() + "/bin/";
      String connection = " --host=localhost --port=" + server.port() + " --username=postgres ";
      long started = System.nanoTime();
      Process pipe = new ProcessBuilder("bash", "-c", "set -o pipefail; " + bin + "pg_dump" + connection + source
          + " | " + bin + "psql -q -o /dev/null -v ON_ERROR_STOP=1" + connection + target)
          .redirectErrorStream(true).start();
      String output = new String(pipe.getInputStream().readAllBytes());
      if (pipe.waitFor() != 0) {
        throw new IllegalStateException("pg_dump | psql failed (Debian's postgresql-client-" + server.majorVersion()
            + " is needed): " + output);
      }
      return (System.nanoTime() - started) / 1e9;
    } finally {
      try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
      }
    }
  }

  /** How long a client holds ACCESS EXCLUSIVE over {@link #HOLD_SECONDS} of sleep: from its LOCK to its COMMIT. */
  private static double directHold(EmbeddedPostgres server) throws Exception {
    String scratch = "schemakit_bench_hold_" + ProcessHandle.current().pid();
    try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + scratch);
      statement.execute("CREATE DATABASE " + scratch);
    }
    try (Connection connection = server.connect(scratch); Statement statement = connection.createStatement()) {
      statement.execute("create table held (id int)");
      connection.setAutoCommit(false);
      long locked = System.nanoTime();
      statement.execute("lock table held in access exclusive mode");
      long acquired = System.nanoTime();
      statement.execute("select pg_sleep(" + HOLD_SECONDS + ")");
      connection.commit();
      long released = System.nanoTime();
      // the lock is held from somewhere in the LOCK round trip to somewhere in COMMIT's: the midpoints
      return ((released - acquired) + (acquired - locked) / 2.0) / 1e6;
    } finally {
      try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
      }
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
