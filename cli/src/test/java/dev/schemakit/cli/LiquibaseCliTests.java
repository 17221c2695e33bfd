package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Liquibase changelog through the jar as a process: record, verify, lint and the stairway take --changelog. */
class LiquibaseCliTests {

  static final String BILLING = "src/test/resources/changelogs/billing";

  @TempDir
  Path dir;

  static String[] changelog(String command, String... more) {
    String[] base = {command, "--changelog", "master.xml", "--search-path", BILLING, "--property",
        "customer_type=varchar(80)"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void aChangelogRecordsAndVerifiesAtATagAndAtLatest() {
    String contracts = dir.resolve("contracts").toString();

    Run atTag = CliProcess.run(changelog("record", "--contracts", contracts, "--target", "1.0"));
    Run verifyAtTag = CliProcess.run(changelog("verify", "--contracts", contracts, "--target", "1.0"));
    Run verifyLatest = CliProcess.run(changelog("verify", "--contracts", contracts));

    assertThat(atTag.exitCode()).as(atTag.toString()).isZero();
    assertThat(atTag.out()).startsWith("recorded 1 table(s) in schema public at version 2 into ");
    assertThat(atTag.out()).as("Liquibase's own summaries stay out of the output").doesNotContain("UPDATE SUMMARY");
    assertThat(verifyAtTag.exitCode()).as(verifyAtTag.toString()).isZero();
    assertThat(verifyLatest.exitCode()).as("the index of the last changeset is not in the contract")
        .isEqualTo(ExitCodes.FINDINGS);
    assertThat(verifyLatest.out()).contains("invoices_customer");
  }

  @Test
  void lintFindsTheIndexBuiltWithoutConcurrentlyAtItsChangeset() {
    Run lint = CliProcess.run(changelog("lint"));

    assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(lint.out()).contains("ERROR INDEX_NOT_CONCURRENT master.xml::invoices-by-customer::billing:35:")
        .as("the fix as a changelog writes it").contains("  fix: CREATE INDEX CONCURRENTLY, in a changeset of its own"
            + " with runInTransaction: false (a sql change, or a formatted SQL changeset)\n");
  }

  @Test
  void theStairwayRollsBackEveryChangesetInTheDemoContext() {
    Run stairway = CliProcess.run(changelog("stairway", "--contexts", "demo"));

    assertThat(stairway.exitCode()).as(stairway.toString()).isZero();
    assertThat(stairway.out()).contains("PASSED   3").contains("stairway passed (5 step(s))");
  }

  @Test
  void optionsOfTheOtherEngineAreRefusedWithTheFix() {
    Run both = CliProcess.run(changelog("lint", "--migrations", "src/test/resources/migrations/ledger"));
    Run contextsAlone = CliProcess.run("lint", "--migrations", "src/test/resources/migrations/ledger", "--contexts",
        "demo");

    assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("--migrations is an option of a Flyway chain, and --changelog master.xml names a"
        + " Liquibase one");
    assertThat(contextsAlone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(contextsAlone.err()).contains("--contexts is an option of a Liquibase changelog, and no --changelog"
        + " is given");
  }
}
