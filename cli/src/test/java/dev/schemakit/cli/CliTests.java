package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar run as a process: every command, every exit code. */
class CliTests {

  static final String MIGRATIONS = "src/test/resources/migrations/guilds";
  static final String CONTRACTS = "src/test/resources/contracts";

  private static TemplateFactory factory;

  @BeforeAll
  static void startServer() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void dropDatabases() {
    factory.close();
  }

  @Test
  void verifyExitsZeroWhenTheSchemaMatches() {
    Run run = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/good");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("Schema matches the contract: 2 object(s) checked in schema public, 0 error(s), 0 warning(s).\n");
  }

  @Test
  void verifyWithClassesComparesTheEntitiesTooAndSaysSo() {
    // the schema matches the contract, but the contract says guilds are soft-deleted and the entity deletes for real
    Run run = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/good",
        "--classes", "target/test-classes");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).startsWith("ERROR   ENTITY_SOFT_DELETE_MISMATCH public.guilds.soft_delete: entity Guild"
        + " deletes rows of public.guilds for real (no @SQLDelete or @SoftDelete)");
    assertThat(run.out()).endsWith("\n2 JPA entities from target/test-classes compared with the contracts and the"
        + " migrated database (three-way).\n");
  }

  @Test
  void verifyExitsOneWithEveryFinding(@TempDir Path reports) throws IOException {
    Run run = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/drift",
        "--report-dir", reports.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertMatchesExample(run.out(), "verify-drift.txt");
    assertThat(reports.resolve("schemakit-verify.json")).content().contains("\"passed\": false", "\"errors\": 3");
    assertThat(reports.resolve("schemakit-verify.md")).content().startsWith("<!-- schemakit:contract-report -->");
    assertThat(reports.resolve("TEST-schemakit-verify.xml")).content()
        .contains("<testsuite name=\"schemakit.verify\" tests=\"1\" failures=\"1\"");
  }

  /** A schema the migrations create is recorded and verified without being named, and naming it is no error. */
  @Test
  void everySchemaTheMigrationsCreateIsComparedAndSchemasNarrowsIt(@TempDir Path dir) throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__billing.sql"), "create schema billing;\n"
        + "create table customers (id bigint primary key);\n"
        + "create table billing.invoices (id bigint primary key, amount numeric check (amount >= 0));\n");
    Files.writeString(migrations.resolve("V2__audit.sql"), "create table customers_audit (id bigint);\n");
    Path contracts = dir.resolve("contracts");

    Run record = CliProcess.run("record", "--migrations", migrations.toString(), "--contracts", contracts.toString());
    Files.writeString(contracts.resolve("billing.yaml"), Files.readString(contracts.resolve("billing.yaml"))
        .replace("amount >= ", "amount > "));
    Run verify = CliProcess.run("verify", "--migrations", migrations.toString(), "--contracts", contracts.toString());
    Run named = CliProcess.run("verify", "--migrations", migrations.toString(), "--contracts", contracts.toString(),
        "--schemas", "public,billing");

    assertThat(record.exitCode()).as(record.toString()).isZero();
    assertThat(record.out()).startsWith("recorded 3 table(s) in schemas billing, public at version 2 into ");
    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(verify.out()).contains("CHECK_MISMATCH billing.invoices.", "billing.yaml:")
        .contains("checked in schemas billing, public, 1 error(s)");
    assertThat(named.exitCode()).as(named.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(named.err()).doesNotContain("already exists");
  }

  /** The issue that asked for it: a chain with PostgreSQL 18 syntax (a named NOT NULL) is checked on the major asked for. */
  @Test
  void postgresPicksTheMajorTheChainIsCheckedOn(@TempDir Path dir) throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__raids.sql"), "create table raids (id int primary key, boss text);\n"
        + "alter table raids add constraint raids_boss_required not null boss;\n");
    Path contracts = dir.resolve("contracts");

    Run onTheNewest = CliProcess.run("record", "--migrations", migrations.toString(), "--contracts",
        contracts.toString(), "--postgres", "18");
    Run onSixteen = CliProcess.run("verify", "--migrations", migrations.toString(), "--contracts",
        contracts.toString(), "--postgres", "16");
    Run onThirteen = CliProcess.run("verify", "--migrations", migrations.toString(), "--contracts",
        contracts.toString(), "--postgres", "13");

    assertThat(onTheNewest.exitCode()).as(onTheNewest.toString()).isZero();
    assertThat(onSixteen.exitCode()).as(onSixteen.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(onSixteen.err()).contains("on the embedded PostgreSQL 16.11 at", "V1__raids.sql", "at line 2",
        "syntax error");
    assertThat(onThirteen.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(onThirteen.err()).contains("--postgres is '13', expected a PostgreSQL major version, one of"
        + " [14, 15, 16, 17, 18].");
  }

  @Test
  void verifyWritesJsonToAFile(@TempDir Path dir) {
    Path out = dir.resolve("verify.json");
    Run run = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/drift",
        "--format", "json", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).isEmpty();
    assertThat(out).content().contains("\"code\": \"INDEX_MISSING\"");
  }

  @Test
  void aMalformedContractIsBadInputNamingFileAndLine() {
    Run run = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/malformed");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("src/test/resources/contracts/malformed/public.yaml:4:5: unknown key 'colums' "
        + "in table guilds. Did you mean 'columns'?");
  }

  @Test
  void aCacheFolderInsideAFolderClosedToOthersWorksForItsOwnerAndIsNamedWithTheFixForRoot(@TempDir Path dir)
      throws IOException {
    // a cache in a folder only its owner may enter, as mktemp -d makes it: as root, PostgreSQL runs as nobody
    Path closed = Files.createDirectory(dir.resolve("closed"), java.nio.file.attribute.PosixFilePermissions
        .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    Run run = CliProcess.run(java.util.Map.of("SCHEMAKIT_CACHE_DIR", closed.resolve("cache").toString()), "verify",
        "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/good");

    if ("root".equals(System.getProperty("user.name"))) {
      assertThat(run.exitCode()).as(run.toString()).isNotZero();
      assertThat(run.err()).contains("PostgreSQL refuses to run as root, so it runs as 'nobody', who cannot enter "
          + closed + " (mode rwx------), above the binaries ").contains("(chmod o+x " + closed + ")");
    } else {
      assertThat(run.exitCode()).as(run.toString()).isZero();
    }
  }

  @Test
  void aSqlErrorInAMigrationIsBadInputInTwoLines() {
    Run run = CliProcess.run("verify", "--migrations", "src/test/resources/migrations/broken", "--contracts",
        CONTRACTS + "/good");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().lines().toList()).hasSize(3);
    assertThat(run.err()).contains("failed in V2__guilds.sql").contains("at line 2: ERROR: type \"integr\" does not "
        + "exist").contains("Fix that statement in V2__guilds.sql").endsWith("(--verbose shows more)\n");
  }

  @Test
  void badUsageIsBadInputWithASuggestion() {
    Run unknownOption = CliProcess.run("verify", "--migratons", MIGRATIONS);
    Run unknownCommand = CliProcess.run("verfy");
    Run missingOption = CliProcess.run("verify", "--migrations", MIGRATIONS);
    Run nothing = CliProcess.run();

    assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknownOption.err()).startsWith("schemakit verify: unknown option '--migratons'. Did you mean "
        + "--migrations?");
    assertThat(unknownCommand.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknownCommand.err()).startsWith("schemakit: unknown command 'verfy'. Commands: check, diff, init, lint, "
        + "record, rehearse, stairway, verify.");
    assertThat(missingOption.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missingOption.err()).startsWith("schemakit verify: --contracts is required");
    assertThat(nothing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(CliProcess.run("help").out()).contains("Exit codes: 0 clean; 1 findings");
  }

  @Test
  void anUnreachableServerIsExitThree() {
    Run run = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/good", "--url",
        "jdbc:postgresql://127.0.0.1:1/postgres?password=secret");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err()).startsWith("schemakit cannot connect to jdbc:postgresql://127.0.0.1:1/postgres?password=***")
        .doesNotContain("secret");
  }

  @Test
  void recordWritesContractsThatVerifyThenAcceptsAndRecordingAgainChangesNothing(@TempDir Path dir)
      throws IOException {
    Path contracts = dir.resolve("contracts");
    Run first = CliProcess.run("record", "--migrations", MIGRATIONS, "--contracts", contracts.toString());
    String recorded = Files.readString(contracts.resolve("public.yaml"));
    Files.writeString(contracts.resolve("public.yaml"), recorded.replace("  guilds:\n",
        "  # the guilds of the realm\n  guilds:\n"));

    Run again = CliProcess.run("record", "--migrations", MIGRATIONS, "--contracts", contracts.toString());
    Run verify = CliProcess.run("verify", "--migrations", MIGRATIONS, "--contracts", contracts.toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).isEqualTo("recorded 2 table(s) in schema public at version 2 into " + contracts
        + ": 1 file(s) written, 0 unchanged, 0 deleted\n");
    assertMatchesExample(recorded, "record-public.yaml");
    assertThat(again.out()).endsWith(": 0 file(s) written, 1 unchanged, 0 deleted\n");
    assertThat(contracts.resolve("public.yaml")).content().contains("  # the guilds of the realm\n  guilds:\n");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  @Test
  void diffClassifiesChangesAndFailsOnBreakingOnes() throws IOException {
    String[] dirs = {"--base", "src/test/resources/diff/base", "--head", "src/test/resources/diff/head"};
    Run markdown = CliProcess.run(concat(new String[] {"diff", "--format", "markdown"}, dirs));
    Run lenient = CliProcess.run(concat(new String[] {"diff", "--fail-on", "none"}, dirs));
    Run firstPullRequest = CliProcess.run("diff", "--base", "src/test/resources/diff/missing", "--head",
        "src/test/resources/diff/head", "--fail-on", "destructive");

    assertThat(markdown.exitCode()).as(markdown.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertMatchesExample(markdown.out(), "diff.md");
    assertThat(lenient.exitCode()).isZero();
    assertMatchesExample(lenient.out(), "diff.txt");
    assertThat(firstPullRequest.exitCode()).as(firstPullRequest.toString()).isZero();
    assertThat(firstPullRequest.out()).contains("table public.guilds added", "table public.raids added");
  }

  @Test
  void checkIsReadOnlyAndReportsPendingMigrationsAndDrift() throws Exception {
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + Path.of(MIGRATIONS).toAbsolutePath()).build());
    VersionedDatabase atOne = factory.create(chain, "1");
    VersionedDatabase atTwo = factory.create(chain, "2");
    String user = "--user=postgres";

    Run pending = CliProcess.run("check", "--url", atOne.jdbcUrl(), user, "--contracts", CONTRACTS + "/good",
        "--migrations", MIGRATIONS, "--format", "json");
    Run healthy = CliProcess.run("check", "--url", atTwo.jdbcUrl(), user, "--contracts", CONTRACTS + "/good",
        "--migrations", MIGRATIONS);
    Run drift = CliProcess.run("check", "--url", atTwo.jdbcUrl(), user, "--contracts", CONTRACTS + "/drift");
    Run unreachable = CliProcess.run("check", "--url", "jdbc:postgresql://127.0.0.1:1/app", "--contracts",
        CONTRACTS + "/good", "--format", "json");

    assertThat(pending.exitCode()).as(pending.toString()).isEqualTo(ExitCodes.FINDINGS);
    // at version 1 the contract's guilds table is missing too; drift is the worse of the two
    assertThat(pending.out()).contains("\"status\": \"drift\"", "\"currentVersion\": \"1\"",
        "\"latestVersion\": \"2\"", "\"pending\": [\"2\"]", "\"reachable\": true");
    assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
    assertMatchesExample(withoutPort(healthy.out()), "check.txt");
    assertThat(drift.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertMatchesExample(withoutPort(drift.out()), "check-drift.txt");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.out()).contains("\"status\": \"unreachable\"", "\"healthy\": false");
    assertThat(unreachable.err()).startsWith("schemakit check: jdbc:postgresql://127.0.0.1:1/app is unreachable: ")
        .contains("refused").doesNotContain("..");
    assertThat(atOne.queryForValue("select count(*) from flyway_schema_history")).isEqualTo(1L);
  }

  @Test
  void lintFindsSkippedFilesAndOrphanUndoScriptsAndGuardsTheLock(@TempDir Path dir) throws IOException {
    Run problems = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/lint");
    Path migrations = dir.resolve("migrations");
    Files.createDirectories(migrations);
    Files.copy(Path.of(MIGRATIONS, "V1__users.sql"), migrations.resolve("V1__users.sql"));
    Path lock = dir.resolve("schemakit.lock");
    Run locked = CliProcess.run("lint", "--migrations", migrations.toString(), "--lock", lock.toString(),
        "--update-lock");
    Run clean = CliProcess.run("lint", "--migrations", migrations.toString(), "--lock", lock.toString());
    Files.writeString(migrations.resolve("V1__users.sql"), "-- edited after release\n", java.nio.file.StandardOpenOption.APPEND);
    Run edited = CliProcess.run("lint", "--migrations", migrations.toString(), "--lock", lock.toString());
    Run noLock = CliProcess.run("lint", "--migrations", migrations.toString(), "--lock", dir.resolve("x.lock").toString());

    assertThat(problems.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertMatchesExample(problems.out(), "lint.txt");
    assertThat(locked.exitCode()).as(locked.toString()).isZero();
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).isEqualTo("1 migration(s), 0 problem(s)\n"
        + "deploy safety: every migration is released (in the lock), nothing to check\n");
    assertThat(edited.exitCode()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(edited.out()).contains("RELEASED_EDITED");
    assertThat(noLock.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noLock.err()).contains("does not exist. Create it once with --update-lock and commit it.");
  }

  @Test
  void lintTellsWhatUnreleasedMigrationsDoToLiveTables(@TempDir Path dir) throws IOException {
    Path lock = dir.resolve("schemakit.lock");
    Path released = dir.resolve("released");
    Files.createDirectories(released);
    Files.copy(Path.of("src/test/resources/migrations/risky-deploy/V1__accounts.sql"),
        released.resolve("V1__accounts.sql"));
    CliProcess.run("lint", "--migrations", released.toString(), "--lock", lock.toString(), "--update-lock");

    Run risky = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/risky-deploy", "--lock",
        lock.toString());
    Run dynamic = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/risky-deploy", "--lock",
        lock.toString(), "--dynamic", "--seed-rows", "1000");
    Run safe = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/safe-deploy", "--lock",
        lock.toString());
    Run safeDynamic = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/safe-deploy", "--dynamic");
    Run urlWithoutDynamic = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/safe-deploy",
        "--seed-rows", "10");

    assertThat(risky.exitCode()).as(risky.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(risky.out()).contains("WARNING ALTER_COLUMN_TYPE V2__email_search.sql:2",
        "ERROR INDEX_NOT_CONCURRENT V2__email_search.sql:3", "WAIVED RENAME_COLUMN V3__nickname_required.sql:2",
        "ERROR SET_NOT_NULL V3__nickname_required.sql:3");
    assertThat(dynamic.exitCode()).as(dynamic.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertMatchesExample(withoutTimes(dynamic.out()), "lint-dynamic.txt");
    assertThat(safe.exitCode()).as(safe.toString()).isZero();
    assertThat(safe.out()).isEqualTo("2 migration(s), 0 problem(s)\n"
        + "deploy safety of 1 unreleased migration(s) (static; --dynamic runs them): 0 error(s), 0 warning(s)\n");
    assertThat(safeDynamic.exitCode()).as(safeDynamic.toString()).isZero();
    assertThat(safeDynamic.out()).contains("(static and dynamic): 0 error(s), 0 warning(s)");
    assertThat(urlWithoutDynamic.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(urlWithoutDynamic.err()).contains("--url and --seed-rows are for the dynamic check; add --dynamic.");
  }

  /** How long the dynamic check took changes every run; the example shows a placeholder. */
  static String withoutTimes(String text) {
    return text.replaceAll("dynamic check [0-9.]+ s, [0-9.]+ s per migration, the longest (\\S+) [0-9.]+ s",
        "dynamic check <t> s, <t> s per migration, the longest <file> <t> s");
  }

  @Test
  void stairwayPassesWithCleanUndoScriptsAndFailsOnATrace() throws IOException {
    Run clean = CliProcess.run("stairway", "--migrations", MIGRATIONS);
    Run trace = CliProcess.run("stairway", "--migrations", "src/test/resources/migrations/bad-undo");

    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).endsWith("stairway passed (3 step(s))\n");
    assertThat(trace.exitCode()).as(trace.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertMatchesExample(trace.out(), "stairway-trace.txt");
  }

  /** What a long chain needs: one cause named once, a view that freezes the time not taken for a failed undo, a slice. */
  @Test
  void stairwaySumsUpByCauseAndClimbsASlice(@TempDir Path dir) throws IOException {
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__posts.sql"), "create table posts (id int primary key, at timestamp);");
    Files.writeString(migrations.resolve("U1__posts.sql"), "drop table posts;");
    Files.writeString(migrations.resolve("V2__recent.sql"), "create view recent_posts as select id from posts"
        + " where at > 'now'::timestamp - interval '1 day';");
    Files.writeString(migrations.resolve("U2__recent.sql"), "drop view recent_posts;");
    for (String version : List.of("3", "4")) {
      Files.writeString(migrations.resolve("V" + version + "__t" + version + ".sql"), "create table t" + version
          + " (id int);");
      Files.writeString(migrations.resolve("U" + version + "__t" + version + ".sql"), "drop tabel t" + version + ";");
    }

    Run whole = CliProcess.run("stairway", "--migrations", migrations.toString());
    Run slice = CliProcess.run("stairway", "--migrations", migrations.toString(), "--from", "2", "--to", "3");

    assertThat(whole.exitCode()).as(whole.toString()).isEqualTo(ExitCodes.FINDINGS);
    List<String> lines = whole.out().lines().toList();
    assertThat(lines.get(0)).startsWith("PASSED   1 ");
    assertThat(lines.get(1)).isEqualTo("WARNED   2              U2__recent.sql: Stairway at version '2': public.recent_posts"
        + " differs only in the time it captured when it was created again");
    assertThat(lines.get(2)).startsWith("FAILED   3              U3__t3.sql: Stairway at version '3': ")
        .contains("syntax error at or near \"tabel\"");
    assertThat(whole.out()).contains("FAILED   4              U4__t4.sql: the same cause as version 3: the undo script"
        + " fails: ERROR: syntax error at or near \"tabel\"")
        .contains("by cause:\n  FAILED     2 step(s)  the undo script fails: ERROR: syntax error at or near \"tabel\"")
        .contains("  WARNED     1 step(s)  " + dev.schemakit.template.StairwayClimb.FROZEN_TIME + ": version 2\n")
        .endsWith("3 of 5 step(s) failed\n");
    assertThat(slice.out().lines().filter(line -> !line.startsWith(" ") && !line.startsWith("by cause")
        && !line.startsWith("ERROR") && !line.isBlank()).map(line -> line.split("\\s+")[0] + " " + line.split("\\s+")[1])
        .toList()).containsExactly("WARNED 2", "FAILED 3", "1 of");
  }

  /**
   * The README shows these example files; they must be what the jar prints. On a difference the actual
   * output goes to target/examples-actual/, to review and copy over when the change is intended.
   */
  static void assertMatchesExample(String actual, String name) throws IOException {
    Path example = Path.of("src/test/resources/examples", name);
    String expected = Files.exists(example) ? Files.readString(example) : "";
    if (!expected.equals(actual)) {
      Path written = Path.of("target/examples-actual", name);
      Files.createDirectories(written.getParent());
      Files.writeString(written, actual);
    }
    assertThat(actual).as("output vs " + example + " (actual output written to target/examples-actual/)")
        .isEqualTo(expected);
  }

  /** The embedded server's port and the clone's name change every run; the examples show placeholders. */
  static String withoutPort(String text) {
    return text.replaceAll("127\\.0\\.0\\.1:\\d+/schemakit_r\\w+", "127.0.0.1:<port>/<database>");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
