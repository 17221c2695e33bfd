package dev.schemakit.flyway;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.snapshot.SnapshotReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations applied directly leave the database, and Flyway's history of it, as Flyway leaves them; whatever could
 * come out otherwise is left to Flyway.
 */
class DirectMigrationsTests {

  @TempDir
  Path folder;

  private final EmbeddedPostgres server = EmbeddedPostgres.shared();
  private final List<String> databases = new ArrayList<>();

  @AfterEach
  void dropDatabases() throws SQLException {
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      for (String database : databases) {
        statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  @Test
  void aChainAppliedDirectlyLeavesWhatFlywayLeaves() throws Exception {
    write("V1__accounts.sql", "create table accounts (id bigint generated always as identity primary key,"
        + " email text not null);\ninsert into accounts (email) values ('ada@example.com');");
    write("V2__nickname.sql", "alter table accounts add column nickname varchar(40);\n"
        + "update accounts set nickname = split_part(email, '@', 1);");
    // a function body with BEGIN/END and a string that says commit: neither is transaction control
    write("V3__touch.sql", "create function touch() returns trigger language plpgsql as $$\nbegin\n"
        + "  new.nickname := coalesce(new.nickname, 'none; commit');\n  return new;\nend $$;\n"
        + "-- commit\ncreate trigger accounts_touch before insert on accounts for each row execute function touch();");
    write("V4__audit.sql", "create table ${prefix}_audit (id int, file text default '${flyway:filename}',"
        + " home text default '${flyway:defaultSchema}');");
    // a migration that moves the search path: Flyway sets it back before the next one
    write("V5__stray.sql", "set search_path = public;\ncreate table stray (id int);");
    write("V6__after_stray.sql", "create table after_stray (id int);");
    MigrationChain chain = chain(MigrationSettings.builder().locations("filesystem:" + folder).schemas("app")
        .placeholder("prefix", "x").build());

    DataSource byFlyway = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), byFlyway, "flyway", Version.fromVersion("6"));
    DataSource direct = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), direct, "direct", Version.fromVersion("1"));

    assertThat(DirectMigrations.apply(chain, direct, Version.fromVersion("1"),
        Version.fromVersion("6"))).isEqualTo(Version.fromVersion("6"));

    assertThat(history(direct)).isEqualTo(history(byFlyway));
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(direct, List.of("app", "public"))).isEqualTo(reader.read(byFlyway, List.of("app", "public")));
    assertThat(query(direct, "select nickname from app.accounts")).isEqualTo("ada");
    // Flyway itself finds nothing to say about the history written for it, and goes on from there
    assertThat(MigrationSettings.of(chain.settings()).flyway(direct, null).info().all()).extracting(MigrationInfo::getState)
        .containsOnly(MigrationState.SUCCESS);
    MigrationSettings.of(chain.settings()).flyway(direct, null).validate();
    write("V7__next.sql", "create table next_one (id int);");
    Migrator.migrate(MigrationSettings.of(chain.settings()), direct, "direct", Version.fromVersion("7"));
    assertThat(query(direct, "select count(*) from app.flyway_schema_history")).isEqualTo("8"); // with the schema row
  }

  @Test
  void aRoleOrSettingAMigrationSetsIsWhereFlywayLeavesIt() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key);");
    // a migration that switches role and time zone for its own statements: Flyway gives the next one its own role
    // back, the time zone stays set for the rest of the run
    write("V2__as_owner.sql", "do $$ begin if not exists (select from pg_roles where rolname = 'direct_owner') then"
        + " create role direct_owner; end if; end $$;\ngrant create on schema public to direct_owner;\n"
        + "set role direct_owner;\nset time zone 'Pacific/Auckland';\ncreate table owned_by_owner (id int);");
    write("V3__after.sql", "create table owned_after (id int, zone text default current_setting('TimeZone'),"
        + " made_by text default current_user);\ninsert into owned_after (id) values (1);");
    MigrationChain chain = folderChain();
    DataSource byFlyway = byFlywayAt(chain, "3");
    DataSource direct = byFlywayAt(chain, "1");

    assertThat(DirectMigrations.apply(chain, direct, Version.fromVersion("1"),
        Version.fromVersion("3"))).isEqualTo(Version.fromVersion("3"));
    String owners = "select string_agg(relname || ':' || pg_get_userbyid(relowner), ',' order by relname)"
        + " from pg_class where relname like 'owned%' and relkind = 'r'";
    assertThat(query(direct, owners)).isEqualTo(query(byFlyway, owners));
    String row = "select zone || ',' || made_by from owned_after";
    assertThat(query(direct, row)).isEqualTo(query(byFlyway, row));
  }

  /** The chains of the testkit's own tests, applied both ways from empty: the same schemas, the same history. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"db/migration", "db/schemas", "db/entities",
      "db/half-backfill", "db/suite-clean"})
  void everyChainOfTheTestsComesOutAsFlywayMakesIt(String location) throws Exception {
    assertSameAsFlyway(chain(MigrationSettings.builder().locations("classpath:" + location).build()));
  }

  /** Extensions, roles in a DO block, domains, plpgsql and SQL functions, a procedure, partitions, policies. */
  @Test
  void theSchemaZooComesOutAsFlywayMakesIt() throws Exception {
    write("V1__seed.sql", "create table seed (id int);");
    try (var zoo = getClass().getClassLoader().getResourceAsStream("zoo/objects.sql")) {
      Files.write(folder.resolve("V2__zoo.sql"), zoo.readAllBytes());
    }
    MigrationChain chain = folderChain();
    DataSource direct = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), direct, "direct", Version.fromVersion("1"));
    // straight from the version before: nothing in it is left to Flyway
    assertThat(DirectMigrations.apply(chain, direct, Version.fromVersion("1"),
        Version.fromVersion("2"))).isEqualTo(Version.fromVersion("2"));
    DataSource byFlyway = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), byFlyway, "flyway", Version.fromVersion("2"));
    assertThat(history(direct, "public")).isEqualTo(history(byFlyway, "public"));
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(direct, List.of("public"))).isEqualTo(reader.read(byFlyway, List.of("public")));
  }

  private void assertSameAsFlyway(MigrationChain chain) throws Exception {
    Version latest = chain.latest().orElseThrow();
    DataSource byFlyway = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), byFlyway, "flyway", latest);
    DataSource both = newDatabase();
    Migrator.migrate(chain, both, "both", Version.EMPTY, latest, null);
    assertThat(history(both, "public")).isEqualTo(history(byFlyway, "public"));
    List<String> schemas = List.of(query(byFlyway, "select string_agg(nspname, ',' order by nspname) from pg_namespace"
        + " where nspname not like 'pg\\_%' and nspname <> 'information_schema'").split(","));
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(both, schemas)).isEqualTo(reader.read(byFlyway, schemas));
    // and it was the direct way that made it, after Flyway's first migration
    Version first = chain.versioned().get(0).version();
    DataSource probe = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), probe, "probe", first);
    assertThat(DirectMigrations.apply(chain, probe, first, latest)).as("the version reached directly")
        .isEqualTo(latest);
  }

  @Test
  void aMigrationFlywayMustRunInTheMiddleIsRunByFlywayAloneAndTheRestGoesOnDirectly() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key, email text);");
    write("V2__rows.sql", "insert into accounts select g, 'a' || g || '@example.com' from generate_series(1, 50) g;");
    write("V3__email_index.sql", "create index concurrently accounts_email on accounts (email);");
    write("V4__nickname.sql", "alter table accounts add column nickname text;\n"
        + "update accounts set nickname = split_part(email, '@', 1);");
    write("V5__nickname_index.sql", "create index accounts_nickname on accounts (nickname);");
    MigrationChain chain = chain(MigrationSettings.builder().locations("filesystem:" + folder)
        .flywayProperty(MigrationSettings.TRANSACTIONAL_LOCK, "false").build());
    Version latest = chain.latest().orElseThrow();
    DataSource byFlyway = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), byFlyway, "flyway", latest);
    DataSource mixed = newDatabase();

    Migrator.migrate(chain, mixed, "mixed", Version.EMPTY, latest, null);

    assertThat(history(mixed, "public")).isEqualTo(history(byFlyway, "public"));
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(mixed, List.of("public"))).isEqualTo(reader.read(byFlyway, List.of("public")));
    // the direct path stops before V3, which Flyway runs alone, and goes on from it to the end
    assertThat(DirectMigrations.apply(chain, byFlywayAt(chain, "1"), Version.fromVersion("1"), latest))
        .isEqualTo(Version.fromVersion("2"));
    assertThat(DirectMigrations.apply(chain, byFlywayAt(chain, "3"), Version.fromVersion("3"), latest))
        .isEqualTo(latest);
  }

  @Test
  void fromEmptyFlywayMakesItsHistoryWithTheFirstMigrationAndTheRestGoesDirectly() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key, email text);");
    write("V2__index.sql", "create index accounts_email on accounts (email);");
    write("V3__raids.sql", "create table raids (id int primary key, account_id int references accounts (id));");
    MigrationChain chain = chain(MigrationSettings.builder().locations("filesystem:" + folder).schemas("app")
        .build());
    DataSource byFlyway = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), byFlyway, "flyway", Version.fromVersion("3"));
    DataSource fromEmpty = newDatabase();

    Migrator.migrate(chain, fromEmpty, "from empty", Version.EMPTY, Version.fromVersion("3"), null);

    assertThat(history(fromEmpty)).isEqualTo(history(byFlyway));
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(fromEmpty, List.of("app"))).isEqualTo(reader.read(byFlyway, List.of("app")));
    MigrationSettings.of(chain.settings()).flyway(fromEmpty, null).validate();
  }

  @Test
  void withoutSchemasSetTheDefaultSchemaIsTheConnectionsAsForFlyway() throws Exception {
    write("V1__one.sql", "create table one (id int);");
    write("V2__two.sql", "create table two (id int, home text default '${flyway:defaultSchema}');");
    MigrationChain chain = folderChain();
    List<DataSource> databases = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      // a database whose search path starts elsewhere, as some services set it
      DataSource database = newDatabase();
      String name = query(database, "select current_database()");
      try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("create schema app; alter database " + name + " set search_path = app, public");
      }
      databases.add(database);
    }
    Migrator.migrate(MigrationSettings.of(chain.settings()), databases.get(0), "flyway", Version.fromVersion("2"));
    Migrator.migrate(MigrationSettings.of(chain.settings()), databases.get(1), "direct", Version.fromVersion("1"));
    assertThat(DirectMigrations.apply(chain, databases.get(1), Version.fromVersion("1"),
        Version.fromVersion("2"))).isEqualTo(Version.fromVersion("2"));

    assertThat(history(databases.get(1), "app")).isEqualTo(history(databases.get(0), "app"));
    assertThat(query(databases.get(1), "select pg_get_expr(adbin, adrelid) from pg_attrdef"
        + " where adrelid = 'app.two'::regclass")).isEqualTo("'app'::text");
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(databases.get(1), List.of("app", "public")))
        .isEqualTo(reader.read(databases.get(0), List.of("app", "public")));
  }

  @Test
  void aScriptPostgresRefusesInATransactionGoesToFlyway() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key, email text);");
    write("V2__index.sql", "create index concurrently accounts_email on accounts (email);");
    write("V3__more.sql", "create table more (id int);");
    MigrationChain chain = folderChain();
    DataSource database = byFlywayAt(chain, "1");

    assertThat(DirectMigrations.apply(chain, database, Version.fromVersion("1"),
        Version.fromVersion("3"))).isEqualTo(Version.fromVersion("1"));
    Migrator.migrate(chain, database, "db", Version.fromVersion("1"), Version.fromVersion("3"), null);
    assertThat(query(database, "select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid"
        + " where c.relname = 'accounts_email' and i.indisvalid")).isEqualTo("1");
    assertThat(query(database, "select string_agg(version, ',' order by installed_rank) from flyway_schema_history"))
        .isEqualTo("1,2,3");
  }

  @Test
  void aScriptFlywayRefusesFailsAsInFlywayThoughPostgresWouldTakeIt() throws Exception {
    // PostgreSQL creates a subscription that does not connect inside a transaction block; Flyway runs a subscription
    // outside one and refuses a script that mixes it with other statements, so must the test
    write("V1__accounts.sql", "create table accounts (id int primary key);");
    write("V2__mixed.sql", "create table more (id int);\n"
        + "create subscription orders connection 'dbname=nowhere' publication orders with (connect = false);");
    MigrationChain chain = folderChain();
    DataSource database = byFlywayAt(chain, "1");

    assertThatThrownBy(() -> Migrator.migrate(chain, database, "db", Version.fromVersion("1"),
        Version.fromVersion("2"), null))
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Migrating db to version '2' failed in V2__mixed.sql (" + folder.resolve("V2__mixed.sql"))
        .hasMessageContaining("Detected both transactional and non-transactional statements")
        .hasMessageContaining("line 2: create subscription orders")
        .hasMessageEndingWith("Fix V2__mixed.sql; if this migration is already released, add a new one instead.");
    assertThat(query(database, "select count(*) from pg_subscription")).isEqualTo("0");
    assertThat(query(database, "select count(*) from pg_class where relname = 'more'")).isEqualTo("0");
  }

  @Test
  void aFailingScriptFailsInFlywaysWordsAndLeavesTheDatabaseWhereItWas() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key);");
    write("V2__more.sql", "create table more (id int);");
    write("V3__typo.sql", "create table typo (id int);\nalter table accounts add column name integr;");
    MigrationChain chain = folderChain();
    DataSource database = byFlywayAt(chain, "1");

    assertThatThrownBy(() -> Migrator.migrate(chain, database, "db", Version.fromVersion("1"),
        Version.fromVersion("3"), null))
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Migrating db to version '3' failed in V3__typo.sql")
        .hasMessageContaining("at line 2: ERROR: type \"integr\" does not exist");
    // V2 went (directly), V3 was rolled back by both
    assertThat(query(database, "select string_agg(version || ':' || success, ',' order by installed_rank)"
        + " from flyway_schema_history")).isEqualTo("1:true,2:true");
    assertThat(query(database, "select count(*) from pg_class where relname = 'typo'")).isEqualTo("0");
  }

  @Test
  void aFailingFirstMigrationReadsAsAWholeFlywayRunWould() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key,\n  name integr);");
    write("V2__more.sql", "create table more (id int);");
    MigrationChain chain = folderChain();
    DataSource database = newDatabase();

    assertThatThrownBy(() -> Migrator.migrate(chain, database, "db", Version.EMPTY,
        Version.fromVersion("2"), null))
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Migrating db to version '2' failed in V1__accounts.sql")
        .hasMessageContaining("at line 1: ERROR: type \"integr\" does not exist");
  }

  @Test
  void whatCouldComeOutOtherwiseIsLeftToFlyway() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key);");
    write("V2__plain.sql", "create table plain (id int);");
    write("V3__commits.sql", "create table half (id int);\ncommit;\ncreate table other_half (id int);");
    write("V4__unknown.sql", "create table ${nobody_set_this} (id int);");
    MigrationChain chain = folderChain();
    DataSource database = byFlywayAt(chain, "1");
    Version one = Version.fromVersion("1");
    Version two = Version.fromVersion("2");

    // transaction control of the script's own: stop before it
    assertThat(DirectMigrations.apply(chain, database, one, Version.fromVersion("4"))).isEqualTo(two);
    assertThat(query(database, "select count(*) from pg_class where relname = 'half'")).isEqualTo("0");
    // a history that is not at the version the caller thinks: nothing
    assertThat(DirectMigrations.apply(chain, database, one, two)).isEqualTo(one);
    // a placeholder Flyway would refuse
    Migrator.migrate(MigrationSettings.of(chain.settings()), database, "db", Version.fromVersion("3"));
    assertThat(DirectMigrations.apply(chain, database, Version.fromVersion("3"),
        Version.fromVersion("4"))).isEqualTo(Version.fromVersion("3"));

    // settings that change how Flyway applies migrations, and callbacks: all of it
    DataSource other = newDatabase();
    MigrationChain outOfOrder = chain(MigrationSettings.builder().locations("filesystem:" + folder)
        .flywayProperty("flyway.outOfOrder", "true").build());
    Migrator.migrate(MigrationSettings.of(outOfOrder.settings()), other, "other", one);
    assertThat(DirectMigrations.apply(outOfOrder, other, one, two)).isEqualTo(one);
    write("afterMigrate.sql", "select 1;");
    assertThat(DirectMigrations.apply(chain(MigrationSettings.of(chain.settings())), other, one, two)).isEqualTo(one);
  }

  @Test
  void settingsForTheMergeGateLeaveEveryMigrationToFlywayAndTheirTemplatesApart() throws Exception {
    write("V1__accounts.sql", "create table accounts (id int primary key);");
    write("V2__plain.sql", "create table plain (id int);");
    MigrationSettings.Builder settings = MigrationSettings.builder().locations("filesystem:" + folder);
    MigrationChain direct = chain(settings.build());
    MigrationChain flywayOnly = chain(settings.flywayOnly(true).build());
    DataSource database = byFlywayAt(flywayOnly, "1");
    Version one = Version.fromVersion("1");

    assertThat(DirectMigrations.appliesTo(direct)).isTrue();
    assertThat(DirectMigrations.appliesTo(flywayOnly)).isFalse();
    assertThat(DirectMigrations.apply(flywayOnly, database, one, Version.fromVersion("2"))).isEqualTo(one);
    // a template one way is never taken for the other
    assertThat(flywayOnly.fingerprint(Version.fromVersion("2")))
        .isNotEqualTo(direct.fingerprint(Version.fromVersion("2")));
  }

  @Test
  void transactionControlIsFoundAtTheStartOfAStatementOnly() {
    assertThat(DirectMigrations.outsideOneTransaction("create table a (id int);\ncommit;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("begin;\ncreate table a (id int);")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("create table a (id int); ROLLBACK")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("start transaction isolation level serializable;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("create table a (id int); savepoint s;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("create table a (note text default 'x; commit');")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("create table \"a; commit\" (id int);")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("-- then commit;\n/* ; begin /* nested */ ; end */ select 1;"))
        .isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("do $body$ begin perform 1; end $body$;")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("do $$\nbegin\n  perform 1;\nend\n$$;")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("select E'it\\'s; commit';")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("create function one() returns int language sql\n"
        + "begin atomic\n  select 1;\nend;")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("create table committed (id int); create table ends (id int);"))
        .isFalse();
    // a string left open: cannot tell, so Flyway decides
    assertThat(DirectMigrations.outsideOneTransaction("select 'open;")).isTrue();
  }

  @Test
  void whatFlywayRunsOutsideATransactionIsFlywaysToRun() {
    // PostgreSQL accepts some of these in a transaction block, Flyway runs them outside one (and refuses them
    // beside other statements): only Flyway can say what such a script does
    assertThat(DirectMigrations.outsideOneTransaction("create table a (id int);\n"
        + "create subscription s connection 'dbname=x' publication p with (connect = false);")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("alter type mood add value 'meh';")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'"))
        .isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("create unique index concurrently a_id on a (id);")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("drop index concurrently if exists a_id;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("vacuum analyze a;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("reindex schema app;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("alter system set work_mem = '8MB';")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("discard all;")).isTrue();
    assertThat(DirectMigrations.outsideOneTransaction("copy a (id) from stdin;\n1\n\\.\n")).isTrue();
    // the same words elsewhere are not those statements
    assertThat(DirectMigrations.outsideOneTransaction("alter type mood rename value 'meh' to 'fine';")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("create index a_vacuum on a (id);")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("copy a to stdout;")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("comment on table a is 'vacuum; reindex later';")).isFalse();
    assertThat(DirectMigrations.outsideOneTransaction("create table discarded (id int);")).isFalse();
  }

  private void write(String file, String sql) throws Exception {
    Files.writeString(folder.resolve(file), sql);
  }

  private static MigrationChain chain(MigrationSettings settings) {
    return MigrationChain.scan(settings);
  }

  /** A new database Flyway migrated to a version of the chain. */
  /** The chain of the migrations the test wrote into its folder, with Flyway's default settings. */
  private MigrationChain folderChain() {
    return chain(MigrationSettings.builder().locations("filesystem:" + folder).build());
  }

  private DataSource byFlywayAt(MigrationChain chain, String version) throws SQLException {
    DataSource database = newDatabase();
    Migrator.migrate(MigrationSettings.of(chain.settings()), database, "db", Version.fromVersion(version));
    return database;
  }

  private DataSource newDatabase() throws SQLException {
    String name = "direct_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    databases.add(name);
    return server.dataSource(name);
  }

  /** Flyway's history as it stays the same between two runs: everything but when and how long. */
  private static List<String> history(DataSource database) throws SQLException {
    return history(database, "app");
  }

  private static List<String> history(DataSource database, String schema) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select installed_rank, version, description, type, script, checksum,"
            + " installed_by, success from " + schema + ".flyway_schema_history order by installed_rank")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= 8; column++) {
          row.append(rs.getString(column)).append(" | ");
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static String query(DataSource database, String sql) throws SQLException {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
