package dev.schemakit.example.clans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigratedDatabase.MatchRate;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.testkit.Provider;
import org.junit.jupiter.api.Test;

/** V4 backfills member_snapshots.player_id by case-insensitive name: seeded at version 3, migrated across V4. */
@MigrationTest(provider = Provider.SQLITE, locations = "classpath:db/clans", target = "3")
class ClanBackfillTests {

  @Test
  void snapshotsFindTheirPlayerIgnoringCaseAndFormerMembersStayNull(MigratedDatabase db) {
    db.execute("INSERT INTO players (id, player_tag, name) VALUES (1, '#P1', 'Archer Queen'), (2, '#P2', 'Valkyrie')");
    db.execute("INSERT INTO member_snapshots (member_name, captured_at, trophies) VALUES"
        + " ('archer queen', '2026-11-20', 5100), ('ARCHER QUEEN', '2026-11-21', 5120),"
        + " ('Valkyrie', '2026-11-21', 3900), ('Left Last Season', '2026-11-01', 2000)");

    db.migrateTo("4");

    MatchRate rate = db.matchRate("member_snapshots", "player_id", "players", "id");
    assertThat(rate.referencing()).isEqualTo(3);
    assertThat(rate.orphans()).isZero();
    assertThat(rate.nulls()).isEqualTo(1);
    assertThat(db.queryForValue("SELECT member_name FROM member_snapshots WHERE player_id IS NULL"))
        .isEqualTo("Left Last Season");
  }
}
