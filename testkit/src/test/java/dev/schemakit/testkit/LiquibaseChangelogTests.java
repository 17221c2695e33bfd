package dev.schemakit.testkit;

import static dev.schemakit.testkit.MigrationTestExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;

/** {@code @MigrationTest(changelog = ...)}: a class's database migrated by Liquibase to a tag, a changeset or latest. */
class LiquibaseChangelogTests {

  static final String LIBRARY = "classpath:db/changelog/library.yaml";

  @Test
  void aClassGetsItsDatabaseAtATagAndMovesItAlong() {
    run(AtTheTagTestCases.class).testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void contextsChooseTheChangesetsAndPropertiesAreReplaced() {
    run(InTestContextTestCases.class, InProdContextTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void anUnknownTargetFailsTheClassNamingTheTagsAndIds() {
    run(UnknownTagTestCases.class).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
        m.contains("'v7' is not a step of [db/changelog/library.yaml]. Use one of '1', 'tag-v1', 'v1', '2',"
            + " 'seed-books' or \"latest\"")))));
  }

  @Test
  void aChangelogAndFlywayLocationsTogetherAreRefused() {
    run(BothEnginesTestCases.class).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
        m.contains("both a changelog (" + LIBRARY + ") and Flyway locations [classpath:db/migration] are set: a"
            + " class's chain is one or the other. Remove one of them.")))));
  }

  @Test
  void theSuiteUpgradesRollsBackAndChecksEveryChangeset() {
    var events = run(LibrarySuiteTestCases.class).testEvents();
    events.assertStatistics(stats -> stats.failed(0));
    events.assertThatEvents()
        .haveExactly(1, event(org.junit.platform.testkit.engine.EventConditions.displayName(
            "upgrade from empty to head"), org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()))
        .haveExactly(1, event(org.junit.platform.testkit.engine.EventConditions.displayName(
            "stairway down to empty"), org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()))
        .haveExactly(1, event(org.junit.platform.testkit.engine.EventConditions.displayName(
            "deploy safety of 002-loans.sql::2::library"),
            org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()));
  }

  // ---- fixtures

  @MigrationTest(changelog = LIBRARY, contexts = "prod")
  static class LibrarySuiteTestCases extends MigrationSuite {

    @Override
    protected java.nio.file.Path lockFile() {
      return java.nio.file.Path.of("target", "library-suite.lock");
    }
  }

  @MigrationTest(changelog = LIBRARY, target = "v1")
  static class AtTheTagTestCases {

    @Test
    void hasTheChangesetsUpToTheTag(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from databasechangelog")).isEqualTo(2L);
      assertThat(db.snapshot().schemas().get(0).tables()).extracting(t -> t.name()).containsExactly("books");
    }

    @Test
    void movesAlongToLatest(MigratedDatabase db) {
      db.migrateTo("latest");
      assertThat(db.snapshot().schemas().get(0).tables()).extracting(t -> t.name())
          .containsExactlyInAnyOrder("books", "loans");
    }
  }

  @MigrationTest(changelog = LIBRARY, contexts = "test")
  static class InTestContextTestCases {

    @Test
    void hasTheSeededBook(MigratedDatabase db) {
      assertThat(db.queryForValue("select title from books where id = 1")).isEqualTo("Dune");
    }
  }

  @MigrationTest(changelog = LIBRARY, contexts = "prod")
  static class InProdContextTestCases {

    @Test
    void hasNoBook(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from books")).isEqualTo(0L);
      assertThat(db.queryForValue("select count(*) from databasechangelog")).isEqualTo(3L);
    }
  }

  @MigrationTest(changelog = LIBRARY, target = "v7")
  static class UnknownTagTestCases {

    @Test
    void neverRuns() {
    }
  }

  @MigrationTest(changelog = LIBRARY, locations = "classpath:db/migration")
  static class BothEnginesTestCases {

    @Test
    void neverRuns() {
    }
  }
}
