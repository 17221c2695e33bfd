package dev.schemakit.example.clans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.report.Reports;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.testkit.Provider;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The clan-analytics database on SQLite at its latest version: the contract, and what the schema enforces. */
@MigrationTest(provider = Provider.SQLITE, locations = "classpath:db/clans")
class ClanSchemaTests {

  @Test
  void theMigratedSchemaIsWhatTheContractSays(MigratedDatabase db) {
    DiffResult result = db.compareWith(ContractReader.readDirectory(Path.of("contracts-clans")));

    assertThat(result.findings()).as(Reports.text(result)).isEmpty();
  }

  @Test
  void theUnusedWarLogIsGone(MigratedDatabase db) {
    assertThat(db.queryForValue("SELECT count(*) FROM sqlite_master WHERE name = 'war_log_v1'")).isEqualTo(0);
  }

  @Test
  void rolesAndForeignKeysAreEnforced(MigratedDatabase db) {
    db.execute("INSERT INTO players (id, player_tag, name) VALUES (1, '#P1', 'Barbarian')");
    db.execute("INSERT INTO member_snapshots (member_name, captured_at, trophies, player_id)"
        + " VALUES ('Barbarian', '2026-11-21', 4100, 1)");

    assertThatThrownBy(() -> db.execute("INSERT INTO clan_members (player_tag, name, role) VALUES ('#X', 'x', 'king')"))
        .hasMessageContaining("CHECK constraint failed");
    assertThatThrownBy(() -> db.execute("INSERT INTO member_snapshots (member_name, captured_at, trophies, player_id)"
        + " VALUES ('Ghost', '2026-11-21', 1, 42)")).hasMessageContaining("FOREIGN KEY constraint failed");
    db.execute("DELETE FROM players WHERE id = 1");
    assertThat(db.queryForValue("SELECT player_id FROM member_snapshots WHERE member_name = 'Barbarian'")).isNull();
  }
}
