package dev.schemakit.benchmarks;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.database.ContainerPostgres;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.flyway.Migrator;
import dev.schemakit.testkit.DatabaseFactory;
import dev.schemakit.testkit.MigratedDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Time to hand a test class its database on a generated chain of 50 migrations and 100 tables, side by
 * side in one run: a clone of a cached template (what {@code @MigrationTest} does), Flyway from empty
 * per class, and a Testcontainers container per class when Docker is there; plus the cold start of
 * the first class in a new JVM. A "class" here takes its database and runs one query on it.
 */
final class ProvisioningBenchmark implements Benchmarks.Benchmark {

  static final int MIGRATIONS = 50;
  static final int TABLES_PER_MIGRATION = 2;
  private static final String[] VERSIONS = {"50", "10", "25", "50", "37"};
  private static final int CLONE_CLASSES = 60;
  private static final int FLYWAY_CLASSES = 10;
  private static final int CONTAINER_CLASSES = 3;
  private static final int METHODS = 200;
  private static final String CONTAINER_IMAGE = "postgres:15";

  @Override
  public Map<String, Double> run() throws Exception {
    Path folder = generateChain(Files.createTempDirectory("schemakit-bench-chain"));
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
    // first, while nothing else runs: the cold start of a new JVM (the data directory cache is made by a first run)
    double[] cold = coldStart(folder, false);
    double[] coldAfterChange = coldStart(folder, true);
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    Map<String, Double> metrics = new LinkedHashMap<>();
    System.out.printf(Locale.ROOT, "PostgreSQL %s (embedded); chain of %d migrations, %d tables%n%n", server.version(),
        MIGRATIONS, MIGRATIONS * TABLES_PER_MIGRATION);
    System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s %6s%n", "way to hand a class its database", "median ms",
        "p95 ms", "max ms", "runs");

    double[] clone;
    double[] noWait;
    double[] perMethod;
    try (DatabaseFactory factory = DatabaseFactory.on(server)) {
      long start = System.nanoTime();
      for (String version : new String[] {"10", "25", "37", "50"}) {
        factory.template(chain, chain.resolve(version));
      }
      double templates = (System.nanoTime() - start) / 1e6;
      clone = new double[CLONE_CLASSES];
      for (int i = 0; i < CLONE_CLASSES; i++) {
        String version = VERSIONS[i % VERSIONS.length];
        long t = System.nanoTime();
        MigratedDatabase database = factory.create(chain, version);
        clone[i] = (System.nanoTime() - t) / 1e6;
        useLikeAClass(database.dataSource(), Integer.parseInt(version));
      }
      row("template clone, prepared during the class before", clone);
      // back to back, no work between: the clone made ahead has no time to hide its own cost
      noWait = new double[CLONE_CLASSES];
      for (int i = 0; i < CLONE_CLASSES; i++) {
        String version = VERSIONS[i % VERSIONS.length];
        long t = System.nanoTime();
        factory.create(chain, version);
        noWait[i] = (System.nanoTime() - t) / 1e6;
      }
      row("template clone, classes back to back (no wait)", noWait);
      perMethod = perMethod(factory, chain, metrics);
      System.out.printf(Locale.ROOT, "  (versions 10/25/37/50; building the 4 templates once: %.0f ms)%n", templates);
    }

