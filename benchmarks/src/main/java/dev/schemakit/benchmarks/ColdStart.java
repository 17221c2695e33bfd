package dev.schemakit.benchmarks;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.testkit.DatabaseFactory;
import dev.schemakit.testkit.MigratedDatabase;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The first class of a new JVM: from the JVM's start to a database at the latest version of the
 * chain in {@code args[0]}, the steps {@code @MigrationTest} takes without JUnit around them. Run by {@link ProvisioningBenchmark} as a separate process.
 */
final class ColdStart {

  static final String RESULT = "COLDSTART_MS ";

  private ColdStart() {
  }

  public static void main(String[] args) {
    EmbeddedPostgres.prestart(); // as @MigrationTest does: the server starts while the migrations are read
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + args[0]).build());
    try (DatabaseFactory factory = DatabaseFactory.on(EmbeddedPostgres.shared())) {
      MigratedDatabase database = factory.create(chain, MigrationChain.LATEST);
      database.queryForValue("select 1");
      long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
      System.out.println(String.format(Locale.ROOT, "%s%d", RESULT, millis));
    }
  }
}
