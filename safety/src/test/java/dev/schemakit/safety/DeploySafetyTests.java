package dev.schemakit.safety;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationLock;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.safety.SafetyCode.Severity;
import dev.schemakit.safety.SafetyFinding.Status;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Every deploy-safety code, caught where it is a risk and quiet where the statement is safe, static
 * and against a real PostgreSQL with seeded rows.
 */
class DeploySafetyTests {

  /** The released part: two tables with rows in production, an enum, a unique key, an index. */
  static final String V1 = """
      create type role as enum ('member', 'officer');
      create table guilds (id bigint generated always as identity primary key, name varchar(255) not null unique);
      create table accounts (
        id bigint generated always as identity primary key,
        guild_id bigint not null references guilds (id),
        email varchar(255) not null,
        nickname varchar(40),
        role role not null default 'member',
        score integer,
        created_at timestamptz not null default now(),
        constraint accounts_email_key unique (email)
      );
      create index accounts_guild on accounts (guild_id);
      """;

  static TemplateFactory factory;

  @TempDir
  Path folder;

  /** Beside the migrations, not in them (a location is read with its subfolders), and removed with the test. */
  @TempDir
  Path releasedCopies;

  @BeforeAll
  static void open() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  MigrationChain chain(Map<String, String> properties, String... scripts) throws IOException {
    Files.writeString(folder.resolve("V1__base.sql"), V1);
    for (int i = 0; i < scripts.length; i++) {
      Files.writeString(folder.resolve("V" + (i + 2) + "__change.sql"), scripts[i]);
    }
    return MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder)
        .flywayProperties(properties).build());
  }

  /** Static and dynamic findings of V2 (and later), V1 released. */
  SafetyReport check(String... scripts) throws IOException {
    return check(Map.of(), scripts);
  }

  SafetyReport check(Map<String, String> properties, String... scripts) throws IOException {
    MigrationChain chain = chain(properties, scripts);
    return DeploySafety.of(chain).released(releasedUpTo(chain, 1)).seedRows(500).check(factory);
  }

  SafetyReport staticOnly(String... scripts) throws IOException {
    MigrationChain chain = chain(Map.of(), scripts);
    return DeploySafety.of(chain).released(releasedUpTo(chain, 1)).check();
  }

  /** A lock of the chain's migrations up to and including {@code version}, as they are now: those are released. */
  MigrationLock releasedUpTo(MigrationChain chain, int version) throws IOException {
    Path released = Files.createTempDirectory(releasedCopies, "released");
    for (Migration migration : chain.versioned()) {
      if (Integer.parseInt(migration.version().getVersion()) <= version) {
        Files.copy(folder.resolve(migration.fileName()), released.resolve(migration.fileName()));
      }
    }
    return MigrationLock.of(MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + released)
        .build()));
  }

  /**
   * "Nothing found" means something only for migrations that were looked at: the report examined exactly these
   * files (on a database too, when the check was dynamic) and found nothing in them.
   */
  static void assertExaminedAndClean(SafetyReport report, String... files) {
    assertThat(report.checked()).as("the migrations examined").containsExactly(files);
    if (report.dynamic()) {
      assertThat(report.dynamicMillis().keySet()).as("the migrations run on a seeded database")
          .containsExactlyInAnyOrder(files);
    }
    assertThat(report.findings()).as("the findings of " + report.checked()).isEmpty();
  }

  static List<SafetyFinding> open(SafetyReport report) {
    return report.findings().stream().filter(f -> f.status() == Status.OPEN).toList();
  }

  @Test
  void newTablesTheirIndexesAndAConstantNotNullDefaultAreSafe() throws IOException {
    SafetyReport report = check("""
        create table raids (id bigint primary key, guild_id bigint not null references guilds (id), starts_at timestamptz);
        create index raids_guild on raids (guild_id);
        alter table raids add constraint raids_start check (starts_at is not null);
        alter table accounts add column active boolean not null default false;
        alter table accounts add column seen_at timestamptz default now();
        """);

    assertExaminedAndClean(report, "V2__change.sql");
    assertThat(report.hasErrors()).isFalse();
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void nothingFoundInAMigrationThatWasNeverExaminedIsNoPass() throws IOException {
    String script = "create table raids (id bigint primary key);";
    MigrationChain chain = chain(Map.of(), script);

    // V2 released too: it is not examined, so its empty findings prove nothing and the assertion says so
    SafetyReport skipped = DeploySafety.of(chain).released(releasedUpTo(chain, 2)).seedRows(10).check(factory);
    assertThat(skipped.checked()).isEmpty();
    assertThat(skipped.findings()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertExaminedAndClean(skipped, "V2__change.sql"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("the migrations examined");

    SafetyReport examined = DeploySafety.of(chain).released(releasedUpTo(chain, 1)).seedRows(10).check(factory);
    assertExaminedAndClean(examined, "V2__change.sql");
  }

  @Test
  void aTableAnEarlierUnreleasedMigrationCreatedIsNewInProduction() throws IOException {
    SafetyReport released = check("create table raids (id int primary key, name text);",
        "create index raids_name on raids (name);\nalter table raids add column leader text not null;");
    assertExaminedAndClean(released, "V2__change.sql", "V3__change.sql");

    // without a lock nothing says what production holds: raids existed before V3
    MigrationChain chain = chain(Map.of(), "create table raids (id int primary key, name text);",
        "create index raids_name on raids (name);");
    assertThat(DeploySafety.of(chain).check().findings()).extracting(SafetyFinding::code, SafetyFinding::file)
        .containsExactly(tuple(SafetyCode.INDEX_NOT_CONCURRENT, "V3__change.sql"));
  }

  @Test
  void varcharToTextIsDisprovedAndIntToBigintIsARewrite() throws IOException {
    SafetyReport toText = check("alter table accounts alter column email type text;");
    assertThat(toText.findings()).extracting(SafetyFinding::code, SafetyFinding::status)
        .containsExactly(tuple(SafetyCode.ALTER_COLUMN_TYPE, Status.DISPROVED));
    assertThat(toText.findings().get(0).measured()).contains("ACCESS EXCLUSIVE lock on public.accounts")
        .contains("no rewrite, no full scan");
    assertThat(toText.hasErrors()).isFalse();

    SafetyReport toBigint = check("alter table accounts alter column score type bigint;");
    assertThat(toBigint.findings()).extracting(SafetyFinding::code, SafetyFinding::status, SafetyFinding::location)
        .containsExactly(tuple(SafetyCode.ALTER_COLUMN_TYPE, Status.OPEN, "V2__change.sql:1"),
            tuple(SafetyCode.TABLE_REWRITE, Status.OPEN, "V2__change.sql:1"));
    assertThat(toBigint.findings().get(1).detail()).isEqualTo("rewrites public.accounts (500 rows here, every row "
        + "in production) under ACCESS EXCLUSIVE");
    assertThat(toBigint.findings().get(1).measured()).contains("indexes").contains("accounts_pkey");
    assertThat(toBigint.hasErrors()).isTrue();
  }

  @Test
  void anIndexOnAnExistingTableNeedsConcurrently() throws IOException {
    SafetyReport plain = check("\n\ncreate index accounts_email_lower on accounts (lower(email));");
    assertThat(open(plain)).extracting(SafetyFinding::code, SafetyFinding::location)
        .containsExactly(tuple(SafetyCode.INDEX_NOT_CONCURRENT, "V2__change.sql:3"));
    assertThat(plain.findings().get(0).measured()).isEqualTo("SHARE lock on public.accounts, full scan of 500 rows "
        + "(confirmed)");
    assertThat(plain.findings().get(0).detail()).isEqualTo("CREATE INDEX accounts_email_lower on existing table "
        + "accounts without CONCURRENTLY");

    SafetyReport dropped = staticOnly("drop index accounts_guild;");
    assertThat(dropped.findings()).extracting(SafetyFinding::code, SafetyFinding::severity)
        .containsExactly(tuple(SafetyCode.DROP_INDEX_NOT_CONCURRENT, Severity.WARNING));

    SafetyReport quiet = check(Map.of(MigrationSettings.TRANSACTIONAL_LOCK, "false"),
        "drop index concurrently accounts_guild;", """
        create table raids (id int primary key, name text);
        create index raids_name on raids (name);
        drop index raids_name;
        """);
    assertExaminedAndClean(quiet, "V2__change.sql", "V3__change.sql");
  }

  @Test
  void concurrentlyNeedsAScriptOfItsOwnAndFlywaysSessionLock() throws IOException {
    SafetyReport mixed = staticOnly("alter table accounts add column level int;\n"
        + "create index concurrently accounts_level on accounts (level);");
    assertThat(open(mixed)).extracting(SafetyFinding::code, SafetyFinding::line)
        .containsExactly(tuple(SafetyCode.CONCURRENTLY_IN_TRANSACTION, 2));
    assertThat(mixed.findings().get(0).detail()).contains("Flyway refuses to run it");

    SafetyReport alone = staticOnly("create index concurrently accounts_email_lower on accounts (lower(email));");
    assertThat(open(alone)).extracting(SafetyFinding::code)
        .containsExactly(SafetyCode.CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK);

    SafetyReport sessionLock = check(Map.of(MigrationSettings.TRANSACTIONAL_LOCK, "false"),
        "create index concurrently accounts_email_lower on accounts (lower(email));");
    assertExaminedAndClean(sessionLock, "V2__change.sql"); // run outside a transaction: SHARE UPDATE EXCLUSIVE only

    Files.writeString(folder.resolve("V2__change.sql.conf"), "executeInTransaction=true\n");
    SafetyReport configured = check(Map.of(MigrationSettings.TRANSACTIONAL_LOCK, "false"),
        "create index concurrently accounts_email_lower on accounts (lower(email));");
    assertThat(configured.findings()).extracting(SafetyFinding::code).containsExactly(
        SafetyCode.CONCURRENTLY_IN_TRANSACTION);
    assertThat(configured.notes()).singleElement().asString().contains("fails without rows too")
        .contains("cannot run inside a transaction block");
  }

  @Test
  void aChainWithConcurrentlyMigratesInTestsUnderFlywaysDefaults() throws IOException {
    // Flyway's transactional lock would make CREATE INDEX CONCURRENTLY wait for ever; test databases use the session lock
    MigrationChain chain = chain(Map.of(), "create index concurrently accounts_email_lower on accounts (lower(email));");
    var database = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
        () -> factory.create(chain, "latest"));
    assertThat(database.queryForValue("select count(*) from pg_indexes where indexname = 'accounts_email_lower'"))
        .isEqualTo(1L);
  }

  @Test
  void aNotNullColumnWithoutDefaultFailsOnTheSeededRows() throws IOException {
    SafetyReport report = check("alter table accounts add column level int not null;");

    assertThat(report.findings()).extracting(SafetyFinding::code).containsExactly(
        SafetyCode.ADD_COLUMN_NOT_NULL_NO_DEFAULT);
    assertThat(report.findings().get(0).measured()).startsWith("fails on the seeded rows: ERROR: column \"level\" of "
        + "relation \"accounts\" contains null values");
  }

  @Test
  void setNotNullScansUnlessAValidatedCheckCameFirst() throws IOException {
    SafetyReport direct = check("alter table accounts alter column nickname set not null;");
    assertThat(open(direct)).extracting(SafetyFinding::code).containsExactly(SafetyCode.SET_NOT_NULL);
    assertThat(direct.findings().get(0).measured()).isEqualTo("ACCESS EXCLUSIVE lock on public.accounts, full scan "
        + "of 500 rows (confirmed)");

    // NOT VALID in one migration, VALIDATE in the next: the text alone cannot know that the check makes SET NOT
    // NULL cheap; the database shows no scan
    SafetyReport split = check(
        "alter table accounts add constraint nickname_not_null check (nickname is not null) not valid;",
        "alter table accounts validate constraint nickname_not_null;\n"
            + "alter table accounts alter column nickname set not null;");
    assertThat(split.findings()).extracting(SafetyFinding::code, SafetyFinding::status, SafetyFinding::location)
        .containsExactly(tuple(SafetyCode.SET_NOT_NULL, Status.DISPROVED, "V3__change.sql:2"));
    assertThat(split.hasErrors()).isFalse();

    // all three in one migration: the ADD's ACCESS EXCLUSIVE lock is still held while VALIDATE reads the table
    SafetyReport together = check("""
        alter table accounts add constraint nickname_not_null check (nickname is not null) not valid;
        alter table accounts validate constraint nickname_not_null;
        alter table accounts alter column nickname set not null;
        """);
    assertThat(open(together)).extracting(SafetyFinding::code, SafetyFinding::line)
        .containsExactly(tuple(SafetyCode.VALIDATE_IN_SAME_TRANSACTION, 2));
    assertThat(together.findings().get(0).measured()).isEqualTo("ACCESS EXCLUSIVE lock on public.accounts, full "
        + "scan of 500 rows (confirmed)");
  }

  @Test
  void constraintsOnExistingTablesAreAddedNotValidThenValidated() throws IOException {
    SafetyReport validated = check("""
        alter table accounts add constraint accounts_guild_fk2 foreign key (guild_id) references guilds (id);
        alter table accounts add constraint score_positive check (score >= 0);
        alter table accounts add constraint accounts_nickname_key unique (nickname);
        """);
    assertThat(open(validated)).extracting(SafetyFinding::code, SafetyFinding::line).containsExactly(
        tuple(SafetyCode.FOREIGN_KEY_NOT_VALID_MISSING, 1), tuple(SafetyCode.CHECK_NOT_VALID_MISSING, 2),
        tuple(SafetyCode.CONSTRAINT_BUILDS_INDEX, 3));
    assertThat(validated.findings()).allSatisfy(f -> assertThat(f.measured()).endsWith("(confirmed)"));
    assertThat(validated.findings().get(0).measured()).isEqualTo("SHARE ROW EXCLUSIVE lock on public.accounts, full "
        + "scan of 500 rows; SHARE ROW EXCLUSIVE lock on public.guilds, full scan of 500 rows (confirmed)");

    SafetyReport usingIndex = check(Map.of(MigrationSettings.TRANSACTIONAL_LOCK, "false"),
        "create unique index concurrently accounts_nickname_key on accounts (nickname);",
        "alter table accounts add constraint accounts_nickname_key unique using index accounts_nickname_key;");
    assertExaminedAndClean(usingIndex, "V2__change.sql", "V3__change.sql");

    SafetyReport split = check("""
        alter table accounts add constraint accounts_guild_fk2 foreign key (guild_id) references guilds (id) not valid;
        alter table accounts add constraint score_positive check (score >= 0) not valid;
        """, """
        alter table accounts validate constraint accounts_guild_fk2;
        alter table accounts validate constraint score_positive;
        """);
    assertExaminedAndClean(split, "V2__change.sql", "V3__change.sql");
  }

  @Test
  void aMigrationThatFailsOnlyWithRowsIsAFindingAndOneThatAlwaysFailsIsANote() throws IOException {
    SafetyReport withRows = check("create unique index accounts_role on accounts (role);");
    assertThat(withRows.findings()).extracting(SafetyFinding::code).containsExactly(
        SafetyCode.INDEX_NOT_CONCURRENT, SafetyCode.FAILS_ON_EXISTING_ROWS);
    assertThat(withRows.findings().get(1).detail()).contains("could not create unique index \"accounts_role\"");

    SafetyReport broken = check("alter table accounts add column note text;\ncreate index on accounts (no_such_column);");
    assertThat(broken.findings()).extracting(SafetyFinding::code).containsExactly(SafetyCode.INDEX_NOT_CONCURRENT);
    assertThat(broken.notes()).singleElement().asString().startsWith("V2__change.sql: fails without rows too, at line 2"
        + " (ERROR: column \"no_such_column\" does not exist)");
  }

  @Test
  void renamesAndDropsBreakTheRunningVersion() throws IOException {
    SafetyReport report = staticOnly("""
        alter table accounts rename column nickname to handle;
        alter table guilds rename to clans;
        alter table accounts drop column score;
        drop table if exists accounts;
        create table scratch (id int);
        drop table scratch;
        """);

    assertThat(report.findings()).extracting(SafetyFinding::code, SafetyFinding::line, SafetyFinding::detail)
        .containsExactly(
            tuple(SafetyCode.RENAME_COLUMN, 1, "column accounts.nickname renamed to handle"),
            tuple(SafetyCode.RENAME_TABLE, 2, "table guilds renamed to clans"),
            tuple(SafetyCode.DROP_COLUMN, 3, "column accounts.score dropped"),
            tuple(SafetyCode.DROP_TABLE, 4, "table accounts dropped"));
    assertThat(report.findings()).allSatisfy(f -> assertThat(f.code().why()).contains("running version"));
  }

  @Test
  void aVolatileDefaultRewritesAndAStableOneDoesNot() throws IOException {
    SafetyReport report = check("""
        alter table accounts add column token uuid default gen_random_uuid();
        alter table accounts add column joined_at timestamptz not null default now();
        """);

    assertThat(report.findings()).extracting(SafetyFinding::code, SafetyFinding::line)
        .containsExactly(tuple(SafetyCode.VOLATILE_DEFAULT, 1));
    assertThat(report.findings().get(0).measured()).contains("table rewritten (500 rows)").endsWith("(confirmed)");

    SafetyReport serial = staticOnly("alter table guilds add column number serial;");
    assertThat(serial.findings()).extracting(SafetyFinding::code).containsExactly(SafetyCode.VOLATILE_DEFAULT);
  }

  @Test
  void theDynamicCheckFindsWhatTheTextHides() throws IOException {
    // a backfill in the same transaction as the ALTER: the whole table stays locked while every row is updated
    SafetyReport report = check("""
        alter table accounts add column handle varchar(40);
        update accounts set handle = nickname;
        """);

    assertThat(report.findings()).extracting(SafetyFinding::code, SafetyFinding::line)
        .containsExactly(tuple(SafetyCode.ACCESS_EXCLUSIVE_LOCK, 2));
    assertThat(report.findings().get(0).detail()).isEqualTo("reads all of public.accounts while the migration holds "
        + "ACCESS EXCLUSIVE on it");

    // an index build on guilds holds SHARE until the end of the migration; the join then reads all of guilds
    SafetyReport share = check("""
        create index guilds_name_lower on guilds (lower(name));
        update accounts a set nickname = left(g.name, 40) from guilds g where g.id = a.guild_id;
        """);
    assertThat(share.findings()).extracting(SafetyFinding::code, SafetyFinding::line, SafetyFinding::table)
        .containsExactly(tuple(SafetyCode.INDEX_NOT_CONCURRENT, 1, "guilds"),
            tuple(SafetyCode.WRITE_BLOCKING_LOCK, 2, "public.guilds"));
    assertThat(share.findings().get(1).detail()).isEqualTo("reads all of public.guilds while the migration holds "
        + "SHARE on it");

    // the same backfill in a migration of its own takes no lock that blocks reads or writes of the whole table
    SafetyReport alone = check("alter table accounts add column handle varchar(40);",
        "update accounts set handle = nickname;");
    assertExaminedAndClean(alone, "V2__change.sql", "V3__change.sql");
  }

  @Test
  void aWaiverAboveTheStatementWaivesOneFindingAndABadOneIsReported() throws IOException {
    SafetyReport report = staticOnly("""
        -- accounts holds 40 rows in production
        -- schemakit:allow INDEX_NOT_CONCURRENT accounts is tiny, the SHARE lock lasts milliseconds
        create index accounts_nickname on accounts (nickname);
        -- schemakit:allow INDEX_NOT_CONCURENT typo
        create index accounts_score on accounts (score);
        """);

    assertThat(report.findings()).extracting(SafetyFinding::code, SafetyFinding::status, SafetyFinding::line)
        .containsExactly(
            tuple(SafetyCode.INDEX_NOT_CONCURRENT, Status.WAIVED, 3),
            tuple(SafetyCode.WAIVER_INVALID, Status.OPEN, 4),
            tuple(SafetyCode.INDEX_NOT_CONCURRENT, Status.OPEN, 5));
    assertThat(report.findings().get(0).waiver()).isEqualTo("accounts is tiny, the SHARE lock lasts milliseconds");
    assertThat(report.findings().get(0).render()).startsWith("WAIVED INDEX_NOT_CONCURRENT V2__change.sql:3")
        .contains("  waived: accounts is tiny");
  }

  @Test
  void whatTheParserCannotReadIsReportedOnceAndNeverCrashes() throws IOException {
    SafetyReport report = staticOnly("""
        alter table accounts add column;
        create function touch() returns trigger language plpgsql as $$
        begin new.score := 0; return new; end $$;
        alter table accounts add column note text default 'it''s; fine';
        """);
    assertThat(report.findings()).extracting(SafetyFinding::code, SafetyFinding::line, SafetyFinding::severity)
        .containsExactly(tuple(SafetyCode.UNPARSED, 1, Severity.INFO));

    SafetyReport unclosed = staticOnly("alter table accounts add column note text default 'never closed;");
    assertThat(unclosed.findings()).extracting(SafetyFinding::code).containsExactly(SafetyCode.UNPARSED);
    assertThat(unclosed.findings().get(0).detail()).contains("the string opened at line 1 is never closed");
  }

  @Test
  void withoutALockEveryMigrationIsUnreleasedAndTheFirstOnlyCreates() throws IOException {
    MigrationChain chain = chain(Map.of(), "alter table accounts add column level int;");
    SafetyReport report = DeploySafety.of(chain).seedRows(50).check(factory);

    assertThat(report.checked()).containsExactly("V1__base.sql", "V2__change.sql");
    assertThat(report.findings()).isEmpty();
    assertThat(report.notes()).containsExactly("V1__base.sql: the first migration; no table exists before it, so "
        + "nothing runs live");
    assertThat(report.summary()).startsWith("deploy safety of 2 unreleased migration(s) (static and dynamic): "
        + "0 error(s), 0 warning(s); dynamic check ");
  }

  static final String SLOW_TRIGGER = """
      create function touch_slowly() returns trigger language plpgsql as $$
      begin
        perform pg_sleep(0.05); -- an application trigger that rebuilds aggregates per row
        return new;
      end $$;
      create trigger accounts_touch before insert on accounts for each row execute function touch_slowly();
      """;

  @Test
  void seedingRunsWithTheApplicationsTriggersOffSoAPerRowTriggerCostsNothing() throws IOException {
    MigrationChain chain = chain(Map.of(), SLOW_TRIGGER, "alter table accounts alter column score type bigint;");

    // 2,000 rows through the trigger would take 100 s
    SafetyReport report = DeploySafety.of(chain).released(releasedUpTo(chain, 1)).check(factory);

    assertThat(report.findings()).filteredOn(f -> f.file().equals("V3__change.sql"))
        .extracting(SafetyFinding::code, SafetyFinding::status)
        .containsExactly(tuple(SafetyCode.ALTER_COLUMN_TYPE, Status.OPEN), tuple(SafetyCode.TABLE_REWRITE, Status.OPEN));
    assertThat(report.findings().get(report.findings().size() - 1).detail()).isEqualTo("rewrites public.accounts"
        + " (2,000 rows here, every row in production) under ACCESS EXCLUSIVE");
    assertThat(report.notes()).noneMatch(note -> note.contains("accounts"));
    assertThat(report.dynamicMillis()).containsOnlyKeys("V2__change.sql", "V3__change.sql");
  }

  @Test
  void seedingPutsTheTriggersBackAsTheyWereAlwaysIncluded() throws Exception {
    MigrationChain chain = chain(Map.of(), SLOW_TRIGGER + "alter table accounts enable always trigger accounts_touch;");
    VersionedDatabase database = factory.create(chain, "2");

    try (Connection connection = database.connection()) {
      assertThat(TableSeeder.seed(connection, List.of("public"), "flyway_schema_history", 2_000, table -> true))
          .isEmpty();
    }

    assertThat(database.queryForValue("select count(*) from accounts")).isEqualTo(2_000L);
    assertThat(database.queryForValue("select tgenabled::text from pg_trigger where tgname = 'accounts_touch'"))
        .isEqualTo("A");
  }

  @Test
  void aSlowDefaultIsCutShortByTheTimeBoundWithANote() throws IOException {
    MigrationChain chain = chain(Map.of(), """
        create function slowly_one() returns int language plpgsql as $$
        begin
          perform pg_sleep(0.05);
          return 1;
        end $$;
        alter table accounts add column weight int;
        alter table accounts alter column weight set default slowly_one();
        """, "alter table accounts alter column score type bigint;");

    SafetyReport report = DeploySafety.of(chain).released(releasedUpTo(chain, 1)).check(factory);

    assertThat(report.notes()).contains("V3__change.sql: put only 20 rows into public.accounts: 2,000 took longer"
        + " than 5 s (a slow default, or a trigger of another owner?)");
    assertThat(report.findings()).filteredOn(f -> f.file().equals("V3__change.sql"))
        .extracting(SafetyFinding::code, SafetyFinding::status)
        .containsExactly(tuple(SafetyCode.ALTER_COLUMN_TYPE, Status.OPEN), tuple(SafetyCode.TABLE_REWRITE, Status.OPEN));
    assertThat(report.summary()).containsPattern("; dynamic check [0-9.]+ s, [0-9.]+ s per migration, the longest"
        + " V3__change.sql [0-9.]+ s$");
  }
}