    double[] flyway = new double[FLYWAY_CLASSES];
    List<String> flywayDatabases = new ArrayList<>();
    for (int i = 0; i < FLYWAY_CLASSES; i++) {
      String name = "bench_flyway_" + i;
      long t = System.nanoTime();
      try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
        statement.execute("CREATE DATABASE " + name);
      }
      Migrator.migrate(MigrationSettings.of(chain.settings()), server.dataSource(name), name, Version.fromVersion("50"));
      flyway[i] = (System.nanoTime() - t) / 1e6;
      flywayDatabases.add(name);
      useLikeAClass(server.dataSource(name), MIGRATIONS);
    }
    row("Flyway from empty per class (to 50)", flyway);
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      for (String name : flywayDatabases) {
        statement.execute("DROP DATABASE IF EXISTS " + name);
      }
    }

    metrics.put("provision.clone.median.ms", percentile(clone, 50));
    metrics.put("provision.clone.p95.ms", percentile(clone, 95));
    metrics.put("provision.clone.nowait.median.ms", percentile(noWait, 50));
    metrics.put("provision.flyway.median.ms", percentile(flyway, 50));
    metrics.put("provision.speedup", percentile(flyway, 50) / percentile(clone, 50));

    if (ContainerPostgres.startsOffline(CONTAINER_IMAGE)) {
      double[] container = new double[CONTAINER_CLASSES];
      for (int i = 0; i < CONTAINER_CLASSES; i++) {
        long t = System.nanoTime();
        try (PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(
            DockerImageName.parse(CONTAINER_IMAGE).asCompatibleSubstituteFor("postgres"))) {
          postgres.start();
          org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
          dataSource.setURL(postgres.getJdbcUrl());
          dataSource.setUser(postgres.getUsername());
          dataSource.setPassword(postgres.getPassword());
          Migrator.migrate(MigrationSettings.of(chain.settings()), dataSource, "container", Version.fromVersion("50"));
          container[i] = (System.nanoTime() - t) / 1e6;
          useLikeAClass(dataSource, MIGRATIONS);
        }
      }
      row("Testcontainers container per class (" + CONTAINER_IMAGE + ")", container);
      metrics.put("provision.testcontainers.median.ms", percentile(container, 50));
    } else {
      System.out.printf(Locale.ROOT, "%-44s %s%n", "Testcontainers container per class", "skipped: no Docker engine,"
          + " no local " + CONTAINER_IMAGE + " image, or ryuk not disabled (eval \"$(bash ../shared/tools/docker-postgres.sh"
          + " env)\")");
    }

    System.out.printf(Locale.ROOT, "%-44s %10.0f %10s %10.0f %6d%n", "cold start: new JVM to first class's database",
        percentile(cold, 50), "", percentile(cold, 100), cold.length);
    metrics.put("provision.coldstart.ms", percentile(cold, 50));
    System.out.printf(Locale.ROOT, "%-44s %10.0f %10s %10.0f %6d%n", "  same, after a change to the last migration",
        percentile(coldAfterChange, 50), "", percentile(coldAfterChange, 100), coldAfterChange.length);
    metrics.put("provision.coldstart.changed.ms", percentile(coldAfterChange, 50));

    System.out.printf(Locale.ROOT, "%nspeed-up (Flyway per class / clone, medians): %.0fx%n",
        metrics.get("provision.speedup"));
    deleteTree(folder);
    return metrics;
  }

  /**
   * {@code isolation = PER_METHOD}: a class at version 25 whose methods each get a copy of the class's database, as
   * the testkit makes them ({@code DatabaseFactory.copy}, the copies of finished methods dropped in batches), 200
   * methods back to back that each connect, insert a row and read.
   */
  private static double[] perMethod(DatabaseFactory factory, MigrationChain chain, Map<String, Double> metrics)
      throws Exception {
    MigratedDatabase classDatabase = factory.create(chain, "25");
    classDatabase.execute("insert into t0 (name) values ('from @BeforeAll')");
    double[] methods = new double[METHODS];
    List<String> finished = new ArrayList<>();
    for (int i = 0; i < METHODS; i++) {
      long t = System.nanoTime();
      MigratedDatabase copy = factory.copy(classDatabase);
      methods[i] = (System.nanoTime() - t) / 1e6;
      try (Connection connection = copy.connection(); Statement statement = connection.createStatement()) {
        statement.execute("insert into t0 (name) values ('method')");
        try (ResultSet rs = statement.executeQuery("select count(*) from t0")) {
          rs.next();
          if (rs.getInt(1) != 2) {
            throw new IllegalStateException("a method's copy held " + rs.getInt(1) + " rows, not 2");
          }
        }
      }
      finished.add(copy.name());
      if (finished.size() >= 20) {
        factory.drop(finished.subList(0, 16));
        finished.subList(0, 16).clear();
      }
    }
    row("a copy per method, " + METHODS + " methods back to back (v25)", methods);
    metrics.put("provision.method.median.ms", percentile(methods, 50));
    metrics.put("provision.method.p95.ms", percentile(methods, 95));
    return methods;
  }

  /** What every test class does at least: connect and read. */
  private static void useLikeAClass(DataSource dataSource, int version) throws Exception {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select count(*) from t" + (version * TABLES_PER_MIGRATION - 1))) {
      rs.next();
    }
  }

  /**
   * A new JVM (this jar, {@link ColdStart}) from its start to its first database at the latest
   * version. One untimed run first fills the cache (binaries, initdb, the warm data directory with
   * the template). Unchanged chain: the next JVMs start from the warm data directory and clone.
   * Changed chain (a comment added to the last migration before each run): the template is built
   * again, all 50 migrations by a cold Flyway.
   */
  private static double[] coldStart(Path folder, boolean changeBeforeEachRun) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    double[] runs = new double[5];
    for (int i = -1; i < runs.length; i++) {
      if (changeBeforeEachRun && i >= 0) {
        Files.writeString(folder.resolve("V" + MIGRATIONS + "__tables_" + MIGRATIONS + ".sql"),
            "-- changed " + System.nanoTime() + "\n", StandardOpenOption.APPEND);
      }
      Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
          ColdStart.class.getName(), folder.toString()).redirectErrorStream(true).start();
      String result = null;
      List<String> output = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          output.add(line);
          if (line.startsWith(ColdStart.RESULT)) {
            result = line.substring(ColdStart.RESULT.length()).trim();
          }
        }
      }
      child.waitFor(60, TimeUnit.SECONDS);
      if (result == null) {
        throw new IllegalStateException("the cold-start JVM printed no result:\n" + String.join("\n", output));
      }
      if (i >= 0) {
        runs[i] = Double.parseDouble(result);
      }
    }
    return runs;
  }

  private static void row(String label, double[] millis) {
    System.out.printf(Locale.ROOT, "%-44s %10.1f %10.1f %10.1f %6d%n", label, percentile(millis, 50),
        percentile(millis, 95), percentile(millis, 100), millis.length);
  }

  static double percentile(double[] values, int percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * V1..V50, two tables each; every table refers to the one before, with a check and two indexes.
   * U1..U50 drop them again (Flyway Community does not see those).
   */
  static Path generateChain(Path folder) throws Exception {
    for (int v = 1; v <= MIGRATIONS; v++) {
      StringBuilder sql = new StringBuilder();
      for (int k = 0; k < TABLES_PER_MIGRATION; k++) {
        int t = (v - 1) * TABLES_PER_MIGRATION + k;
        sql.append("create table t").append(t).append(" (\n  id bigint generated always as identity primary key,\n")
            .append("  name varchar(100) not null,\n  amount numeric(12,2) not null default 0 check (amount >= 0),\n")
            .append("  created_at timestamptz not null default now(),\n  deleted_at timestamptz");
        if (t > 0) {
          sql.append(",\n  parent_id bigint references t").append(t - 1).append(" (id) on delete cascade");
        }
        sql.append("\n);\ncreate index t").append(t).append("_name on t").append(t).append(" (name);\n")
            .append("create unique index t").append(t).append("_live on t").append(t)
            .append(" (name) where deleted_at is null;\n");
      }
      Files.writeString(folder.resolve("V" + v + "__tables_" + v + ".sql"), sql);
      int last = v * TABLES_PER_MIGRATION - 1;
      Files.writeString(folder.resolve("U" + v + "__tables_" + v + ".sql"),
          "drop table t" + last + ";\ndrop table t" + (last - 1) + ";\n");
    }
    return folder;
  }

  private static void deleteTree(Path root) throws Exception {
    try (var walk = Files.walk(root)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
