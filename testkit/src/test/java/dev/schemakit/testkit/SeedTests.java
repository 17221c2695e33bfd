package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.database.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code @MigrationTest(seed = ..., seeder = ...)}: a template of a version plus rows, built once and cloned. */
class SeedTests {

  static final Path EDITED_SEED = Path.of("target", "seed-edit", "members.sql");

  @Test
  void aSeededCloneHasTheSeedsRowsAndMigratesUpOverThem() {
    MigrationTestExtensionTests.run(SeededTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void aSeederClassRunsAfterTheScripts() {
    MigrationTestExtensionTests.run(SeederTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void anEditedSeedIsRebuiltAndAnUnchangedOneIsNot() throws Exception {
    Files.createDirectories(EDITED_SEED.getParent());
    // a comment of this run's own: templates of earlier runs' seeds are cached on the server too
    String run = "-- run " + System.nanoTime() + "\n";
    Files.writeString(EDITED_SEED, run + "insert into members (name) values ('ada');\n");
    MigrationTestExtensionTests.run(EditedSeedTestCases.class).testEvents().assertStatistics(s -> s.succeeded(1));
    Map<String, Long> first = seededTemplatesOfVersionTwo();

    MigrationTestExtensionTests.run(EditedSeedTestCases.class).testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(seededTemplatesOfVersionTwo()).as("unchanged: the same template, not built again").isEqualTo(first);

    Files.writeString(EDITED_SEED, run + "insert into members (name) values ('ada'), ('grace');\n");
    MigrationTestExtensionTests.run(EditedSeedTestCases.class).testEvents().assertStatistics(s -> s.succeeded(1));
    Map<String, Long> edited = seededTemplatesOfVersionTwo();
    assertThat(edited).containsAllEntriesOf(first).hasSize(first.size() + 1);
  }

  @Test
  void aFailingSeedNamesFileLineAndStatement() {
    MigrationTestExtensionTests.run(BrokenSeedTestCases.class).containerEvents().assertThatEvents().haveExactly(1,
        event(container(BrokenSeedTestCases.class), finishedWithFailure(message(text ->
            text.contains("failed in broken.sql (classpath:seed/broken.sql) at line 3: ERROR: column \"nickname\" of"
                + " relation \"members\" does not exist")
            && text.contains("Statement:\n  insert into members (name, nickname)\n    values ('grace', 'g')")
            && text.contains("Fix that statement in broken.sql.")))));
  }

  @Test
  void aMissingSeedFailsBeforeAnyDatabaseIsMade() {
    MigrationTestExtensionTests.run(MissingSeedTestCases.class).containerEvents().assertThatEvents().haveExactly(1,
        event(container(MissingSeedTestCases.class), finishedWithFailure(message(
            "@MigrationTest on [" + MissingSeedTestCases.class.getName() + "]: seed = \"classpath:seed/nowhere.sql\":"
                + " no resource seed/nowhere.sql is on the test classpath. Put the script under"
                + " src/test/resources/seed/nowhere.sql, or name a file with filesystem:."))));
  }

  /** Seeded templates of version 2 on the embedded server, by name, with their OIDs: a rebuilt one has a new OID. */
  private static Map<String, Long> seededTemplatesOfVersionTwo() throws Exception {
    Map<String, Long> templates = new TreeMap<>();
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    try (Connection connection = server.connect(server.maintenanceDatabase());
         ResultSet rs = connection.createStatement().executeQuery(
             "select datname, oid from pg_database where datname like 'schemakit\\_t\\_%\\_v2\\_s'")) {
      while (rs.next()) {
        templates.put(rs.getString(1), rs.getLong(2));
      }
    }
    return templates;
  }

  // ---- fixtures

  @MigrationTest(target = "3", seed = "classpath:seed/members.sql")
  static class SeededTestCases {

    @Test
    void hasTheSeedsRows(MigratedDatabase db) {
      assertThat(db.query("select name, email from members order by id")).extracting(row -> row.get("name"))
          .containsExactly("ada", "grace", "ada");
    }

    @Test
    void backfillsOverTheSeededRows(MigratedDatabase db) {
      db.migrateTo("4");
      assertThat(db.queryForValue("select count(*) from users")).isEqualTo(2L);
      assertThat(db.matchRate("members", "user_id", "users", "id").nulls()).isZero();
    }
  }

  /** Rows no script writes well: made in code. */
  public static class ThousandMembers implements Seeder {
    @Override
    public void seed(MigratedDatabase database) {
      database.execute("insert into members (name) select 'member ' || n from generate_series(1, 1000) n");
    }
  }

  @MigrationTest(target = "3", seed = "seed/members.sql", seeder = ThousandMembers.class)
  static class SeederTestCases {

    @Test
    void hasTheScriptsRowsThenTheSeeders(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from members")).isEqualTo(1003L);
      assertThat(db.queryForValue("select name from members order by id limit 1")).isEqualTo("ada");
    }
  }

  @MigrationTest(target = "2", seed = "filesystem:target/seed-edit/members.sql")
  static class EditedSeedTestCases {

    @Test
    void hasTheRowsOfTheFileAsItIsNow(MigratedDatabase db) throws Exception {
      long lines = Files.readString(EDITED_SEED).chars().filter(c -> c == '(').count() - 1;
      assertThat(db.queryForValue("select count(*) from members")).isEqualTo(lines);
    }
  }

  @MigrationTest(target = "3", seed = "classpath:seed/broken.sql")
  static class BrokenSeedTestCases {

    @Test
    void neverRuns() {
    }
  }

  @MigrationTest(target = "3", seed = "classpath:seed/nowhere.sql")
  static class MissingSeedTestCases {

    @Test
    void neverRuns() {
    }
  }
}
