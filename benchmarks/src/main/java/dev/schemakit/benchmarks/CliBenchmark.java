package dev.schemakit.benchmarks;

import dev.schemakit.database.EmbeddedPostgres;
import java.io.File;
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

/**
 * The CLI as a user runs it, a new JVM per command, on a generated 300-version chain: {@code record}, then
 * {@code verify} of the unchanged chain (warm: it must clone the templates the record run left, not migrate
 * again), and {@code verify} in a project the cache has not seen (cold: binaries and initdb cached, no
 * templates). The floor for the cold case is the chain's SQL run once through {@code psql} on an
 * already-running server, measured in the same run where {@code psql} is installed.
 */
final class CliBenchmark implements Benchmarks.Benchmark {

  static final int VERSIONS = 300;

  @Override
  public Map<String, Double> run() throws Exception {
    Path cli = cliJar();
    Path work = Files.createDirectories(Path.of("target", "cli-benchmark").toAbsolutePath());
    Path chain = generateChain(Benchmarks.fresh(work.resolve("migrations")));
    Path warmProject = Benchmarks.fresh(work.resolve("project-warm"));
    Path coldProject = Benchmarks.fresh(work.resolve("project-cold-" + Long.toHexString(System.nanoTime())));
    Path contracts = warmProject.resolve("contracts");

    // binaries and initdb in the cache, as on any machine after its first run; neither project is warm yet
    Path warmUp = Benchmarks.fresh(work.resolve("project-warm-up"));
    Files.writeString(Files.createDirectories(warmUp.resolve("migrations")).resolve("V1__one.sql"),
        "create table one (id int);");
    cli(cli, warmUp, "record", "--migrations", "migrations", "--contracts", "contracts");
    double record = cli(cli, warmProject, "record", "--migrations", chain.toString(), "--contracts",
        contracts.toString());
    double warm = cli(cli, warmProject, "verify", "--migrations", chain.toString(), "--contracts",
        contracts.toString());
    double warmAgain = cli(cli, warmProject, "verify", "--migrations", chain.toString(), "--contracts",
        contracts.toString());
    double cold = cli(cli, coldProject, "verify", "--migrations", chain.toString(), "--contracts",
        contracts.toString());
    Double floor = psqlFloor(chain);
    double jvm = cli(cli, warmUp, "help");
    double[] inProcess = flywayAndSnapshot(chain);

    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("cli.record.s", record);
    metrics.put("cli.verify.warm.s", Math.min(warm, warmAgain));
    metrics.put("cli.verify.cold.s", cold);
    System.out.printf(Locale.ROOT, "CLI jar %s, a new JVM per command; %d-version generated chain%n",
        work.relativize(cli.toAbsolutePath()), VERSIONS);
    System.out.printf(Locale.ROOT, "%-58s %8s %s%n", "command", "wall", "goal");
    System.out.printf(Locale.ROOT, "%-58s %7.2fs%n", "record (first run of the chain in this project)", record);
    System.out.printf(Locale.ROOT, "%-58s %7.2fs %s%n", "verify right after (warm: clones, no migration)", warm,
        "<= 3 s");
    System.out.printf(Locale.ROOT, "%-58s %7.2fs%n", "verify again", warmAgain);
    System.out.printf(Locale.ROOT, "%-58s %7.2fs %s%n", "verify in a project the cache has not seen (cold)", cold,
        "<= 1.2x psql");
    if (floor != null) {
      metrics.put("cli.psql.floor.s", floor);
      metrics.put("cli.verify.cold.vs.psql", cold / floor);
      System.out.printf(Locale.ROOT, "%-58s %7.2fs%n", "floor: the chain's SQL once through psql (running server)",
          floor);
      System.out.printf(Locale.ROOT, "%-58s %7.2fx%n", "cold verify / psql floor", cold / floor);
    } else {
      System.out.println("psql is not installed: the floor was not measured (apt-get install postgresql-client)");
    }
    metrics.put("cli.breakdown.jvm.s", jvm);
    metrics.put("cli.breakdown.flyway.s", inProcess[0]);
    metrics.put("cli.breakdown.snapshot.s", inProcess[1]);
    System.out.println("where the cold verify goes (each measured alone):");
    System.out.printf(Locale.ROOT, "  %-56s %7.2fs%n", "a new JVM running the CLI jar's help", jvm);
    System.out.printf(Locale.ROOT, "  %-56s %7.2fs%n", "Flyway: the whole chain on a fresh database (in process)",
        inProcess[0]);
    System.out.printf(Locale.ROOT, "  %-56s %7.2fs%n", "snapshot of the migrated database (pg_catalog reader)",
        inProcess[1]);
    return metrics;
  }

