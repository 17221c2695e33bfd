package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --init-script}: the set-up a deployment makes before Flyway, through the jar as a process. */
class InitScriptCliTests {

  static final String LEDGER = "src/test/resources/migrations/ledger";

  @TempDir
  Path dir;

  @Test
  void aChainThatGrantsToRolesOfTheDeploymentRecordsAndVerifiesWithItsInitScripts() throws Exception {
    Path grants = Files.writeString(dir.resolve("grants.sql"), "create schema if not exists audit;\n");
    Path contracts = dir.resolve("contracts");

    Run record = CliProcess.run("record", "--migrations", LEDGER, "--init-script", "src/test/resources/init/roles.sql",
        "--init-script", grants.toString(), "--contracts", contracts.toString(), "--schemas", "ledger");
    Run verify = CliProcess.run("verify", "--migrations", LEDGER, "--init-script", "src/test/resources/init/roles.sql",
        "--init-script", grants.toString(), "--contracts", contracts.toString(), "--schemas", "ledger");

    assertThat(record.exitCode()).as(record.toString()).isZero();
    assertThat(record.out()).startsWith("recorded 1 table(s) in schema ledger at version 1 into ");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).startsWith("Schema matches the contract: ");
  }

  @Test
  void withoutThemTheMissingRoleSaysWhereItsSetUpGoes() {
    Run record = CliProcess.run("record", "--migrations", LEDGER, "--contracts", dir.resolve("c").toString());

    assertThat(record.exitCode()).as(record.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(record.err()).contains("failed in V1__entries.sql").contains("schema \"ledger\" does not exist")
        .contains("The schema 'ledger' is not made by the migrations; if the deployment makes it before Flyway runs,"
            + " give that set-up as an init script")
        .contains("--init-script FILE on the command line");
  }
}
