package dev.schemakit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigratedDatabase.MatchRate;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;

/**
 * V8 adds guild_members.bnet_id and backfills it by matching battletag with users.bnet_username,
 * case-insensitively. Seeded at version 7 with what production looks like, migrated across V8.
 */
@MigrationTest(target = "7")
class BackfillTests {

  @Test
  void membersAreMatchedToTheirAccountsIgnoringCase(MigratedDatabase db) {
    db.execute("insert into users (bnet_id, bnet_username) values (1, 'Arthas#1234'), (2, 'jaina#5678'),"
        + " (3, 'Thrall#0001')");
    db.execute("insert into guilds (name, realm) values ('Exodus', 'Illidan')");
    db.execute("insert into guild_members (character_name, guild_id, battletag, rank_id)"
        + " select c.name, g.id, c.tag, 1 from guilds g, (values"
        + " ('Arthasdk', 'arthas#1234'),"     // case differs: matched
        + " ('Arthaspal', 'ARTHAS#1234'),"    // a second character of the same account
        + " ('Jainamage', 'Jaina#5678'),"
        + " ('Thrallsham', 'Thrall#0001'),"
        + " ('Sylvanas', 'Sylvanas#6666'),"   // no account: stays NULL
        + " ('Nobody', null)) c(name, tag)");

    db.migrateTo("8");

    MatchRate rate = db.matchRate("guild_members", "bnet_id", "users", "bnet_id");
    assertThat(rate.referencing()).isEqualTo(4);
    assertThat(rate.orphans()).isZero();
    assertThat(rate.nulls()).isEqualTo(2);
    assertThat(db.queryForValue("select bnet_id from guild_members where character_name = 'Arthaspal'"))
        .isEqualTo(1);
    // the backfill must not leave a member with a battletag that an account has unmatched
    assertThat(db.queryForValue("select count(*) from guild_members m join users u"
        + " on lower(m.battletag) = lower(u.bnet_username) where m.bnet_id is null")).isEqualTo(0L);
  }
}
