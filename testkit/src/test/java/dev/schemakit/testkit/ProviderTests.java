package dev.schemakit.testkit;

import static dev.schemakit.testkit.MigrationTestExtensionTests.SEEN;
import static dev.schemakit.database.ScratchDatabases.existing;
import static dev.schemakit.testkit.MigrationTestExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.database.DatabaseServerException;
import dev.schemakit.database.EmbeddedPostgres;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The external provider against a real server (this JVM's embedded one, reached by URL like any other),
 * and settings read from {@code schemakit.properties}: each test puts its own file on a class loader.
 */
class ProviderTests {

  @TempDir
  Path folder;

  @BeforeEach
  void forget() {
    SEEN.clear();
  }

  /** Runs fixtures with a {@code schemakit.properties} of the given text at the classpath root. */
  EngineExecutionResults runWith(String properties, Class<?>... fixtures) throws Exception {
    Files.writeString(folder.resolve("schemakit.properties"), properties);
    return withClassLoader(() -> run(fixtures));
  }

  <T> T withClassLoader(Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, previous)) {
      thread.setContextClassLoader(loader);
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  static String embeddedUrl() {
    return EmbeddedPostgres.shared().jdbcUrl("postgres");
  }

  static void sql(String statement) throws Exception {
    try (Connection connection = EmbeddedPostgres.shared().connect("postgres");
        Statement s = connection.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void externalServerGetsOnlyDatabasesOfItsOwnAndDropsThemAtTheEnd() throws Exception {
    sql("drop database if exists other_app");
    sql("create database other_app");
    runWith("schemakit.external.url=" + embeddedUrl() + "\nschemakit.external.user=postgres\n",
        MigrationTestExtensionTests.AtVersionTwoTestCases.class, MigrationTestExtensionTests.AtLatestTestCases.class)
        .testEvents().assertStatistics(stats -> stats.succeeded(4));
    assertThat(SEEN.values()).hasSize(2).allMatch(name -> name.startsWith(dev.schemakit.template.TemplateFactory.PREFIX));
    assertThat(existing(SEEN.values())).isEmpty();
    assertThat(existing(List.of("other_app"))).containsExactly("other_app");
  }

  @Test
  void externalUserWithoutCreatedbIsToldHowToGrantIt() throws Exception {
    sql("drop role if exists sk_reader");
    sql("create role sk_reader login");
    runWith("schemakit.external.url=" + embeddedUrl() + "\nschemakit.external.user=sk_reader\n",
        MigrationTestExtensionTests.AtLatestTestCases.class)
        .containerEvents().assertThatEvents().haveExactly(1, event(container(
            MigrationTestExtensionTests.AtLatestTestCases.class), finishedWithFailure(
            instanceOf(DatabaseServerException.class), message("The external PostgreSQL at " + embeddedUrl()
                + " lets user 'sk_reader' log in, but not create databases, and every test class needs one of its"
                + " own. Grant it (ALTER ROLE \"sk_reader\" CREATEDB) or configure a user that has CREATEDB."))));
  }

  @Test
  void aRefusedLoginNamesUserAndFixButNeverThePassword() throws Exception {
    var events = runWith("schemakit.external.url=" + embeddedUrl() + "?password=s3cret-in-url\n"
        + "schemakit.external.user=no_such_user\nschemakit.external.password=s3cret\n",
        MigrationTestExtensionTests.AtLatestTestCases.class).containerEvents();
    events.assertThatEvents().haveExactly(1, event(container(MigrationTestExtensionTests.AtLatestTestCases.class),
        finishedWithFailure(instanceOf(DatabaseServerException.class), message(m -> m.equals(
            "Connecting to the external PostgreSQL at " + embeddedUrl() + "?password=*** as user 'no_such_user'"
                + " failed: FATAL: role \"no_such_user\" does not exist. Check schemakit.external.user and"
                + " schemakit.external.password (or SCHEMAKIT_EXTERNAL_USER and SCHEMAKIT_EXTERNAL_PASSWORD).")))));
  }

  @Test
  void anUnreachableServerSaysToCheckHostAndPort() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres";
    runWith("schemakit.external.url=" + url + "\n", MigrationTestExtensionTests.AtLatestTestCases.class)
        .containerEvents().assertThatEvents().haveExactly(1, event(container(
            MigrationTestExtensionTests.AtLatestTestCases.class), finishedWithFailure(
            instanceOf(DatabaseServerException.class), message(m -> m.startsWith("Connecting to the external"
                + " PostgreSQL at " + url + " failed: Connection to 127.0.0.1:" + closedPort + " refused.")
                && m.endsWith(". Check that the server runs and that host and port in schemakit.external.url are"
                + " right.")))));
  }

  @Test
  void anUnknownKeyInSchemakitPropertiesIsRejectedWithASuggestion() throws Exception {
    runWith("# settings\nschemakit.locaton=classpath:db/migration\n", MigrationTestExtensionTests.AtLatestTestCases.class)
        .containerEvents().assertThatEvents().haveExactly(1, event(container(
            MigrationTestExtensionTests.AtLatestTestCases.class), finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class), message(m -> m.startsWith("@MigrationTest on ["
                + MigrationTestExtensionTests.AtLatestTestCases.class.getName() + "]: file:")
                && m.contains("schemakit.properties:2: unknown key 'schemakit.locaton'; did you mean"
                + " 'schemakit.locations'? Known keys: [schemakit.changelog, schemakit.contexts,"
                + " schemakit.external.password,")))));
  }

  @Test
  void anUnknownProviderListsTheAllowedOnes() throws Exception {
    runWith("schemakit.provider=docker\n", MigrationTestExtensionTests.AtLatestTestCases.class)
        .containerEvents().assertThatEvents().haveExactly(1, event(container(
            MigrationTestExtensionTests.AtLatestTestCases.class), finishedWithFailure(
            instanceOf(ExtensionConfigurationException.class), message("@MigrationTest on ["
                + MigrationTestExtensionTests.AtLatestTestCases.class.getName() + "]: schemakit.provider is 'docker',"
                + " expected one of [auto, embedded, external, testcontainers, sqlite]. Fix it in schemakit.properties, the"
                + " system property or SCHEMAKIT_PROVIDER."))));
  }

  @Test
  void settingsFromTheFileApplyToEveryClass() throws Exception {
    runWith("schemakit.locations=classpath:db/repeatable\nschemakit.placeholders.currency=EUR\n",
        SettingsFromFileTestCases.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void flywayConfOnTheClasspathIsReadToo() throws Exception {
    Files.writeString(folder.resolve("flyway.conf"), "flyway.locations=classpath:db/repeatable\n"
        + "flyway.placeholders.currency=EUR\nflyway.table=history\n");
    withClassLoader(() -> run(SettingsFromFileTestCases.class)).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aChangedMigrationRebuildsTheTemplate() throws Exception {
    Path migrations = Files.createDirectories(folder.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__create.sql"), "create table notes (id int primary key);");
    String properties = "schemakit.locations=filesystem:" + migrations + "\n";
    runWith(properties, NotesTestCases.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(SEEN.get("columns")).isEqualTo("[id]");
    Files.writeString(migrations.resolve("V1__create.sql"), "create table notes (id int primary key, body text);");
    runWith(properties, NotesTestCases.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(SEEN.get("columns")).isEqualTo("[id, body]");
  }

  @MigrationTest
  static class SettingsFromFileTestCases {
    @org.junit.jupiter.api.Test
    void seesTheConfiguredChain(MigratedDatabase db) {
      db.execute("insert into items (id, price) values (1, 2)");
      assertThat(db.queryForValue("select currency from item_prices")).isEqualTo("EUR");
    }
  }

  @MigrationTest
  static class NotesTestCases {
    @org.junit.jupiter.api.Test
    void columns(MigratedDatabase db) {
      SEEN.put("columns", db.query("select column_name from information_schema.columns where table_name = 'notes'"
          + " order by ordinal_position").stream().map(row -> row.get("column_name")).toList().toString());
    }
  }
}
