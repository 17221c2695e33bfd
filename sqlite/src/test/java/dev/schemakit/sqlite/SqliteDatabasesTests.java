package dev.schemakit.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.template.StairwayClimb;
import dev.schemakit.template.VersionedDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQLite databases as copies of cached template files, and the stairway through SQLite's table rebuilds. */
class SqliteDatabasesTests {

  /** V1 (the tables) is shared; clans adds V2-V4, bad-undo a V2 whose undo script forgets an index. */
  static final String BASE = "classpath:db/sqlite/base";
  static final String CLANS = "classpath:db/sqlite/clans";

  @Test
  void theStairwayClimbsThroughTableRebuildsAndFindsAForgottenIndex() {
    try (SqliteDatabases databases = SqliteDatabases.open()) {
      List<StairwayClimb.Step> clans = StairwayClimb.of(databases, chain(BASE, CLANS)).climb();
      List<StairwayClimb.Step> badUndo = StairwayClimb.of(databases, chain(BASE, "classpath:db/sqlite/bad-undo")).climb();

      assertThat(clans).extracting(StairwayClimb.Step::outcome).containsOnly(StairwayClimb.Outcome.PASSED).hasSize(5);
      assertThat(badUndo).filteredOn(s -> s.outcome() == StairwayClimb.Outcome.FAILED).singleElement()
          .satisfies(step -> assertThat(step.detail()).contains("U2__index.sql leaves a trace",
              "INDEX_UNEXPECTED main.snapshots.ix_snapshots_score"));
    }
  }

  @Test
  void classesGetCopiesOfOneTemplatePerVersion() throws Exception {
    MigrationChain chain = chain(BASE, CLANS);
    try (SqliteDatabases databases = SqliteDatabases.open()) {
      VersionedDatabase first = databases.create(chain, "2");
      VersionedDatabase second = databases.create(chain, "2");
      first.execute("INSERT INTO users (id, name) VALUES (1, 'only in the first')");

      assertThat(first.name()).isNotEqualTo(second.name());
      assertThat(second.queryForValue("SELECT count(*) FROM users")).isEqualTo(0);
      Path template = databases.template(chain, Version.fromVersion("2"));
      assertThat(template.getFileName().toString()).endsWith("_v2.db");
      // a row written into the cached template shows up in the next copy: it was copied, not rebuilt
      try (java.sql.Connection connection = SqliteDatabases.dataSource(template).getConnection();
           java.sql.Statement statement = connection.createStatement()) {
        statement.executeUpdate("INSERT INTO users (id, name) VALUES (99, 'marker')");
      }
      try {
        assertThat(databases.create(chain, "2").queryForValue("SELECT name FROM users WHERE id = 99"))
            .isEqualTo("marker");
      } finally {
        try (java.sql.Connection connection = SqliteDatabases.dataSource(template).getConnection();
             java.sql.Statement statement = connection.createStatement()) {
          statement.executeUpdate("DELETE FROM users WHERE id = 99");
        }
      }
    }
  }

  static MigrationChain chain(String... locations) {
    return MigrationChain.scan(MigrationSettings.builder().locations(locations).build());
  }
}
