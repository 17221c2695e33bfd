package dev.schemakit.benchmarks;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.testkit.DatabaseFactory;
import dev.schemakit.testkit.Stairway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole stairway (up, undo, compare, up again, compare; then down to empty) over the generated
 * 50-version/100-table chain of {@link ProvisioningBenchmark}, on a warm embedded server.
 */
final class StairwayBenchmark implements Benchmarks.Benchmark {

  @Override
  public Map<String, Double> run() throws Exception {
    Path folder = ProvisioningBenchmark.generateChain(Files.createTempDirectory("schemakit-bench-stairway"));
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    // a folder of its own each run (no template of an earlier run may serve), removed afterwards
    try (DatabaseFactory factory = DatabaseFactory.on(server)) {
      long start = System.nanoTime();
      List<Stairway.Step> steps = Stairway.of(factory, chain).climb();
      double seconds = (System.nanoTime() - start) / 1e9;
      long passed = steps.stream().filter(step -> step.outcome() == Stairway.Outcome.PASSED).count();
      if (passed != steps.size()) {
        throw new IllegalStateException("the generated chain should pass every step: " + steps);
      }
      System.out.printf(Locale.ROOT, "PostgreSQL %s (embedded); %d versions, %d tables, %d steps passed%n",
          server.version(), ProvisioningBenchmark.MIGRATIONS,
          ProvisioningBenchmark.MIGRATIONS * ProvisioningBenchmark.TABLES_PER_MIGRATION, passed);
      System.out.printf(Locale.ROOT, "stairway over the whole chain: %.2f s (target: 10 s or less)%n", seconds);
      return Map.of("stairway.50.s", seconds);
    } finally {
      Benchmarks.fresh(folder);
      Files.delete(folder);
    }
  }
}
