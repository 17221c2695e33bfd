package dev.schemakit.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.chain.ChainProblem;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.MigrationLock;
import dev.schemakit.chain.Version;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.model.Catalog;
import dev.schemakit.safety.DeploySafety;
import dev.schemakit.safety.SafetyCode;
import dev.schemakit.safety.SafetyFinding;
import dev.schemakit.safety.SafetyReport;
import dev.schemakit.template.StairwayClimb;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changelog as a chain, held to Liquibase's own behaviour in the same test: which changesets it would run and in
 * which order ({@code listUnrunChangeSets} on an empty database), and what its own {@code update} builds.
 */
class LiquibaseChainTests {

  static final String SHOP = "changelogs/shop/db.changelog-master.yaml";

  @TempDir
  Path folder;

  TemplateFactory factory;

  @BeforeEach
  void open() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterEach
  void close() {
    factory.close();
  }

  static MigrationChain shop(String contexts) {
    return MigrationChain.scan(LiquibaseSettings.builder().changelog(SHOP).contexts(contexts).build());
  }

  /** Liquibase itself on a database of the factory's server, with the test's class path. */
  void liquibase(VersionedDatabase database, String contexts, Consumer<Liquibase> work) throws Exception {
    try (Connection connection = database.dataSource().getConnection()) {
      Database target = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
          new JdbcConnection(connection));
      Liquibase liquibase = new Liquibase(SHOP, new ClassLoaderResourceAccessor(), target);
      liquibase.getChangeLogParameters().setContexts(new Contexts(contexts));
      work.accept(liquibase);
    }
  }

  static Consumer<Liquibase> unchecked(LiquibaseWork work) {
    return liquibase -> {
      try {
        work.on(liquibase);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  interface LiquibaseWork {
    void on(Liquibase liquibase) throws Exception;
  }

  @Test
  void theStepsAreTheChangesetsLiquibaseWouldRunInItsOrder() throws Exception {
    for (String contexts : new String[] {"", "prod"}) {
      MigrationChain chain = shop(contexts);
      VersionedDatabase empty = factory.create(chain, Version.EMPTY);
      List<String> liquibaseWouldRun = new java.util.ArrayList<>();
      liquibase(empty, contexts, unchecked(liquibase -> liquibase.listUnrunChangeSets(new Contexts(contexts),
          new LabelExpression()).forEach(changeSet -> liquibaseWouldRun.add(Changelogs.name(changeSet)))));

      assertThat(chain.versioned()).extracting(Migration::location)
          .as("contexts '%s'", contexts).containsExactlyElementsOf(liquibaseWouldRun);
    }
    assertThat(shop("").versioned()).extracting(Migration::fileName).containsExactly(
        "001-customers.xml::1::alice", "002-orders.sql::2::alice", "db.changelog-master.yaml::release-1::shop",
        "db.changelog-master.yaml::3::alice", "db.changelog-master.yaml::4::bob", "db.changelog-master.yaml::5::bob",
        "db.changelog-master.yaml::6::carol");
    assertThat(shop("prod").versioned()).hasSize(6);
  }

  @Test
  void aTargetIsATagAChangesetIdOrLatest() {
    MigrationChain chain = shop("");

    assertThat(chain.resolve("v1")).isEqualTo(Version.fromVersion("3"));
    assertThat(chain.resolve("release-1")).isEqualTo(Version.fromVersion("3"));
    assertThat(chain.resolve("5::bob")).isEqualTo(Version.fromVersion("6"));
    assertThat(chain.resolve("changelogs/shop/changes/001-customers.xml::1::alice")).isEqualTo(Version.fromVersion("1"));
    assertThat(chain.resolve("latest")).isEqualTo(Version.fromVersion("7"));
    assertThatThrownBy(() -> chain.resolve("v9")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'v9' is not a step of [changelogs/shop/db.changelog-master.yaml]. Use one of")
        .hasMessageContaining("'v1'");
  }

  @Test
  void aDatabaseAtATagIsWhatLiquibaseBuildsToThatTag() throws Exception {
    MigrationChain chain = shop("");
    VersionedDatabase ours = factory.create(chain, "v1");
    VersionedDatabase theirs = factory.create(chain, Version.EMPTY);
    liquibase(theirs, "", unchecked(liquibase -> liquibase.update("v1", new Contexts(), new LabelExpression())));

    Catalog built = ours.snapshot();
    assertThat(built.tableCount()).isEqualTo(2);
    assertThat(built).isEqualTo(theirs.snapshot());
    assertThat(ours.query("select count(*) as applied from databasechangelog").get(0).get("applied"))
        .isEqualTo(3L);
  }

  @Test
  void theLatestDatabaseAndOneMigratedAlongAreWhatLiquibaseUpdateBuilds() throws Exception {
    MigrationChain chain = shop("");
    VersionedDatabase latest = factory.create(chain, "latest");
    VersionedDatabase along = factory.create(chain, "v1").migrateTo("latest");
    VersionedDatabase theirs = factory.create(chain, Version.EMPTY);
    liquibase(theirs, "", unchecked(liquibase -> liquibase.update(new Contexts(), new LabelExpression())));

    assertThat(latest.snapshot()).isEqualTo(theirs.snapshot()).isEqualTo(along.snapshot());
    assertThat(latest.snapshot().tableCount()).as("customers, orders, audit_log; not Liquibase's own tables")
        .isEqualTo(3);
    assertThat(latest.query("select count(*) as loaded from customers").get(0).get("loaded")).isEqualTo(2L);
    assertThat(latest.query("select character_maximum_length as length from information_schema.columns"
        + " where table_name = 'customers' and column_name = 'email'").get(0).get("length")).isEqualTo(200);
  }

  @Test
  void eachStepIsRolledBackByLiquibaseAndComesBackTheSame() {
    List<StairwayClimb.Step> steps = StairwayClimb.of(factory, shop("prod")).climb();

    assertThat(steps).extracting(StairwayClimb.Step::version, StairwayClimb.Step::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("2", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("3", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("4", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("5", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("6", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("down to empty", StairwayClimb.Outcome.PASSED));
  }

  @Test
  void aFailingChangesetIsNamedByFileLineAndWhatTheServerSaid() throws Exception {
    Files.writeString(folder.resolve("broken.yaml"), """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: dana
              changes:
                - createTable:
                    tableName: things
                    columns:
                      - column: {name: id, type: bigint}
          - changeSet:
              id: 2
              author: dana k
              changes:
                - sql:
                    sql: alter table thingz add column name text
        """);
    MigrationChain chain = MigrationChain.scan(LiquibaseSettings.builder().changelog("broken.yaml")
        .searchPath(folder).build());

    assertThatThrownBy(() -> factory.create(chain, "latest")).isInstanceOf(MigrationException.class)
        .hasMessageContaining("failed in broken.yaml:11 (changeset 2 by dana k)")
        .hasMessageContaining("relation \"thingz\" does not exist");
  }

  @Test
  void anUndefinedPropertyIsNamedWithWhereToDefineIt() throws Exception {
    Files.writeString(folder.resolve("typed.yaml"), """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: dana
              changes:
                - sql:
                    sql: create table things (id ${id_type})
        """);
    MigrationChain chain = MigrationChain.scan(LiquibaseSettings.builder().changelog("typed.yaml")
        .searchPath(folder).build());

    assertThatThrownBy(() -> factory.create(chain, "latest")).isInstanceOf(MigrationException.class)
        .hasMessageContaining("failed in typed.yaml:3 (changeset 1 by dana)")
        .hasMessageContaining("The statement holds ${id_type}, a changelog property nothing defines")
        .hasMessageContaining("--property id_type=...");
  }

  @Test
  void aMissingIncludeIsNamedWithTheFix() throws Exception {
    Files.writeString(folder.resolve("master.yaml"), """
        databaseChangeLog:
          - include:
              file: missing/changes.yaml
        """);

    assertThatThrownBy(() -> MigrationChain.scan(LiquibaseSettings.builder().changelog("master.yaml")
        .searchPath(folder).build())).isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Reading the changelog master.yaml failed: ")
        .hasMessageContaining("missing/changes.yaml");
  }

  @Test
  void deploySafetyReadsTheSqlLiquibaseGeneratesAndNamesTheChangeset() throws Exception {
    Files.writeString(folder.resolve("risky.yaml"), """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: dana
              changes:
                - createTable:
                    tableName: things
                    columns:
                      - column: {name: id, type: bigint}
                      - column: {name: name, type: text}
          - changeSet:
              id: 2
              author: dana
              changes:
                - createIndex:
                    tableName: things
                    indexName: things_name
                    columns:
                      - column: {name: name}
          - changeSet:
              id: 3
              author: dana
              runInTransaction: false
              changes:
                - sql:
                    sql: create index concurrently things_id on things (id)
        """);
    MigrationChain chain = MigrationChain.scan(LiquibaseSettings.builder().changelog("risky.yaml")
        .searchPath(folder).build());

    SafetyReport report = DeploySafety.of(chain).check();

    assertThat(report.checked()).hasSize(3);
    assertThat(report.findings()).filteredOn(SafetyFinding::isError).extracting(SafetyFinding::code,
        SafetyFinding::location).containsExactly(org.assertj.core.groups.Tuple.tuple(SafetyCode.INDEX_NOT_CONCURRENT,
            "risky.yaml::2::dana:12"));
  }

  @Test
  void theLockKnowsChangesetsByNameSoANewOneMayComeBeforeReleasedOnes() throws Exception {
    String first = """
          - changeSet:
              id: accounts
              author: Ops Team
              changes:
                - createTable:
                    tableName: accounts
                    columns:
                      - column: {name: id, type: bigint}
        """;
    String last = """
          - changeSet:
              id: accounts-name
              author: Ops Team
              changes:
                - addColumn:
                    tableName: accounts
                    columns:
                      - column: {name: name, type: text}
        """;
    Path changelog = folder.resolve("master.yaml");
    Files.writeString(changelog, "databaseChangeLog:\n" + first + last);
    Path lockFile = folder.resolve("schemakit.lock");
    LiquibaseSettings settings = LiquibaseSettings.builder().changelog("master.yaml").searchPath(folder).build();
    MigrationLock.read(lockFile).withNewReleases(MigrationChain.scan(settings)).write(lockFile);

    Files.writeString(changelog, "databaseChangeLog:\n" + first + """
          - changeSet:
              id: accounts-by-id
              author: dana
              changes:
                - createIndex:
                    tableName: accounts
                    indexName: accounts_id
                    columns:
                      - column: {name: id}
        """ + last);
    MigrationChain inserted = MigrationChain.scan(settings);

    assertThat(MigrationLock.read(lockFile).check(inserted)).isEmpty();
    assertThat(DeploySafety.of(inserted).released(MigrationLock.read(lockFile)).unreleased())
        .extracting(Migration::fileName).containsExactly("master.yaml::accounts-by-id::dana");

    Files.writeString(changelog, "databaseChangeLog:\n" + first.replace("type: bigint", "type: integer") + last);
    assertThat(MigrationLock.read(lockFile).check(MigrationChain.scan(settings))).singleElement()
        .satisfies(problem -> assertThat(problem.message()).isEqualTo("released step master.yaml::accounts::Ops Team"
            + " was edited: its checksum changed, and Liquibase refuses to run the chain on databases that applied it"
            + " (a validCheckSum aside). Restore it and put the change in a new one."));
  }

  @Test
  void aValidCheckSumLetsAReleasedChangesetChangeAsLiquibaseLetsIt(@TempDir Path folder) throws Exception {
    String released = """
          - changeSet:
              id: accounts
              author: ops
              changes:
                - createTable:
                    tableName: accounts
                    columns:
                      - column: {name: id, type: bigint}
        """;
    Path changelog = folder.resolve("master.yaml");
    Files.writeString(changelog, "databaseChangeLog:\n" + released);
    Path lockFile = folder.resolve("schemakit.lock");
    LiquibaseSettings settings = LiquibaseSettings.builder().changelog("master.yaml").searchPath(folder).build();
    MigrationLock.read(lockFile).withNewReleases(MigrationChain.scan(settings)).write(lockFile);
    String checksumWhenReleased = liquibaseChecksum(folder, "master.yaml");

    String edited = released.replace("type: bigint", "type: integer");
    Files.writeString(changelog, "databaseChangeLog:\n" + edited.replace("    author: ops\n",
        "    author: ops\n      validCheckSum: '" + checksumWhenReleased + "'\n"));
    List<ChainProblem> allowed = MigrationLock.read(lockFile).check(MigrationChain.scan(settings));
    Files.writeString(changelog, "databaseChangeLog:\n" + edited.replace("    author: ops\n",
        "    author: ops\n      validCheckSum: ANY\n"));
    List<ChainProblem> anyAllowed = MigrationLock.read(lockFile).check(MigrationChain.scan(settings));
    Files.writeString(changelog, "databaseChangeLog:\n" + edited.replace("    author: ops\n",
        "    author: ops\n      validCheckSum: '9:00000000000000000000000000000000'\n"));
    List<ChainProblem> otherAllowed = MigrationLock.read(lockFile).check(MigrationChain.scan(settings));

    assertThat(checksumWhenReleased).startsWith("9:");
    assertThat(allowed).isEmpty();
    assertThat(anyAllowed).isEmpty();
    assertThat(otherAllowed).extracting(ChainProblem::code).containsExactly(ChainProblem.Code.RELEASED_EDITED);
  }

  /** Liquibase's own checksum of the only changeset of a changelog, as it stores it in databasechangelog. */
  private static String liquibaseChecksum(Path folder, String changelog) throws Exception {
    try (var resources = new liquibase.resource.DirectoryResourceAccessor(folder)) {
      var parsed = liquibase.parser.ChangeLogParserFactory.getInstance().getParser(changelog, resources)
          .parse(changelog, new liquibase.changelog.ChangeLogParameters(), resources);
      return parsed.getChangeSets().get(0).generateCheckSum(liquibase.ChecksumVersion.latest()).toString();
    }
  }
}
