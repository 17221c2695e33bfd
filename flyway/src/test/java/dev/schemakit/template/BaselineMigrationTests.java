package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway's baseline migrations on a real database: a new database at a version at or above a baseline starts from
 * it, as Flyway starts it, by the direct path and by Flyway alone; the stairway knows it cannot climb to it.
 */
class BaselineMigrationTests {

  @TempDir
  Path folder;

  TemplateFactory factory;

  @BeforeEach
  void chain() throws Exception {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
    Files.writeString(folder.resolve("V1__users.sql"), "create table users (id int primary key);");
    Files.writeString(folder.resolve("U1__users.sql"), "drop table users;");
    Files.writeString(folder.resolve("V2__guilds.sql"), "create table guilds (id int primary key, owner int"
        + " references users (id));");
    Files.writeString(folder.resolve("B2__squashed.sql"), "create table users (id int primary key);\n"
        + "create table guilds (id int primary key, owner int references users (id));");
    Files.writeString(folder.resolve("V3__guild_names.sql"), "alter table guilds add column name text;");
    Files.writeString(folder.resolve("U3__guild_names.sql"), "alter table guilds drop column name;");
    Files.writeString(folder.resolve("V4__realms.sql"), "alter table guilds add column realm text;");
  }

  @AfterEach
  void close() {
    factory.close();
  }

  private MigrationChain scan(boolean flywayOnly) {
    return MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).flywayOnly(flywayOnly)
        .build());
  }

  private static List<Map<String, Object>> history(VersionedDatabase database) {
    return database.query("select version, type, script from flyway_schema_history order by installed_rank");
  }

  @Test
  void aNewDatabaseAtOrAboveTheBaselineStartsFromItByEitherPath() {
    for (boolean flywayOnly : List.of(false, true)) {
      MigrationChain chain = scan(flywayOnly);

      VersionedDatabase atFour = factory.create(chain, "4");
      VersionedDatabase atTwo = factory.create(chain, "2");
      VersionedDatabase atOne = factory.create(chain, "1");

      assertThat(history(atFour)).as("flywayOnly " + flywayOnly)
          .extracting(row -> row.get("version"), row -> row.get("type"), row -> row.get("script"))
          .containsExactly(tuple("2", "SQL_BASELINE", "B2__squashed.sql"), tuple("3", "SQL", "V3__guild_names.sql"),
              tuple("4", "SQL", "V4__realms.sql"));
      assertThat(atFour.queryForValue("select count(*) from information_schema.columns where table_name = 'guilds'"))
          .isEqualTo(4L);
      assertThat(history(atTwo)).extracting(row -> row.get("script")).containsExactly("B2__squashed.sql");
      assertThat(history(atOne)).extracting(row -> row.get("script")).containsExactly("V1__users.sql");
      // a database at version 1 still goes on by the versioned migrations, as one deployed before the squash does
      atOne.migrateTo("3");
      assertThat(history(atOne)).extracting(row -> row.get("script"))
          .containsExactly("V1__users.sql", "V2__guilds.sql", "V3__guild_names.sql");
    }
  }

  @Test
  void theStairwayLeavesTheBaselineOutAndClimbsAboveItFromIt() {
    List<StairwayClimb.Step> steps = StairwayClimb.of(factory, scan(false)).to("3").climb();

    assertThat(steps).extracting(StairwayClimb.Step::version, StairwayClimb.Step::outcome).containsExactly(
        tuple("1", StairwayClimb.Outcome.PASSED), tuple("2", StairwayClimb.Outcome.EXCLUDED),
        tuple("3", StairwayClimb.Outcome.PASSED));
    assertThat(steps.get(1).detail()).isEqualTo("B2__squashed.sql is a baseline migration: Flyway runs it only on"
        + " an empty database, so no version comes before it to climb from; the steps above it start from it");

    List<StairwayClimb.Step> whole = StairwayClimb.of(factory, scan(false)).climb();
    assertThat(whole.get(whole.size() - 1)).extracting(StairwayClimb.Step::version, StairwayClimb.Step::outcome,
        StairwayClimb.Step::detail).containsExactly("down to empty", StairwayClimb.Outcome.EXCLUDED,
        "a new database starts from baseline migration B2__squashed.sql, which no undo script goes below");
  }
}
