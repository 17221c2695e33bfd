package dev.schemakit.testkit;

import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.migration.MigrationChain;
import dev.schemakit.migration.MigrationSettings;
import java.util.List;

/**
 * A JVM run twice by {@link WarmStartTests}: says whether the template for the chain in {@code args[0]}
 * and a scratch database were already on its fresh server, then makes both and exits normally.
 */
public final class WarmStartMain {

  private WarmStartMain() {
  }

  public static void main(String[] args) throws Exception {
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + args[0]).build());
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    String template = DatabaseFactory.templateName(chain, chain.latest().orElseThrow());
    List<String> there = MigrationTestExtensionTests.existing(List.of(template, "scratch"));
    System.out.println("HAD template=" + there.contains(template) + " scratch=" + there.contains("scratch"));
    try (DatabaseFactory factory = DatabaseFactory.on(server)) {
      factory.create(chain, MigrationChain.LATEST);
    }
    try (var connection = server.connect("postgres")) {
      connection.createStatement().execute("create database scratch");
    }
  }
}
