package dev.schemakit.benchmarks;

import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.model.Catalog;
import dev.schemakit.snapshot.SnapshotReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Snapshot time of a generated 100- and 500-table schema with both readers, side by side in one
 * run on one server. Each table has 8 columns, a primary key, a foreign key, a check, a plain and a
 * partial unique index. Reported: the median of several timed runs after warm-up.
 */
final class SnapshotBenchmark implements Benchmarks.Benchmark {

  private static final int[] SIZES = {100, 500};

  @Override
  public Map<String, Double> run() throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    Map<String, Double> metrics = new LinkedHashMap<>();
    System.out.printf(Locale.ROOT, "PostgreSQL %s (embedded), median of timed runs after warm-up%n%n", server.version());
    System.out.printf(Locale.ROOT, "%-8s %-16s %12s %12s %8s%n", "tables", "reader", "median ms", "min ms", "runs");
    for (int size : SIZES) {
      DataSource dataSource = database(server, size);
      double pg = time(SnapshotReader.forPostgres(), dataSource, size, 3, 15);
      double sc = time(SnapshotReader.schemaCrawler(), dataSource, size, 1, 3);
      metrics.put("snapshot.pgcatalog." + size + ".ms", pg);
      metrics.put("snapshot.schemacrawler." + size + ".ms", sc);
      if (size == 500) {
        metrics.put("snapshot.speedup.500", sc / pg);
      }
    }
    System.out.printf(Locale.ROOT, "%nspeed-up at 500 tables (SchemaCrawler / pg_catalog): %.1fx%n",
        metrics.get("snapshot.speedup.500"));
    return metrics;
  }

  private static double time(SnapshotReader reader, DataSource dataSource, int size, int warmUps, int runs) {
    for (int i = 0; i < warmUps; i++) {
      check(reader.read(dataSource, List.of("public")), size);
    }
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Catalog catalog = reader.read(dataSource, List.of("public"));
      millis[i] = (System.nanoTime() - start) / 1e6;
      check(catalog, size);
    }
    Arrays.sort(millis);
    double median = millis[runs / 2];
    System.out.printf(Locale.ROOT, "%-8d %-16s %12.1f %12.1f %8d%n", size,
        reader.getClass().getSimpleName().replace("SnapshotReader", ""), median, millis[0], runs);
    return median;
  }

  private static void check(Catalog catalog, int size) {
    if (catalog.tableCount() != size) {
      throw new IllegalStateException("snapshot saw " + catalog.tableCount() + " tables, expected " + size);
    }
  }

  private static DataSource database(EmbeddedPostgres server, int tables) throws Exception {
    String name = "bench_snapshot_" + tables;
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    DataSource dataSource = server.dataSource(name);
    List<String> ddl = new ArrayList<>();
    for (int i = 0; i < tables; i++) {
      String t = "t" + i;
      ddl.add("CREATE TABLE " + t + " (id serial PRIMARY KEY, name varchar(100) NOT NULL, code text,"
          + " amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT now(),"
          + " deleted_at timestamptz, flag boolean NOT NULL DEFAULT false, parent_id integer"
          + (i == 0 ? "" : " REFERENCES t" + (i - 1) + " (id) ON DELETE CASCADE") + ")");
      ddl.add("CREATE INDEX ix_" + t + "_name ON " + t + " (name)");
      ddl.add("CREATE UNIQUE INDEX ux_" + t + "_code ON " + t + " (code) WHERE deleted_at IS NULL");
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(String.join(";\n", ddl));
    }
    return dataSource;
  }
}
