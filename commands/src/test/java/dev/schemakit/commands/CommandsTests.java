package dev.schemakit.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
    assertThat(result.err()).startsWith("schemakit: unknown command 'verfy'. Commands: check, diff, lint, record,"
        + " stairway, verify.");
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
}
