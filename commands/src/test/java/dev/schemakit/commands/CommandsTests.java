package dev.schemakit.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands run in process, as the Maven plugin runs them: exit codes and what goes to out and err. The CLI's
 * tests run the same commands through the jar as a process.
 */
class CommandsTests {

  static final String MIGRATIONS = "src/test/resources/migrations/guilds";
  static final String CONTRACTS = "src/test/resources/contracts";

  record Result(int exitCode, String out, String err) {
  }

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Result help = run("help");

    assertThat(help.exitCode()).isEqualTo(ExitCodes.CLEAN);
    assertThat(help.out()).contains("verify", "record", "diff", "check", "lint", "stairway",
        "Exit codes: 0 clean; 1 findings");
  }

  @Test
  void anUnknownCommandIsBadInputNamingTheCommandsThereAre() {
    Result result = run("verfy");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).startsWith("schemakit: unknown command 'verfy'. Commands: check, diff, init, lint, record,"
        + " rehearse, stairway, verify.");
  }

  @Test
  void verifyInProcessIsCleanOnAMatchAndFindsDrift() {
    Result clean = run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/good");
    Result drift = run("verify", "--migrations", MIGRATIONS, "--contracts", CONTRACTS + "/drift");

    assertThat(clean.exitCode()).as(clean.toString()).isEqualTo(ExitCodes.CLEAN);
    assertThat(clean.out()).isEqualTo(
        "Schema matches the contract: 2 object(s) checked in schema public, 0 error(s), 0 warning(s).\n");
    assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(drift.out()).contains("ERROR ");
  }

  @Test
  void aMissingMigrationsFolderIsBadInputThatSaysWhichFolder() {
    Result result = run("verify", "--migrations", "src/test/resources/no-such-folder", "--contracts",
        CONTRACTS + "/good");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).startsWith("schemakit ").contains("no-such-folder");
  }

  @Test
  void aContractFileThatIsNotTextIsOneMessageNamingTheFileAndTheByte(@TempDir Path folder) throws Exception {
    Path contracts = Files.createDirectories(folder.resolve("contracts"));
    byte[] random = new byte[3 * 1024];
    new Random(7).nextBytes(random);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write("schema: public\n".getBytes(StandardCharsets.UTF_8));
    file.write(0x9f); // a continuation byte with nothing before it
    file.write(random);
    Files.write(contracts.resolve("public.yaml"), file.toByteArray());

    Result result = run("verify", "--migrations", MIGRATIONS, "--contracts", contracts.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).isEqualTo("schemakit verify: Reading the contract failed:\n  "
        + contracts.resolve("public.yaml") + ":2:1: expected a YAML contract in UTF-8, but the file is not UTF-8"
        + " text: the byte at offset 15 (0x9F, line 2, column 1) is not part of a UTF-8 character. Save it as"
        + " UTF-8, or move it out of the contracts folder if it is not a contract.\n");
  }

  @Test
  void aMigrationThatIsNotUtf8IsOneMessageNamingTheFileTheByteAndFlywayEncoding(@TempDir Path folder)
      throws Exception {
    Path migrations = guildsWithoutUndo(Files.createDirectories(folder.resolve("migrations")));
    byte[] latin1 = "-- caf\u00e9 prices\ncreate table prices (id int);\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(migrations.resolve("V5__bad_utf8.sql"), latin1);

    Result result = run("lint", "--migrations", migrations.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).isEqualTo("schemakit lint: Reading the migration filesystem:"
        + migrations.resolve("V5__bad_utf8.sql") + " failed: it is not UTF-8 text: the byte at offset 6 (0xE9,"
        + " line 1, column 7) is not part of a UTF-8 character. Flyway reads migrations as UTF-8 (flyway.encoding,"
        + " unset): save the file as UTF-8, or set flyway.encoding to the encoding it is written in (e.g."
        + " flyway.encoding=ISO-8859-1).\n");
  }

  @Test
  void stairwayOnAChainWithoutUndoScriptsSaysSoOnceInsteadOfFailingEveryVersion(@TempDir Path folder)
      throws Exception {
    guildsWithoutUndo(folder);

    Result result = run("stairway", "--migrations", folder.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("schemakit stairway: the chain in [filesystem:" + folder + "] has no undo"
        + " scripts (U<version>__<description>.sql beside V<version>__...), so there is no stairway to climb."
        + " Write one for each version you want to be able to roll back, newest first, or leave stairway out for"
        + " this chain.\n");
  }

  @Test
  void aChainThatStartsFromABaselineMigrationIsRecordedVerifiedAndLintedWithIt(@TempDir Path folder)
      throws Exception {
    // the shape of eclipse-hawkbit's chain after its squash: a baseline and the versions above it, none below
    Path migrations = Files.createDirectories(folder.resolve("migrations"));
    Files.writeString(migrations.resolve("B1_20_0__1.0.0_baseline.sql"), """
        create table tenants (id bigint primary key, name varchar(64) not null);
        create table targets (id bigint primary key, tenant bigint not null references tenants (id));
        """);
    Files.writeString(migrations.resolve("V1_20_1__target_names.sql"), "alter table targets add column name text;");
    Files.writeString(migrations.resolve("V1_20_2__target_index.sql"),
        "create table rollouts (id bigint primary key, target bigint references targets (id));");

    Result lint = run("lint", "--migrations", migrations.toString());
    assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(ExitCodes.CLEAN);
    assertThat(lint.out()).doesNotContain("IGNORED_FILE").contains("3 migration(s) (1 baseline), 0 problem(s)\n");

    for (String version : List.of("1.20.0", "latest")) {
      Path contracts = folder.resolve("contracts-" + version);
      Result record = run("record", "--migrations", migrations.toString(), "--contracts", contracts.toString(),
          "--target", version);
      assertThat(record.exitCode()).as(record.toString()).isEqualTo(ExitCodes.CLEAN);
      Result verify = run("verify", "--migrations", migrations.toString(), "--contracts", contracts.toString(),
          "--target", version);
      assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.CLEAN);
    }
    assertThat(Files.readString(folder.resolve("contracts-1.20.0/public.yaml"))).contains("tenants:", "targets:")
        .doesNotContain("rollouts");
    assertThat(Files.readString(folder.resolve("contracts-latest/public.yaml"))).contains("rollouts:");
  }

  /** The guilds chain's versioned migrations, without its undo scripts, copied into a folder. */
  private static Path guildsWithoutUndo(Path folder) throws Exception {
    for (String name : List.of("V1__users.sql", "V2__guilds.sql")) {
      Files.copy(Path.of(MIGRATIONS, name), folder.resolve(name));
    }
    return folder;
  }
}
