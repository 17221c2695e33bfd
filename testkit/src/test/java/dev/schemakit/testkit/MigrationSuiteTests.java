package dev.schemakit.testkit;

import static dev.schemakit.testkit.MigrationTestExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.flyway.MigrationSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one-line suite: every check and every stairway step is a test of its own. */
class MigrationSuiteTests {

  @Test
  void aCleanChainPassesEveryGeneratedTest() {
    run(CleanSuiteTestCases.class).testEvents().assertStatistics(stats -> stats.started(9).succeeded(9));
  }

  @Test
  void aBrokenChainFailsTheTestsThatNameWhatBroke() {
    var events = run(BrokenSuiteTestCases.class).testEvents();
    events.assertStatistics(stats -> stats.started(8).failed(3).succeeded(5));
    events.assertThatEvents()
        .haveExactly(1, event(displayName("files Flyway would skip, undo scripts without migration"),
            finishedWithFailure(message(m -> m.startsWith("1 problem(s):\nIGNORED_FILE classpath:db/suite-broken/"
                + "V3_one_underscore.sql: Flyway skips this file without a word")))))
        .haveExactly(1, event(displayName("stairway 1 (V1__jobs.sql)"), finishedWithFailure(message(m -> m.startsWith(
            "Stairway at version '1': U1__jobs.sql leaves a trace; the schema differs from version 'empty':")
            && m.contains("ENUM_UNEXPECTED")))))
        .haveExactly(1, event(displayName("stairway down to empty"), finishedWithFailure(message(m -> m.startsWith(
            "Stairway down to empty: undoing every version leaves a trace:")))));
  }

  @Test
  void anUnreleasedMigrationThatBlocksALiveTableFailsItsDeploySafetyTest() {
    var events = run(RiskySuiteTestCases.class).testEvents();
    events.assertThatEvents()
        .haveExactly(1, event(displayName("deploy safety of V1__jobs.sql"),
            org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()))
        .haveExactly(1, event(displayName("deploy safety of V2__jobs_by_name.sql"), finishedWithFailure(message(m ->
            m.startsWith("1 deploy-safety error(s) in V2__jobs_by_name.sql:\nERROR INDEX_NOT_CONCURRENT "
                + "V2__jobs_by_name.sql:1: CREATE INDEX jobs_state on existing table jobs without CONCURRENTLY")
            && m.contains("measured: SHARE lock on public.jobs, full scan of 2,000 rows (confirmed)")))));
  }

  @Test
  void aChainWhoseBaseIsGoneFailsUpgradeFromEmptyAtTheFirstFailingStatement() {
    var events = run(MissingBaseSuiteTestCases.class).testEvents();
    events.assertThatEvents().haveExactly(1, event(displayName("upgrade from empty to head"), finishedWithFailure(
        message(m -> m.contains("to version '2' failed in V2__label.sql (db/missing-base/V2__label.sql) at line 2:"
            + " ERROR: relation \"things\" does not exist [SQL state 42P01]\nStatement:\n"
            + "  -- V1 (create table things) was deleted by accident\n  alter table things\n    add column label text")))));
  }

  @Test
  void theRecordPropertyWritesTheLockInsteadOfCheckingIt() throws Exception {
    Path lock = Path.of("target", "recorded-suite.lock");
    java.nio.file.Files.deleteIfExists(lock);
    System.setProperty(MigrationSuite.RECORD_PROPERTY, "true");
    try {
      run(RecordingSuiteTestCases.class).testEvents().assertStatistics(stats -> stats.failed(0));
    } finally {
      System.clearProperty(MigrationSuite.RECORD_PROPERTY);
    }
    assertThat(java.nio.file.Files.readAllLines(lock)).hasSize(3)
        .anySatisfy(line -> assertThat(line).startsWith("2 V2__runs.sql "));
    run(RecordingSuiteTestCases.class).testEvents().assertStatistics(stats -> stats.failed(0).succeeded(6));
  }

  @Test
  void aDataMigrationHelperReportsRowsWithoutParent() {
    try (DatabaseFactory factory = DatabaseFactory.on(dev.schemakit.database.EmbeddedPostgres.shared())) {
      MigratedDatabase db = factory.create(MigrationChain.scan(MigrationSettings.builder()
          .locations("classpath:db/suite-clean").build()), "1");
      db.execute("insert into jobs values (1, 'a', 'ada'), (2, 'b', 'bob')");
      db.execute("create table legacy_runs (id int, job_id int)");
      db.execute("insert into legacy_runs values (1, 1), (2, 2), (3, 9), (4, null)");
      MigratedDatabase.MatchRate rate = db.matchRate("legacy_runs", "job_id", "jobs", "id");
      assertThat(rate.referencing()).isEqualTo(3);
      assertThat(rate.orphans()).isEqualTo(1);
      assertThat(rate).hasToString("legacy_runs.job_id -> jobs.id: 1 of 3 rows have no parent (match rate 66.7%),"
          + " 1 rows are null");
    }
  }

  /** A suite over one classpath location, with nothing released yet. */
  abstract static class UnreleasedSuite extends MigrationSuite {
    private final String location;

    UnreleasedSuite(String location) {
      this.location = location;
    }

    @Override
    protected MigrationSettings settings() {
      return MigrationSettings.builder().locations(location).build();
    }

    @Override
    protected Path lockFile() {
      return Path.of("target", "no-release-yet.lock");
    }
  }

  static class CleanSuiteTestCases extends UnreleasedSuite {
    CleanSuiteTestCases() {
      super("classpath:db/suite-clean");
    }

    @Override
    protected java.util.List<String> baselines() {
      return java.util.List.of("1");
    }
  }

  @Test
  void aDataMigrationThatMissesRowsIsCaughtByTheMatchRate() {
    var events = run(HalfBackfillTestCases.class).testEvents();
    events.assertStatistics(stats -> stats.failed(1));
    events.assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
        "members.user_id -> users.id: 0 of 1 rows have no parent (match rate 100.0%), 2 rows are null")))));
  }

  /** V5 of db/half-backfill forgets the members whose name does not start with 'a'. */
  @MigrationTest(locations = "classpath:db/half-backfill", target = "4")
  static class HalfBackfillTestCases {
    @Test
    void everyMemberGetsAUser(MigratedDatabase db) {
      db.execute("insert into members (name) values ('ada'), ('grace'), ('linus')");
      db.migrateTo("5");
      MigratedDatabase.MatchRate rate = db.matchRate("members", "user_id", "users", "id");
      assertThat(rate.nulls() + rate.orphans()).as(rate.toString()).isZero();
    }
  }

  static class RecordingSuiteTestCases extends UnreleasedSuite {
    RecordingSuiteTestCases() {
      super("classpath:db/suite-clean");
    }

    @Override
    protected Path lockFile() {
      return Path.of("target", "recorded-suite.lock");
    }
  }

  static class MissingBaseSuiteTestCases extends UnreleasedSuite {
    MissingBaseSuiteTestCases() {
      super("classpath:db/missing-base");
    }
  }

  static class RiskySuiteTestCases extends UnreleasedSuite {
    RiskySuiteTestCases() {
      super("classpath:db/suite-risky");
    }
  }

  static class BrokenSuiteTestCases extends UnreleasedSuite {
    BrokenSuiteTestCases() {
      super("classpath:db/suite-broken");
    }
  }
}
