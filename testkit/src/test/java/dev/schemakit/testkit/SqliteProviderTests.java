package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.model.Catalog;
import dev.schemakit.report.Reports;
import dev.schemakit.template.Dialect;
import dev.schemakit.testkit.MigratedDatabase.MatchRate;
import dev.schemakit.yaml.ContractException;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL kinds of tests, on SQLite through {@code @MigrationTest(provider = SQLITE)}: the database, snapshot
 * and contract, data migration. The template files and the stairway on SQLite are tested in schemakit-sqlite.
 */
class SqliteProviderTests {

  /** V1 (the tables) is shared; clans adds V2-V4, bad-undo a V2 whose undo script forgets an index. */
  static final String BASE = "classpath:db/sqlite/base";
  static final String CLANS = "classpath:db/sqlite/clans";

  static Catalog contract() {
    return ContractReader.readDirectory(Path.of("src/test/resources/contracts/sqlite"));
  }

  @Nested
  @MigrationTest(provider = Provider.SQLITE, locations = {BASE, CLANS}, isolation = Isolation.PER_METHOD,
      seed = "seed/sqlite-users.sql")
  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
  class SeededAndPerMethod {

    @Test
    void aHasTheSeedsRowsAndDeletesThem(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from users")).isEqualTo(2);
      db.execute("delete from users");
    }

    @Test
    void bHasThemInItsOwnCopyStill(MigratedDatabase db) {
      assertThat(db.queryForValue("select group_concat(name, ',') from (select name from users order by name)"))
          .isEqualTo("ada,grace");
    }
  }

  @Nested
  @MigrationTest(provider = Provider.SQLITE, locations = {BASE, CLANS})
  class AtTheLatestVersion {

    @Test
    void theDatabaseIsAFileOfItsOwnAtTheVersion(MigratedDatabase db) {
      assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(db.version()).isEqualTo("4");
      assertThat(db.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith(".db");
      assertThat(Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()))).isRegularFile();
    }

    @Test
    void theSchemaIsWhatTheContractSays(MigratedDatabase db) {
      DiffResult result = db.compareWith(contract());

      assertThat(result.findings()).as(Reports.text(result)).isEmpty();
      assertThat(result.subjects()).containsExactly("main.members", "main.snapshots", "main.users");
    }

    @Test
    void driftIsReportedWithTheContractsCodes(MigratedDatabase db) {
      Catalog drifted = ContractReader.read(Map.of("clans.yaml", """
          schema: main
          tables:
            users:
              columns:
                name: { type: varchar(32), nullable: false }
              indexes:
                - { name: ix_users_name, columns: [name] }
            legacy_exports:
              columns:
                id: integer
          """));

      DiffResult result = db.compareWith(drifted);

      assertThat(result.findings()).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
          org.assertj.core.api.Assertions.tuple(FindingCode.COLUMN_TYPE_MISMATCH, "main.users.name"),
          org.assertj.core.api.Assertions.tuple(FindingCode.INDEX_MISSING, "main.users.ix_users_name"),
          org.assertj.core.api.Assertions.tuple(FindingCode.TABLE_MISSING, "main.legacy_exports"));
    }

    @Test
    void aContractAskingForWhatSqliteHasNotIsOneClearError(MigratedDatabase db) {
      Catalog postgresOnly = ContractReader.read(Map.of("pg.yaml", """
          schema: main
          enums:
            rank: [member, officer]
          tables:
            users:
              columns:
                id: { type: integer, identity: true }
              row_level_security: { enabled: true }
          """));

      assertThatThrownBy(() -> db.compareWith(postgresOnly)).isInstanceOf(ContractException.class)
          .hasMessage("""
              Reading the contract failed with 3 problems:
                pg.yaml:3:9: enum type rank: SQLite has no enums (use a CHECK ... IN (...)). Leave it out of the SQLite contract.
                pg.yaml:7:11: identity of column users.id: SQLite has no identity columns (an INTEGER PRIMARY KEY numbers rows by itself). Leave it out of the SQLite contract.
                pg.yaml:8:25: row_level_security of table users: SQLite has no row-level security. Leave it out of the SQLite contract.""");
    }
  }

  /** Seed at version 3, migrate across the backfill of V4, assert its match rate. */
  @Nested
  @MigrationTest(provider = Provider.SQLITE, locations = {BASE, CLANS}, target = "3")
  class BackfillAcrossVersion4 {

    @Test
    void snapshotsAreMatchedToUsersIgnoringCase(MigratedDatabase db) {
      db.execute("INSERT INTO users (id, name) VALUES (1, 'Grommash'), (2, 'Saurfang')");
      db.execute("INSERT INTO snapshots (member_name, taken_at, score) VALUES"
          + " ('grommash', '2026-11-01', 10), ('GROMMASH', '2026-11-02', 12), ('Saurfang', '2026-11-01', 7),"
          + " ('Garrosh', '2026-11-01', 3)");

      db.migrateTo("4");

      MatchRate rate = db.matchRate("snapshots", "user_id", "users", "id");
      assertThat(rate.referencing()).isEqualTo(3);
      assertThat(rate.orphans()).isZero();
      assertThat(rate.nulls()).isEqualTo(1);
      assertThat(rate.rate()).isEqualTo(1.0);
      assertThat(db.queryForValue("SELECT count(*) FROM snapshots WHERE user_id = 1")).isEqualTo(2);
      assertThat(db.queryForValue("SELECT name FROM sqlite_master WHERE name = 'legacy_exports'")).isNull();
    }
  }

  static MigrationChain chain(String... locations) {
    return MigrationChain.scan(MigrationSettings.builder().locations(locations).build());
  }
}
