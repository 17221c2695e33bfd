package dev.schemakit.benchmarks;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.template.TemplateFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * A template built from empty on a long chain of the shapes real chains have (partitioned tables, procedures and
 * functions, DO blocks, data, {@code CREATE INDEX CONCURRENTLY} scripts): schemakit's build (the direct path where it
 * applies), the same build with Flyway applying everything, and Flyway's own {@code migrate} on an empty database,
 * alternating in one run, each round on a chain no earlier round has cached.
 */
final class ChainBuildBenchmark implements Benchmarks.Benchmark {

  static final int MIGRATIONS = 260;
  private static final int ROUNDS = 3;

  @Override
  public Map<String, Double> run() throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    List.of("schemakit", "schemakit, Flyway only", "Flyway migrate").forEach(k -> seconds.put(k, new ArrayList<>()));
    // a first round that no one counts: the JIT and the server's caches warm up on it
    for (int round = 0; round <= ROUNDS; round++) {
      Path folder = generate(Files.createTempDirectory("schemakit-bench-chainbuild"), round);
      try {
        MigrationSettings direct = MigrationSettings.builder().locations("filesystem:" + folder).build();
        MigrationSettings flywayOnly = MigrationSettings.builder().locations("filesystem:" + folder).flywayOnly(true)
            .build();
        // the order turns each round, so that no variant always runs on a warmer machine
        for (int turn = 0; turn < 3; turn++) {
          int variant = (round + turn) % 3;
          double took = switch (variant) {
            case 0 -> template(server, MigrationChain.scan(direct));
            case 1 -> template(server, MigrationChain.scan(flywayOnly));
            default -> flyway(server, folder);
          };
          if (round > 0) {
            seconds.get(List.copyOf(seconds.keySet()).get(variant)).add(took);
          }
        }
      } finally {
        Benchmarks.fresh(folder);
        Files.delete(folder);
      }
    }
    System.out.printf(Locale.ROOT, "PostgreSQL %s (embedded); %d migrations from empty (partitioned tables,"
        + " procedures, DO blocks, rows, CONCURRENTLY scripts); %d rounds, alternating%n", server.version(),
        MIGRATIONS, ROUNDS);
    System.out.println("| build | each round (s) | median (s) | vs Flyway migrate |");
    System.out.println("|---|---|---|---|");
    double floor = Benchmarks.median(seconds.get("Flyway migrate"));
    Map<String, Double> metrics = new LinkedHashMap<>();
    seconds.forEach((name, values) -> {
      double median = Benchmarks.median(values);
      System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2fx |%n", name, String.join(", ", values.stream()
          .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()), median, median / floor);
      metrics.put("chainbuild." + name.replaceAll("[^a-z]+", "_") + ".s", median);
    });
    System.out.println("goal: schemakit's template build no slower than Flyway migrate (ratio 1.00x or less)");
    return metrics;
  }

  /** A template of the chain's latest version, built from empty by a factory with no template of it yet. */
  private static double template(EmbeddedPostgres server, MigrationChain chain) {
    try (TemplateFactory factory = TemplateFactory.on(server)) {
      long start = System.nanoTime();
      factory.template(chain, chain.latest().orElseThrow());
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** Flyway alone, as a service starts: {@code migrate} on a new empty database. */
  private static double flyway(EmbeddedPostgres server, Path folder) throws Exception {
    String name = "bench_flyway_" + System.nanoTime();
    try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    try {
      long start = System.nanoTime();
      // the session lock, as the templates use it: the transactional one would wait for ever on CONCURRENTLY
      FluentConfiguration configuration = Flyway.configure().locations("filesystem:" + folder)
          .dataSource(server.dataSource(name));
      configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
      configuration.load().migrate();
      return (System.nanoTime() - start) / 1e9;
    } finally {
      try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
      }
    }
  }

  /** The chain; {@code round} goes into the first migration, so that no template of another round serves. */
  static Path generate(Path folder, int round) throws Exception {
    Files.writeString(folder.resolve("V1__base.sql"), "-- round " + round + "\n"
        + "create table tenant (id bigint generated always as identity primary key, name text not null unique);\n"
        + "insert into tenant (name) select 'tenant ' || g from generate_series(1, 200) g;\n");
    int lastTable = 0; // the newest plain table, which the scripts that alter one work on
    for (int i = 2; i <= MIGRATIONS; i++) {
      StringBuilder sql = new StringBuilder();
      String last = "t" + lastTable;
      if (lastTable == 0 && i % 10 != 0 || i % 10 != 0 && i % 15 != 0 && i % 7 != 0 && i % 50 != 0) {
        sql.append("create table t").append(i).append(" (id bigint generated always as identity primary key,"
            + " tenant bigint not null references tenant (id), name text not null, amount numeric(12, 2),"
            + " updated_at timestamptz not null default now());\n");
        sql.append("create index t").append(i).append("_tenant on t").append(i).append(" (tenant);\n");
        sql.append("insert into t").append(i).append(" (tenant, name, amount) select 1 + g % 200, 'row ' || g,"
            + " g * 1.5 from generate_series(1, 100) g;\n");
        lastTable = i;
      } else if (i % 50 == 0) {
        // alone in its script: Flyway runs it outside a transaction
        sql.append("create index concurrently ").append(last).append("_name on ").append(last).append(" (name);\n");
      } else if (i % 10 == 0) {
        sql.append("create table events").append(i).append(" (id bigint, at date not null, tenant bigint references"
            + " tenant (id), payload jsonb) partition by range (at);\n");
        for (int month = 1; month <= 4; month++) {
          sql.append(String.format(Locale.ROOT, "create table events%d_2026_%02d partition of events%d for values"
              + " from ('2026-%02d-01') to ('2026-%02d-01');%n", i, month, i, month, month + 1));
        }
        sql.append("create index on events").append(i).append(" (tenant, at);\n");
      } else if (i % 15 == 0) {
        sql.append("create or replace function touch").append(i).append("() returns trigger language plpgsql as $$\n"
            + "begin\n  new.updated_at := now();\n  return new;\nend $$;\n");
        sql.append("create or replace procedure archive").append(i).append("(days int) language plpgsql as $$\n"
            + "begin\n  delete from ").append(last).append(" where updated_at < now() - make_interval(days => days);"
            + "\nend $$;\n");
        sql.append("create trigger ").append(last).append("_touch").append(i).append(" before update on ")
            .append(last).append(" for each row execute function touch").append(i).append("();\n");
      } else if (i % 7 == 0) {
        sql.append("do $$\nbegin\n  if not exists (select 1 from pg_roles where rolname = 'reader") .append(i)
            .append("') then\n    create role reader").append(i).append(";\n  end if;\nend $$;\n");
        sql.append("alter table ").append(last).append(" add column note").append(i).append(" text;\n");
      }
      Files.writeString(folder.resolve("V" + i + "__step_" + i + ".sql"), sql.toString());
    }
    return folder;
  }
}
