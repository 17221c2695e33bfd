package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.flyway.MigrationSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@link MigrationTest} run the way JUnit runs it: fixture classes through the engine, events asserted. */
class MigrationTestExtensionTests {

  /** Database names the fixtures saw, by fixture class. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @BeforeEach
  void forget() {
    SEEN.clear();
  }

  static EngineExecutionResults run(Class<?>... fixtures) {
    var request = EngineTestKit.engine("junit-jupiter");
    for (Class<?> fixture : fixtures) {
      request.selectors(selectClass(fixture));
    }
    return request.execute();
  }

  @Test
  void injectsTheDatabaseAtTheTargetVersion() {
    run(AtVersionTwoTestCases.class).testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
  }

  @Test
  void migratesToTheLatestVersionByDefault() {
    run(AtLatestTestCases.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aTestMovesItsDatabaseUpToTestADataMigration() {
    run(DataMigrationTestCases.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void classesGetDatabasesOfTheirOwnWhichAreDroppedAtTheEnd() throws Exception {
    run(AtVersionTwoTestCases.class, AtLatestTestCases.class, DataMigrationTestCases.class)
        .testEvents().assertStatistics(stats -> stats.succeeded(6));
    assertThat(Set.copyOf(SEEN.values())).hasSize(3).allMatch(name -> name.startsWith("schemakit_r"));
    assertThat(ScratchDatabases.existingAfterDrops(SEEN.values())).isEmpty();
  }

  @Test
  void nestedClassesUseTheEnclosingClassesDatabase() {
    run(WithNestedTestCases.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(SEEN).containsKeys("outer", "inner");
    assertThat(SEEN.get("inner")).isEqualTo(SEEN.get("outer"));
  }

  @Test
  void repeatableMigrationsAndPlaceholdersAreApplied() {
    run(RepeatableTestCases.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void aVersionThatDoesNotExistFailsTheClassBeforeAnythingIsCreated() {
    run(MissingVersionTestCases.class).containerEvents().assertThatEvents().haveExactly(1, event(container(
        MissingVersionTestCases.class), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
        message("@MigrationTest on [" + MissingVersionTestCases.class.getName() + "]: version '7' does not exist:"
            + " the highest migration in [classpath:db/migration] is '4'. Use \"latest\" or add a V7__ migration."))));
  }

  @Test
  void aVersionBetweenExistingOnesListsTheVersions() {
    run(VersionInTheGapTestCases.class).containerEvents().assertThatEvents().haveExactly(1, event(container(
        VersionInTheGapTestCases.class), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
        message("@MigrationTest on [" + VersionInTheGapTestCases.class.getName() + "]: version '2.5' does not exist:"
            + " there is no migration with that version in [classpath:db/migration]; the versions are"
            + " '1', '2', '3', '4'."))));
  }

  @Test
  void aLocationThatDoesNotExistNamesTheFix() {
    run(MissingLocationTestCases.class).containerEvents().assertThatEvents().haveExactly(1, event(container(
        MissingLocationTestCases.class), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
        message("@MigrationTest on [" + MissingLocationTestCases.class.getName() + "]: Reading migrations from"
            + " classpath:db/nowhere failed: no folder 'db/nowhere' is on the classpath. Put the migrations in"
            + " src/main/resources/db/nowhere (or src/test/resources/db/nowhere), or set the locations"
            + " (@MigrationTest(locations = ...), schemakit.locations or flyway.locations)."))));
  }

  @Test
  void aMalformedPlaceholderIsAConfigurationError() {
    run(BadPlaceholderTestCases.class).containerEvents().assertThatEvents().haveExactly(1, event(container(
        BadPlaceholderTestCases.class), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
        message("@MigrationTest on [" + BadPlaceholderTestCases.class.getName() + "]: placeholders = \"currency\""
            + " is not of the form \"name=value\". Write it as placeholders = {\"owner=app\"}."))));
  }

  @Test
  void aMigrationWithAnSqlErrorNamesFileLineStatementAndTheDatabasesMessage() {
    var events = run(BrokenMigrationTestCases.class).containerEvents();
    events.assertThatEvents().haveExactly(1, event(container(BrokenMigrationTestCases.class),
        finishedWithFailure(instanceOf(MigrationException.class))));
    Throwable failure = events.failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(failure.getMessage())
        .startsWith("Migrating a new database on the embedded PostgreSQL ")
        .contains("to version '2' failed in V2__typo.sql (db/broken/V2__typo.sql) at line 3:"
            + " ERROR: syntax error at or near \"text\" [SQL state 42601]\nStatement:\n  alter table things\n"
            + "    add colum label text\nFix that statement in V2__typo.sql; if this migration is already released,"
            + " add a new one instead.");
  }

  @Test
  void aMigrationThatFailedLeavesNoTemplateBehind() throws Exception {
    run(BrokenMigrationTestCases.class);
    MigrationChain broken = MigrationChain.scan(MigrationSettings.builder().locations("classpath:db/broken").build());
    assertThat(ScratchDatabases.existingLike("schemakit_t_%")).doesNotContain(
        dev.schemakit.template.TemplateFactory.templateName(broken, Version.fromVersion("2")));
    assertThat(ScratchDatabases.existingLike("schemakit_r%_b%")).isEmpty();
  }

  static boolean tableExists(DataSource dataSource, String table) throws Exception {
    try (Connection connection = dataSource.getConnection();
        ResultSet rs = connection.getMetaData().getTables(null, "public", table, null)) {
      return rs.next();
    }
  }

  // ---- fixtures

  @MigrationTest(target = "2")
  static class AtVersionTwoTestCases {

    @Test
    void hasTheVersion(MigratedDatabase db) {
      SEEN.put("two", db.name());
      assertThat(db.version()).isEqualTo("2");
      assertThat(db.queryForValue("select max(version) from flyway_schema_history")).isEqualTo("2");
    }

    @Test
    void hasTheSchemaOfThatVersionOnly(DataSource dataSource) throws Exception {
      assertThat(tableExists(dataSource, "members")).isTrue();
      assertThat(tableExists(dataSource, "users")).isFalse();
    }

    @Test
    void injectsAnOpenConnection(Connection connection) throws Exception {
      assertThat(connection.isClosed()).isFalse();
      try (ResultSet rs = connection.createStatement().executeQuery("select count(*) from members")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @MigrationTest
  static class AtLatestTestCases {

    @Test
    void isAtTheHighestVersion(MigratedDatabase db) {
      SEEN.put("latest", db.name());
      assertThat(db.version()).isEqualTo("4");
      assertThat(db.snapshot().schemas().get(0).tables()).extracting(t -> t.name())
          .contains("members", "users");
    }
  }

  @MigrationTest(target = "3")
  static class DataMigrationTestCases {

    @BeforeAll
    static void seed(MigratedDatabase db) {
      SEEN.put("data", db.name());
      db.execute("insert into members (name) values ('ada'), ('grace'), ('ada')");
    }

    @Test
    void backfillsUserIds(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from users")).isEqualTo(0L);
      db.migrateTo("4");
      assertThat(db.version()).isEqualTo("4");
      assertThat(db.queryForValue("select count(*) from users")).isEqualTo(2L);
      assertThat(db.queryForValue("select count(*) from members where user_id is null")).isEqualTo(0L);
    }

    @Test
    void refusesToMoveDown(MigratedDatabase db) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.migrateTo("2"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageEndingWith("failed: the database is at '4' already and Flyway only migrates up. Start the"
              + " class at the lower version (@MigrationTest(target = \"2\")) and migrate up from there.");
    }
  }

  @MigrationTest(target = "1")
  static class WithNestedTestCases {

    @Test
    void outer(MigratedDatabase db) {
      SEEN.put("outer", db.name());
    }

    @Nested
    class Inner {
      @Test
      void inner(MigratedDatabase db) {
        SEEN.put("inner", db.name());
        assertThat(db.version()).isEqualTo("1");
      }
    }
  }

  @MigrationTest(locations = "classpath:db/repeatable", placeholders = "currency=EUR")
  static class RepeatableTestCases {

    @Test
    void viewAndPlaceholder(MigratedDatabase db) {
      db.execute("insert into items (id, price) values (1, 9.5)");
      assertThat(db.query("select currency from item_prices")).containsExactly(Map.of("currency", "EUR"));
    }
  }

  @MigrationTest(target = "7")
  static class MissingVersionTestCases {
    @Test
    void never() {
    }
  }

  @MigrationTest(target = "2.5")
  static class VersionInTheGapTestCases {
    @Test
    void never() {
    }
  }

  @MigrationTest(locations = "classpath:db/nowhere")
  static class MissingLocationTestCases {
    @Test
    void never() {
    }
  }

  @MigrationTest(locations = "classpath:db/repeatable", placeholders = "currency")
  static class BadPlaceholderTestCases {
    @Test
    void never() {
    }
  }

  @MigrationTest(locations = "classpath:db/broken")
  static class BrokenMigrationTestCases {
    @Test
    void never() {
    }
  }
}
