package dev.schemakit.template;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import java.util.List;

/**
 * A JVM run twice by {@link WarmStartTests}: says whether the template for the chain in {@code args[0]}
 * and a scratch database were already on its fresh server, then makes both (and writes in a clone of the
 * template) and exits normally.
 */
public final class WarmStartMain {

  private WarmStartMain() {
  }

  public static void main(String[] args) throws Exception {
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + args[0]).build());
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    String template = TemplateFactory.templateName(chain, chain.latest().orElseThrow());
    List<String> there = dev.schemakit.database.ScratchDatabases.existing(List.of(template, "scratch"));
    System.out.println("HAD template=" + there.contains(template) + " scratch=" + there.contains("scratch"));
    if (there.contains(template)) {
      // how many names the template's files have: 2 when this run's data directory links the warm state's
      try (var connection = server.connect("postgres"); var statement = connection.createStatement();
          var rs = statement.executeQuery("select current_setting('data_directory'), oid from pg_database"
              + " where datname = '" + template + "'")) {
        rs.next();
        java.nio.file.Path version = java.nio.file.Path.of(rs.getString(1), "base", rs.getString(2), "PG_VERSION");
        System.out.println("TEMPLATE LINKS " + java.nio.file.Files.getAttribute(version, "unix:nlink"));
      }
    }
    try (TemplateFactory factory = TemplateFactory.on(server)) {
      // a clone that is written to, and read: nothing of that may reach the template's files
      VersionedDatabase clone = factory.create(chain, MigrationChain.LATEST);
      clone.execute("create table written (id int); insert into written select generate_series(1, 1000);"
          + " select count(*) from written");
    }
    try (var connection = server.connect("postgres")) {
      connection.createStatement().execute("create database scratch");
    }
  }
}
