package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init} on a service with a history, through the jar as a process. */
class InitCliTests {

  @TempDir
  Path project;

  @Test
  void initAcceptsTheHistoryOnceAndTheNextMigrationIsJudged() throws Exception {
    Path migrations = Files.createDirectories(project.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key,"
        + " email text);\n");
    Files.writeString(migrations.resolve("V2__accounts_by_email.sql"), "create index accounts_email on accounts"
        + " (email);\n");
    String[] init = {"init", "--migrations", migrations.toString(), "--project-dir", project.toString(),
        "--contracts", project.resolve("src/main/contracts").toString(), "--lock",
        project.resolve("schemakit.lock").toString()};

    Run first = CliProcess.run(init);
    Run second = CliProcess.run(init);
    Files.writeString(migrations.resolve("V3__accounts_email_lower.sql"), "create index accounts_email_lower on"
        + " accounts (lower(email));\n");
    Run lint = CliProcess.run("lint", "--migrations", migrations.toString(), "--lock",
        project.resolve("schemakit.lock").toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("recorded 1 table(s) in schema public at version 2 into ")
        .contains("lock schemakit.lock written: 2 released migration(s)")
        .contains("<goals><goal>lint</goal><goal>verify</goal></goals>")
        .contains("<migrations>migrations</migrations>")
        .contains("- run: mvn -B verify");
    assertThat(Files.readString(project.resolve("src/main/contracts/public.yaml")))
        .startsWith("# yaml-language-server: $schema=schemakit-contract.schema.json\n").contains("accounts_email");
    assertThat(project.resolve("src/main/contracts/schemakit-contract.schema.json")).content()
        .contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("0 file(s) written, 1 unchanged, 0 deleted")
        .contains("lock schemakit.lock unchanged: 2 released migration(s)")
        .contains("nothing changed: the contracts and the lock already hold this chain");
    assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(lint.out()).contains("ERROR INDEX_NOT_CONCURRENT V3__accounts_email_lower.sql:1")
        .doesNotContain("V2__accounts_by_email.sql:1");
  }

  @Test
  void anEditedReleasedMigrationStopsInitBeforeItWritesAnything() throws Exception {
    Path migrations = Files.createDirectories(project.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key);\n");
    String[] init = {"init", "--migrations", migrations.toString(), "--project-dir", project.toString(),
        "--contracts", project.resolve("contracts").toString(), "--lock", project.resolve("schemakit.lock").toString()};
    assertThat(CliProcess.run(init).exitCode()).isZero();
    Files.writeString(migrations.resolve("V1__accounts.sql"), "create table accounts (id bigint primary key,"
        + " name text);\n");
    String contractBefore = Files.readString(project.resolve("contracts/public.yaml"));

    Run again = CliProcess.run(init);

    assertThat(again.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(again.err()).contains("released migrations changed").contains("V1__accounts.sql");
    assertThat(Files.readString(project.resolve("contracts/public.yaml"))).isEqualTo(contractBefore);
  }
}
