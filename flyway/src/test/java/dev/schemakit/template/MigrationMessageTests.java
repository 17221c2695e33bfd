package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run says: a failed migration names the version asked for and the step; a slow step says so. */
class MigrationMessageTests {

  @TempDir
  Path folder;

  @Test
  void aSlowTemplateBuildSaysSoInOneLine() throws Exception {
    Files.writeString(folder.resolve("V1__a.sql"), "create table a (id int primary key);");
    Files.writeString(folder.resolve("V2__slow.sql"), "select pg_sleep(0.6);");
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var progress = dev.schemakit.database.Progress.to(lines::add);
         TemplateFactory factory = TemplateFactory.on(EmbeddedPostgres.shared())) {
      factory.create(chain, MigrationChain.LATEST);
    }
    org.assertj.core.api.Assertions.assertThat(lines)
        .anySatisfy(line -> org.assertj.core.api.Assertions.assertThat(line)
            .matches("schemakit: built the template of version 2 from version 1 \\(1 migration\\) \\([0-9.]+ s\\)"));
  }

  @Test
  void aFailureOnTheWayToTheLatestVersionNamesBoth() throws Exception {
    Files.writeString(folder.resolve("V1__a.sql"), "create table a (id int primary key);");
    Files.writeString(folder.resolve("V2__b.sql"), "alter table a add column name integr;");
    Files.writeString(folder.resolve("V3__c.sql"), "create table c (id int primary key);");
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());

    try (TemplateFactory factory = TemplateFactory.on(EmbeddedPostgres.shared())) {
      // from empty, the template of version 2 is built first, so that editing V3 costs one migration
      assertThatThrownBy(() -> factory.create(chain, MigrationChain.LATEST))
          .isInstanceOf(MigrationException.class)
          .hasMessageStartingWith("Migrating a new database on " + factory.server().description() + " to version '3'"
              + " (step: the template of version '2' on the way) failed in V2__b.sql")
          .hasMessageContaining("ERROR: type \"integr\" does not exist");
      assertThatThrownBy(() -> factory.create(chain, "2"))
          .hasMessageStartingWith("Migrating a new database on " + factory.server().description()
              + " to version '2' failed in V2__b.sql");
    }
  }

  @Test
  void anExtensionTheServerLacksFailsBeforeAnyMigrationWithOneMessage() throws Exception {
    Files.writeString(folder.resolve("V1__a.sql"), "create table a (id int primary key);");
    Files.writeString(folder.resolve("V2__places.sql"), "-- places on a map\ncreate extension if not exists postgis;\n"
        + "alter table a add column location geometry(Point, 4326);");
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    java.util.List<String> available = new java.util.ArrayList<>();
    try (var connection = server.connect("postgres"); var rs = connection.createStatement()
        .executeQuery("select name from pg_available_extensions order by name")) {
      while (rs.next()) {
        available.add(rs.getString(1));
      }
    }

    try (TemplateFactory factory = TemplateFactory.on(server)) {
      assertThatThrownBy(() -> factory.create(chain, "2"))
          .isInstanceOf(MigrationException.class)
          .hasMessage("Migrating to version '2' needs the extension 'postgis' (V2__places.sql:2: CREATE EXTENSION"
              + " postgis), which " + server.description() + " does not have. It has: "
              + String.join(", ", new java.util.TreeSet<>(available)) + ".\nRun the chain on a server that has"
              + " 'postgis': a container image with it (@MigrationTest(provider = Provider.TESTCONTAINERS, image ="
              + " \"postgis/postgis:16-3.5\"), or schemakit.testcontainers.image.postgis naming one, with which provider"
              + " AUTO runs such classes on Testcontainers where Docker is), or an existing server (provider EXTERNAL"
              + " with schemakit.external.url; --url on the command line).");
      // before any other work: not even the version before was built
      try (var connection = server.connect("postgres"); var rs = connection.createStatement().executeQuery(
          "select count(*) from pg_database where datname = '" + TemplateFactory.templateName(chain,
              chain.resolve("1")) + "'")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
    assertThat(available).contains("pgcrypto", "citext").doesNotContain("postgis");
  }
}
