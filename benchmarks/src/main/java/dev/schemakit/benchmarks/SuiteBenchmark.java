package dev.schemakit.benchmarks;

import dev.schemakit.chain.Version;
import dev.schemakit.database.ContainerPostgres;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.flyway.Migrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * What a team feels: the wall time of a whole test run. The same 40 JUnit 5 test classes (each at one of versions
 * 10/25/37/50 of the generated 50-migration chain, a few inserts and selects, a {@code migrateTo} in a quarter of
 * them) are generated once per way, compiled, and run through the JUnit Platform launcher in a fresh JVM per way,
 * side by side in one run.
 */
final class SuiteBenchmark implements Benchmarks.Benchmark {

  static final int CLASSES = 40;
  static final int[] VERSIONS = {10, 25, 37, 50};
  static final String CONTAINER_IMAGE = "postgres:15";
  /** Rows every class of the seeded ways needs, 2,000 in each of t0..t9 at version 25. */
  static final int SEED_ROWS = 20_000;
  static final int SEED_VERSION = 25;

  @Override
  public Map<String, Double> run() throws Exception {
    Path work = Benchmarks.fresh(Path.of("target", "suite-benchmark").toAbsolutePath());
    Path migrations = ProvisioningBenchmark.generateChain(Files.createDirectories(work.resolve("migrations")));
    Map<String, Double> metrics = new LinkedHashMap<>();

    Path schemakit = compile(work, "schemakit", migrations);
    Path flyway = compile(work, "flyway", migrations);
    Path floor = compile(work, "floor", migrations);
    Path floorMigrating = compile(work, "floormigrating", migrations);
    Path seed = seedScript(work.resolve("seed.sql"));
    Path seeded = compile(work, "seeded", seed);
    Path seedPerClass = compile(work, "seedperclass", seed);

    // the warm case is every run but a project's first: one run first fills the cache for this project
    run(work, schemakit, "schemakit", List.of(), false);
    // the seeded ways are another project: a cache of their own, or each run's warm state would drop the other's
    List<String> seedCache = List.of("-Dschemakit.cache.dir=" + work.resolve("seed-cache"));
    run(work, seeded, "seeded", seedCache, false);
    // The Flyway way alone swings by half between runs on these shared machines (16-37 s in one day): every way runs
    // once in each round, one after the other, and its median over the rounds counts.
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    for (int round = 0; round < rounds(); round++) {
      seconds.computeIfAbsent("warm", k -> new ArrayList<>()).add(run(work, schemakit, "schemakit", List.of(), false));
      Files.copy(work.resolve("schemakit.log"), work.resolve("schemakit-warm.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      seconds.computeIfAbsent("cold", k -> new ArrayList<>()).add(runCold(work, schemakit));
      seconds.computeIfAbsent("parallel", k -> new ArrayList<>()).add(run(work, schemakit, "schemakit", List.of(),
          true));
      seconds.computeIfAbsent("flyway", k -> new ArrayList<>()).add(run(work, flyway, "flyway", List.of(), false));
      seconds.computeIfAbsent("floor", k -> new ArrayList<>()).add(runOnSharedDatabase(work, floor, migrations));
      seconds.computeIfAbsent("floormigrating", k -> new ArrayList<>()).add(runOnSharedDatabase(work, floorMigrating,
          migrations));
      seconds.computeIfAbsent("seeded", k -> new ArrayList<>()).add(run(work, seeded, "seeded", seedCache, false));
      seconds.computeIfAbsent("seedperclass", k -> new ArrayList<>()).add(run(work, seedPerClass, "seedperclass",
          seedCache, false));
    }
    double fairFloor = Benchmarks.median(seconds.get("floormigrating"));
    double withSeed = Benchmarks.median(seconds.get("seeded"));
    double seedEachClass = Benchmarks.median(seconds.get("seedperclass"));
    double warm = Benchmarks.median(seconds.get("warm"));
    double cold = Benchmarks.median(seconds.get("cold"));
    double parallel = Benchmarks.median(seconds.get("parallel"));
    double byFlyway = Benchmarks.median(seconds.get("flyway"));
    double shared = Benchmarks.median(seconds.get("floor"));
    // a container per class takes minutes: one round
    Double containers = null;
    if (ContainerPostgres.startsOffline(CONTAINER_IMAGE)) {
      containers = run(work, compile(work, "testcontainers", migrations), "testcontainers", List.of(), false);
    }

    metrics.put("suite.schemakit.s", warm);
    metrics.put("suite.schemakit.cold.s", cold);
    metrics.put("suite.schemakit.parallel.s", parallel);
    metrics.put("suite.flyway.s", byFlyway);
    if (containers != null) {
      metrics.put("suite.testcontainers.s", containers);
    }
    metrics.put("suite.floor.s", shared);
    metrics.put("suite.speedup", byFlyway / warm);
    metrics.put("suite.vs.floor", warm / shared);
    metrics.put("suite.floor.migrating.s", fairFloor);
    metrics.put("suite.vs.fairfloor", warm / fairFloor);
    metrics.put("suite.seeded.s", withSeed);
    metrics.put("suite.seedperclass.s", seedEachClass);
    metrics.put("suite.seeded.speedup", seedEachClass / withSeed);

    System.out.printf(Locale.ROOT, "%d test classes (versions 10/25/37/50 of a 50-migration chain, %d with a"
        + " migrateTo), a fresh JVM per way, JUnit Platform launcher; median of %d rounds (each round runs every"
        + " way once)%n", CLASSES, CLASSES / 4, rounds());
    System.out.printf(Locale.ROOT, "%-76s %8s   %s%n", "way", "median", "rounds");
    row("@MigrationTest, embedded, warm cache (suite.schemakit.s)", warm, seconds.get("warm"));
    row("@MigrationTest, embedded, first run ever (suite.schemakit.cold.s)", cold, seconds.get("cold"));
    row("@MigrationTest, 2 threads, classes concurrent (suite.schemakit.parallel.s)", parallel,
        seconds.get("parallel"));
    row("zonky server per JVM, database per class, Flyway (suite.flyway.s)", byFlyway, seconds.get("flyway"));
    if (containers != null) {
      row("Testcontainers container per class + Flyway, one round (suite.testcontainers.s)", containers,
          List.of(containers));
    } else {
      System.out.printf(Locale.ROOT, "%-76s %s%n", "Testcontainers container per class + Flyway", "skipped: no Docker"
          + " engine or no local " + CONTAINER_IMAGE + " image (eval \"$(bash ../shared/tools/docker-postgres.sh env)\")");
    }
    row("floor: one already-migrated database all classes share (suite.floor.s)", shared, seconds.get("floor"));
    row("fair floor: the floor plus the migrateTo steps' SQL sent directly (suite.floor.migrating.s)", fairFloor,
        seconds.get("floormigrating"));
    row("40 classes needing " + SEED_ROWS + " seeded rows at v" + SEED_VERSION + ": seed template (suite.seeded.s)",
        withSeed, seconds.get("seeded"));
    row("  the same, the seed script run by every class (suite.seedperclass.s)", seedEachClass,
        seconds.get("seedperclass"));
    System.out.printf(Locale.ROOT, "suite.speedup (flyway / schemakit warm): %.1fx (goal >= 5); schemakit / floor: %.2fx;"
        + " schemakit / fair floor: %.2fx (goal <= 1.3); seeded speed-up: %.1fx (goal >= 10)%n", byFlyway / warm,
        warm / shared, warm / fairFloor, seedEachClass / withSeed);
    return metrics;
  }

  private static void row(String label, double seconds, List<Double> rounds) {
    System.out.printf(Locale.ROOT, "%-76s %7.2fs   %s%n", label, seconds, rounds.stream()
        .map(value -> String.format(Locale.ROOT, "%.2f", value)).collect(java.util.stream.Collectors.joining(" ")));
  }

  /** Rounds of the suite benchmark: {@code -Dsuite.rounds}, default 3. */
  private static int rounds() {
    return Math.max(1, Integer.getInteger("suite.rounds", 3));
  }


  /**
   * A first run ever: a cache folder no run has used, so binaries, initdb and every template are made. The folder has
   * a new name each time: its data folder on tmpfs is named by a hash of the path, and a reused name would find the
   * last round's initdb copy and warm state there. The folder goes afterwards; the next server start removes the
   * data folder of a cache folder that is gone.
   */
  private static double runCold(Path work, Path classes) throws IOException, InterruptedException {
    Path cache = work.resolve("empty-cache-" + Long.toHexString(System.nanoTime()));
    double seconds = run(work, classes, "schemakit", List.of("-Dschemakit.cache.dir=" + cache), false);
    Benchmarks.fresh(cache);
    Files.delete(cache);
    return seconds;
  }

  /** The floor: a database migrated to the newest version before the JVM starts, the classes only connect to it. */
  private static double runOnSharedDatabase(Path work, Path classes, Path migrations) throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    String database = "suite_floor_" + Long.toHexString(System.nanoTime());
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    MigrationSettings settings = MigrationSettings.builder().locations("filesystem:" + migrations).build();
    Migrator.migrate(settings, server.dataSource(database), database, Version.fromVersion("50"));
    List<String> properties = new ArrayList<>(List.of("-Dsuite.floor.url=" + server.jdbcUrl(database)));
    if (classes.endsWith("floormigrating")) {
      // the fair floor: each class that migrates has its database at its version already, made before the JVM
      for (int i = 0; i < CLASSES; i += 4) {
        String own = database + "_" + i;
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
          statement.execute("CREATE DATABASE " + own);
        }
        Migrator.migrate(settings, server.dataSource(own), own, Version.fromVersion(
            Integer.toString(VERSIONS[i % VERSIONS.length])));
        properties.add("-Dsuite.floor.url." + i + "=" + server.jdbcUrl(own));
      }
    }
    return run(work, classes, classes.getFileName().toString(), properties, false);
  }

