package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init scripts: what a deployment makes before Flyway, run on every new database before the first migration. */
class InitScriptTests {

  static TemplateFactory factory;

  @TempDir
  Path folder;

  @BeforeAll
  static void open() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  MigrationChain chain(String... initScripts) throws Exception {
    Files.writeString(folder.resolve("V1__entries.sql"), """
        create table ledger.entries (id bigint primary key, during tstzrange not null,
          exclude using gist (id with =, during with &&));
        grant select on ledger.entries to ledger_reader;
        """);
    return MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder)
        .initScripts(initScripts).build());
  }

  @Test
  void rolesASchemaOwnedByOneAndAnExtensionAreThereBeforeTheFirstMigration() throws Exception {
    VersionedDatabase database = factory.create(chain("classpath:init/roles.sql"), MigrationChain.LATEST);

    assertThat(database.queryForValue("select nspowner::regrole::text from pg_namespace where nspname = 'ledger'"))
        .isEqualTo("ledger_owner");
    assertThat(database.queryForValue("select has_table_privilege('ledger_reader', 'ledger.entries', 'select')"))
        .isEqualTo(true);
    // the stairway's "empty" is the state after the init scripts, not an empty server
    VersionedDatabase empty = factory.create(chain("classpath:init/roles.sql"), Version.EMPTY);
    assertThat(empty.queryForValue("select count(*) from pg_namespace where nspname = 'ledger'")).isEqualTo(1L);
    assertThat(empty.queryForValue("select count(*) from pg_extension where extname = 'btree_gist'")).isEqualTo(1L);
  }

  @Test
  void twoTemplatesOnOneServerEachRunTheScriptThatMayRunTwice() throws Exception {
    Path other = Files.writeString(folder.resolveSibling(folder.getFileName() + "-other.sql"),
        "-- another class's set-up: the same roles, made only when missing\n"
            + Files.readString(Path.of("src/test/resources/init/roles.sql")) + "\ncreate schema audit;\n");
    try {
      MigrationChain one = chain("classpath:init/roles.sql");
      MigrationChain two = chain("classpath:init/roles.sql", other.toString());

      assertThat(one.fingerprint(one.latest().orElseThrow())).isNotEqualTo(two.fingerprint(two.latest().orElseThrow()));
      assertThat(factory.create(one, MigrationChain.LATEST).queryForValue(
          "select count(*) from pg_namespace where nspname = 'audit'")).isEqualTo(0L);
      assertThat(factory.create(two, MigrationChain.LATEST).queryForValue(
          "select count(*) from pg_namespace where nspname = 'audit'")).isEqualTo(1L);
    } finally {
      Files.delete(other);
    }
  }

  @Test
  void aMissingRoleEndsWithTheWayForwardAndAFailingScriptNamesItsLine() throws Exception {
    Files.writeString(folder.resolve("V1__entries.sql"), "create table entries (id int);\n"
        + "grant select on entries to reporting_reader;\n");
    MigrationChain withoutSetUp = MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + folder).build());
    assertThatThrownBy(() -> factory.create(withoutSetUp, MigrationChain.LATEST)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("failed in V1__entries.sql")
        .hasMessageContaining("ERROR: role \"reporting_reader\" does not exist")
        .hasMessageEndingWith("The role 'reporting_reader' is not made by the migrations; if the deployment makes it"
            + " before Flyway runs, give that set-up as an init script, run before the first migration:"
            + " @MigrationTest(initScripts = \"classpath:db/init.sql\"), schemakit.initScripts, --init-script FILE on"
            + " the command line, <initScripts> in the Maven plugin.");

    Path broken = Files.writeString(folder.resolveSibling(folder.getFileName() + "-broken.sql"),
        "create schema if not exists reporting;\n\ncreate rol reporting_reader;\n");
    try {
      MigrationChain withBrokenSetUp = MigrationChain.scan(MigrationSettings.builder()
          .locations("filesystem:" + folder).initScripts(broken.toString()).build());
      assertThatThrownBy(() -> factory.create(withBrokenSetUp, MigrationChain.LATEST))
          .isInstanceOf(MigrationException.class)
          .hasMessageStartingWith("Running the init script " + broken + " on a new database on the embedded PostgreSQL")
          .hasMessageContaining("failed at line 3: ERROR: syntax error at or near \"rol\"")
          .hasMessageContaining("Statement:\n  create rol reporting_reader");
    } finally {
      Files.delete(broken);
    }
    assertThatThrownBy(() -> MigrationSettings.builder().initScripts("classpath:init/nowhere.sql").build())
        .isInstanceOf(MigrationException.class).hasMessage("Reading the init script classpath:init/nowhere.sql failed:"
            + " no 'init/nowhere.sql' is on the class path. Put it in src/test/resources/init/nowhere.sql (or"
            + " src/main/resources), or give its file path.");
  }

  @Test
  void theStairwayGoesDownToTheStateAfterTheInitScriptsNotToAnEmptyServer() throws Exception {
    MigrationChain chain = chain("classpath:init/roles.sql");
    Files.writeString(folder.resolve("U1__entries.sql"), "drop table ledger.entries;");
    MigrationChain withUndo = MigrationChain.scan(chain.settings());

    List<StairwayClimb.Step> steps = StairwayClimb.of(factory, withUndo).climb();

    // the schema and extension the init script made stay after the last undo, as they stay in production
    assertThat(steps).extracting(StairwayClimb.Step::version, StairwayClimb.Step::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("down to empty", StairwayClimb.Outcome.PASSED));
  }
}
