package dev.schemakit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.report.Reports;
import dev.schemakit.snapshot.PostgresExpressionNormalizer;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The service's schema at the latest version: the contract, and the behaviour the migrations promise. */
@MigrationTest
class GuildSchemaTests {

  @Test
  void theMigratedSchemaIsWhatTheContractSays(MigratedDatabase db, Connection connection) {
    DiffResult result = SchemaDiff.compare(ContractReader.readDirectory(Path.of("contracts")), db.snapshot(),
        new PostgresExpressionNormalizer(connection));

    assertThat(result.findings()).as(Reports.text(result)).isEmpty();
  }

  @Test
  void softDeletingAGuildFlagsItsPermissionsAndFreesItsName(MigratedDatabase db) {
    db.execute("insert into guilds (name, realm) values ('Exodus', 'Illidan')");
    db.execute("insert into guild_permissions (guild_id, tool_name, min_rank_id) select id, 'raid-planner', 3 "
        + "from guilds where name = 'Exodus'");

    db.execute("update guilds set deleted_at = now() where name = 'Exodus'");
    db.execute("insert into guilds (name, realm) values ('Exodus', 'Illidan')");

    assertThat(db.queryForValue("select count(*) from guild_permissions where is_deleted")).isEqualTo(1L);
    assertThat(db.queryForValue("select count(*) from guilds where name = 'Exodus'")).isEqualTo(2L);
    assertThatThrownBy(() -> db.execute("insert into guilds (name, realm) values ('Exodus', 'Illidan')"))
        .hasMessageContaining("ux_guilds_realm_name");
  }

  @Test
  void purgingAGuildPurgesItsMembers(MigratedDatabase db) {
    db.execute("insert into guilds (name, realm) values ('Purged', 'Stormrage')");
    db.execute("insert into guild_members (character_name, guild_id, rank_id) select 'Thrall', id, 0 from guilds "
        + "where name = 'Purged'");

    db.execute("delete from guilds where name = 'Purged'");

    assertThat(db.queryForValue("select count(*) from guild_members where character_name = 'Thrall'")).isEqualTo(0L);
  }

  @Test
  void rowLevelSecurityShowsAToolRoleOnlyItsGuildsPermissions(MigratedDatabase db, Connection connection)
      throws Exception {
    db.execute("insert into guilds (name, realm) values ('One', 'Area 52'), ('Two', 'Area 52')");
    db.execute("insert into guild_permissions (guild_id, tool_name, min_rank_id) select id, 'bank', 1 from guilds "
        + "where realm = 'Area 52'");
    // roles belong to the server, not the database: one per test database, dropped at the end
    String role = db.name() + "_tools";
    db.execute("create role " + role);
    db.execute("grant select on guild_permissions to " + role);
    Object one = db.queryForValue("select id from guilds where name = 'One'");

    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("set local role " + role);
      statement.execute("set local app.guild_id = '" + one + "'");
      try (ResultSet rows = statement.executeQuery("select count(*), min(guild_id) from guild_permissions")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(1L);
        assertThat(rows.getObject(2)).isEqualTo(one);
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
      db.execute("revoke all on guild_permissions from " + role);
      db.execute("drop role " + role);
    }
    assertThat(db.queryForValue("select count(*) from guild_permissions")).isEqualTo(2L);
  }
}