  /** Seconds from the start of a new JVM running a way's classes to its exit; the run must pass. */
  private static double run(Path work, Path classes, String way, List<String> properties, boolean parallel)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CliBenchmark.javaBinary()));
    command.addAll(properties);
    command.addAll(List.of("-cp", classPath() + java.io.File.pathSeparator + classes,
        SuiteRunner.class.getName(), "suite." + way));
    if (parallel) {
      command.add("parallel");
    }
    Path log = work.resolve(way + (parallel ? "-parallel" : "") + ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the " + way + " suite did not finish in 20 minutes; see " + log);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("the " + way + " suite failed (exit " + process.exitValue() + "); see " + log
          + ":\n" + Files.readAllLines(log).stream().filter(line -> line.startsWith("SUITE") || line.contains(": "))
              .limit(20).reduce("", (a, b) -> a + b + "\n"));
    }
    return seconds;
  }

  /**
   * A seed as a team writes one: literal rows in multi-row inserts, 2,000 in each of t0..t9, each row of t1..t9
   * referring to a row of the table before.
   */
  private static Path seedScript(Path file) throws IOException {
    StringBuilder sql = new StringBuilder("-- " + SEED_ROWS + " rows for the tests at version " + SEED_VERSION + "\n");
    for (int table = 0; table < 10; table++) {
      for (int from = 1; from <= 2000; from += 500) {
        sql.append("insert into t").append(table).append(" (name, amount").append(table > 0 ? ", parent_id" : "")
            .append(") values\n");
        for (int n = from; n < from + 500; n++) {
          sql.append(n == from ? "  " : ",\n  ").append("('seed ").append(table).append('-').append(n).append("', ")
              .append(n % 100).append('.').append(n % 10).append('0');
          if (table > 0) {
            sql.append(", ").append(n);
          }
          sql.append(')');
        }
        sql.append(";\n");
      }
    }
    Files.writeString(file, sql);
    return file;
  }

  /** Generates and compiles the 40 classes of one way into {@code <work>/classes/<way>}. */
  private static Path compile(Path work, String way, Path migrations) throws IOException {
    Path sources = Files.createDirectories(work.resolve("src/suite/" + way));
    Path classes = Files.createDirectories(work.resolve("classes/" + way));
    List<String> files = new ArrayList<>();
    for (int i = 0; i < CLASSES; i++) {
      int version = VERSIONS[i % VERSIONS.length];
      // a quarter of the classes migrate on to the next version of the four
      Integer next = i % 4 == 0 ? VERSIONS[1] : null;
      if (way.startsWith("seed")) {
        version = SEED_VERSION;
        next = null;
      }
      Path file = sources.resolve(className(i) + ".java");
      Files.writeString(file, source(way, i, version, next, migrations.toString()));
      files.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("the suite benchmark compiles its test classes and needs a JDK, not a JRE");
    }
    List<String> arguments = new ArrayList<>(List.of("-nowarn", "-proc:none", "-cp",
        classPath(), "-d", classes.toString()));
    arguments.addAll(files);
    int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("compiling the generated " + way + " test classes failed (" + sources + ")");
    }
    return classes;
  }

  /** This JVM's class path, absolute: the suite JVMs run in the work folder. */
  private static String classPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static String className(int i) {
    return String.format(Locale.ROOT, "Class%02dTest", i);
  }

  /** One test class: the same two test methods every way; only how the class gets its database differs. */
  static String source(String way, int i, int version, Integer next, String migrations) {
    String work = "dev.schemakit.benchmarks.SuiteWork";
    String dir = migrations.replace("\\", "\\\\");
    StringBuilder out = new StringBuilder("package suite." + way + ";\n\nimport org.junit.jupiter.api.*;\n\n");
    switch (way) {
      case "schemakit" -> {
        out.append("@dev.schemakit.testkit.MigrationTest(target = \"").append(version)
            .append("\", locations = \"filesystem:").append(dir).append("\")\nclass ").append(className(i)).append(" {\n")
            .append("  @Test void insertsAndSelects(dev.schemakit.testkit.MigratedDatabase db) throws Exception {\n")
            .append("    try (var c = db.connection()) { ").append(work).append(".use(c, ").append(version).append("); }\n")
            .append("  }\n")
            .append("  @Test void readsAgain(dev.schemakit.testkit.MigratedDatabase db) throws Exception {\n")
            .append("    try (var c = db.connection()) { ").append(work).append(".use(c, ").append(version).append("); }\n");
        if (next != null) {
          out.append("    db.migrateTo(\"").append(next).append("\");\n")
              .append("    try (var c = db.connection()) { ").append(work).append(".use(c, ").append(next).append("); }\n");
        }
        out.append("  }\n}\n");
      }
      case "flyway", "floor", "testcontainers" -> {
        out.append("class ").append(className(i)).append(" {\n  static javax.sql.DataSource ds;\n");
        if (way.equals("testcontainers")) {
          out.append("  static org.testcontainers.containers.PostgreSQLContainer<?> container;\n")
              .append("  @BeforeAll static void database() {\n    container = ").append(work).append(".container(")
              .append(version).append(", \"").append(dir).append("\");\n    ds = ").append(work)
              .append(".dataSource(container.getJdbcUrl(), container.getUsername(), container.getPassword());\n  }\n")
              .append("  @AfterAll static void stop() { container.stop(); }\n");
        } else if (way.equals("flyway")) {
          out.append("  @BeforeAll static void database() throws Exception {\n    ds = ").append(work)
              .append(".flywayDatabase(\"c").append(i).append("_\" + System.nanoTime(), ").append(version).append(", \"")
              .append(dir).append("\");\n  }\n");
        } else {
          out.append("  @BeforeAll static void database() { ds = ").append(work).append(".shared(); }\n");
        }
        out.append("  @Test void insertsAndSelects() throws Exception {\n    try (var c = ds.getConnection()) { ")
            .append(work).append(".use(c, ").append(version).append("); }\n  }\n")
            .append("  @Test void readsAgain() throws Exception {\n    try (var c = ds.getConnection()) { ")
            .append(work).append(".use(c, ").append(version).append("); }\n");
        if (next != null && !way.equals("floor")) {
          out.append("    ").append(work).append(".migrate(ds, ").append(next).append(", \"").append(dir).append("\");\n")
              .append("    try (var c = ds.getConnection()) { ").append(work).append(".use(c, ").append(next)
              .append("); }\n");
        }
        out.append("  }\n}\n");
      }
      case "floormigrating" -> {
        out.append("class ").append(className(i)).append(" {\n  static javax.sql.DataSource ds;\n")
            .append("  @BeforeAll static void database() { ds = ").append(work)
            .append(next != null ? ".own(" + i + ")" : ".shared()").append("; }\n")
            .append("  @Test void insertsAndSelects() throws Exception {\n    try (var c = ds.getConnection()) { ")
            .append(work).append(".use(c, ").append(version).append("); }\n  }\n")
            .append("  @Test void readsAgain() throws Exception {\n    try (var c = ds.getConnection()) { ")
            .append(work).append(".use(c, ").append(version).append("); }\n");
        if (next != null) {
          out.append("    ").append(work).append(".applyDirectly(ds, ").append(version).append(", ").append(next)
              .append(", \"").append(dir).append("\");\n")
              .append("    try (var c = ds.getConnection()) { ").append(work).append(".use(c, ").append(next)
              .append("); }\n");
        }
        out.append("  }\n}\n");
      }
      case "seeded", "seedperclass" -> {
        // migrations: here the seed script; the chain is the one next to it
        String chain = Path.of(migrations).resolveSibling("migrations").toString().replace("\\", "\\\\");
        out.append("@dev.schemakit.testkit.MigrationTest(target = \"").append(version)
            .append("\", locations = \"filesystem:").append(chain).append('"')
            .append(way.equals("seeded") ? ", seed = \"filesystem:" + dir + "\"" : "").append(")\nclass ")
            .append(className(i)).append(" {\n");
        if (way.equals("seedperclass")) {
          out.append("  @BeforeAll static void seed(dev.schemakit.testkit.MigratedDatabase db) throws Exception {\n")
              .append("    try (var c = db.connection()) { ").append(work).append(".runScript(c, \"").append(dir)
              .append("\"); }\n  }\n");
        }
        out.append("  @Test void insertsAndSelects(dev.schemakit.testkit.MigratedDatabase db) throws Exception {\n")
            .append("    try (var c = db.connection()) { ").append(work).append(".seeded(c); ").append(work)
            .append(".use(c, ").append(version).append("); }\n  }\n")
            .append("  @Test void readsAgain(dev.schemakit.testkit.MigratedDatabase db) throws Exception {\n")
            .append("    try (var c = db.connection()) { ").append(work).append(".seeded(c); }\n  }\n}\n");
      }
      default -> throw new IllegalArgumentException(way);
    }
    return out.toString();
  }

}