  /** Seconds for Flyway to migrate the chain on a fresh database, and for a snapshot of the result. */
  private static double[] flywayAndSnapshot(Path chain) throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    String database = "flyway_floor_" + Long.toHexString(System.nanoTime());
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    dev.schemakit.flyway.MigrationSettings settings = dev.schemakit.flyway.MigrationSettings.builder()
        .locations("filesystem:" + chain).build();
    long start = System.nanoTime();
    dev.schemakit.flyway.Migrator.migrate(settings, server.dataSource(database), database,
        dev.schemakit.chain.Version.fromVersion(Integer.toString(VERSIONS)));
    double flyway = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    dev.schemakit.snapshot.SnapshotReader.forPostgres().read(server.dataSource(database), List.of("public"));
    double snapshot = (System.nanoTime() - start) / 1e9;
    return new double[] {flyway, snapshot};
  }

  /** The CLI's jar beside this module: {@code cli/target/schemakit.jar}, or {@code -Dschemakit.cli.jar}. */
  private static Path cliJar() {
    Path jar = Path.of(System.getProperty("schemakit.cli.jar", "../cli/target/schemakit.jar"));
    if (!Files.isRegularFile(jar)) {
      jar = Path.of("cli/target/schemakit.jar");
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("The cli benchmark runs the CLI jar, and there is none at"
          + " cli/target/schemakit.jar. Build it first: mvn -B -q -pl cli -am package -DskipTests");
    }
    return jar.toAbsolutePath();
  }

  /** Seconds the command took, a new JVM in {@code project} as its working directory; it must exit 0. */
  private static double cli(Path jar, Path project, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
    command.addAll(List.of(arguments));
    Path log = project.resolve("cli.log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("schemakit " + String.join(" ", arguments) + " did not finish in 10 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("schemakit " + String.join(" ", arguments) + " exited " + process.exitValue()
          + ":\n" + Files.readString(log));
    }
    return seconds;
  }

  /** The chain's SQL, all files in order, through one {@code psql} on a fresh database; null without psql. */
  private static Double psqlFloor(Path chain) throws Exception {
    String psql = onPath("psql");
    if (psql == null) {
      return null;
    }
    StringBuilder all = new StringBuilder();
    for (int v = 1; v <= VERSIONS; v++) {
      all.append(Files.readString(chain.resolve(fileName(v)))).append('\n');
    }
    Path script = chain.resolveSibling("whole-chain.sql");
    Files.writeString(script, all);
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    String database = "psql_floor_" + Long.toHexString(System.nanoTime());
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    long start = System.nanoTime();
    Process process = new ProcessBuilder(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
        Integer.toString(server.port()), "-U", EmbeddedPostgres.USER, "-d", database, "-f", script.toString())
        .redirectErrorStream(true).redirectOutput(chain.resolveSibling("psql.log").toFile()).start();
    process.waitFor(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("psql failed on the chain: " + Files.readString(chain.resolveSibling("psql.log")));
    }
    return seconds;
  }

  /**
   * A chain as services grow them: tables with keys and checks, columns added with defaults, indexes,
   * reference data, trigger functions and views, in a repeating mix of five kinds of migration.
   */
  static Path generateChain(Path folder) throws IOException {
    Files.writeString(folder.resolve(fileName(1)), "create type state as enum ('new', 'active', 'closed');\n"
        + table(1, -1));
    for (int v = 2; v <= VERSIONS; v++) {
      int table = v - (v - 1) % 5; // the table of this group of five migrations
      String sql = switch ((v - 1) % 5) {
        case 0 -> table(v, v - 5);
        case 1 -> "alter table e" + table + " add column priority integer not null default 0;\n"
            + "create index e" + table + "_priority on e" + table + " (priority) where closed_at is null;\n";
        case 2 -> "insert into e" + table + " (name, amount, state) select 'item ' || i, i % 97, 'active'"
            + " from generate_series(1, 200) as i;\n"
            + "update e" + table + " set priority = id % 5 where state = 'active';\n";
        case 3 -> "create function e" + table + "_touch() returns trigger language plpgsql as $$\n"
            + "begin\n  new.updated_at := now();\n  return new;\nend;\n$$;\n"
            + "create trigger e" + table + "_touch before update on e" + table
            + " for each row execute function e" + table + "_touch();\n";
        default -> "create view e" + table + "_open as select id, name, priority from e" + table
            + " where closed_at is null and state <> 'closed';\n";
      };
      Files.writeString(folder.resolve(fileName(v)), sql);
    }
    return folder;
  }

  private static String table(int v, int parent) {
    return "create table e" + v + " (\n  id bigint generated always as identity primary key,\n"
        + "  name varchar(100) not null,\n  amount numeric(12,2) not null default 0 check (amount >= 0),\n"
        + "  state state not null default 'new',\n  created_at timestamptz not null default now(),\n"
        + "  updated_at timestamptz,\n  closed_at timestamptz"
        + (parent > 0 ? ",\n  parent_id bigint references e" + parent + " (id) on delete set null" : "") + "\n);\n"
        + "create unique index e" + v + "_name on e" + v + " (lower(name)) where closed_at is null;\n";
  }

  private static String fileName(int v) {
    return "V" + v + "__step_" + v + ".sql";
  }

  /** The {@code java} of this JVM, for the processes a benchmark starts. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
