package dev.schemakit.template;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.flyway.MigrationSettings;

/**
 * A JVM that {@link AbandonedRunTests} kills with SIGKILL: it starts an embedded server of its own and
 * makes a database on another server (given by URL), prints what it made, and waits to be killed.
 */
public final class AbandonedRunMain {

  private AbandonedRunMain() {
  }

  public static void main(String[] args) throws Exception {
    EmbeddedPostgres own = EmbeddedPostgres.shared();
    TemplateFactory factory = TemplateFactory.on(ExternalPostgres.connect(args[0], "postgres", null));
    VersionedDatabase database = factory.create(MigrationChain.scan(MigrationSettings.builder().build()), "1");
    System.out.println("READY " + own.processId() + " " + database.name());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
