package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rehearse} run as the jar: the README's report on the example's clans backup, exit codes, bad input. */
class RehearseTests {

  private static TemplateFactory factory;

  @BeforeAll
  static void startServer() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void dropDatabases() {
    factory.close();
  }

  /**
   * A backup of the clan-analytics database at version 3: 60 players, 500 snapshots of which 8 are of former members
   * (no player of that name), and the rest name their player in any case.
   */
  static Path clansBackup(Path directory) throws IOException {
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + SqliteChainTests.CLANS.toAbsolutePath()).build());
    Path backup = directory.resolve("clans-backup.db");
    try (SqliteDatabases databases = SqliteDatabases.open()) {
      VersionedDatabase database = databases.create(chain, "3");
      for (int i = 1; i <= 60; i++) {
        database.execute("INSERT INTO players (id, player_tag, name) VALUES (?, ?, ?)", i, "#P" + i, "Player" + i);
      }
      for (int i = 1; i <= 500; i++) {
        String name = i <= 8 ? "Former" + i : (i % 2 == 0 ? "player" : "PLAYER") + (i % 60 + 1);
        database.execute("INSERT INTO member_snapshots (member_name, captured_at, trophies) VALUES (?, ?, ?)", name,
            "2026-11-" + (10 + i % 20), 1000 + i);
      }
      Files.copy(Path.of(database.jdbcUrl().substring("jdbc:sqlite:".length())), backup);
    }
    return backup;
  }

  @Test
  void theClansBackupRehearsesAsTheReadmeShows(@TempDir Path directory) throws IOException {
    Path backup = clansBackup(directory);

    Run run = CliProcess.run("rehearse", "--dialect", "sqlite", "--migrations", SqliteChainTests.CLANS.toString(),
        "--from", backup.toString(), "--format", "markdown");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    CliTests.assertMatchesExample(shown(run.out(), backup), "rehearse-clans.md");
  }

  @Test
  void aLockPastTheBudgetExitsOneAndJsonNamesIt(@TempDir Path directory) throws IOException {
    Path chain = Path.of("src/test/resources/migrations/rehearse");
    VersionedDatabase source = factory.create(MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + chain.toAbsolutePath()).build()), "1");
    source.execute("insert into accounts (email) select 'a' || i || '@example.org' from generate_series(1, 5000) i");

    Run kept = CliProcess.run("rehearse", "--migrations", chain.toString(), "--from", source.jdbcUrl(), "--user",
        "postgres", "--lock-budget", "10s");
    Run exceeded = CliProcess.run("rehearse", "--migrations", chain.toString(), "--from", source.jdbcUrl(), "--user",
        "postgres", "--lock-budget", "100ms", "--format", "json", "--out", directory.resolve("r.json").toString());

    assertThat(kept.exitCode()).as(kept.toString()).isZero();
    assertThat(kept.out()).contains("V2__accounts_hold.sql", "public.accounts: ACCESS EXCLUSIVE held ",
        "rehearsal passed");
    assertThat(exceeded.exitCode()).as(exceeded.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(Files.readString(directory.resolve("r.json"))).contains("\"passed\": false",
        "{\"code\": \"LOCK_BUDGET_EXCEEDED\", \"where\": \"V2__accounts_hold.sql:1\"");
  }

  @Test
  void badInputExitsTwoWithOneMessage() {
    Run both = CliProcess.run("rehearse", "--migrations", SqliteChainTests.CLANS.toString(), "--from", "a.sql", "--on",
        "jdbc:postgresql://localhost/x");
    Run budget = CliProcess.run("rehearse", "--migrations", SqliteChainTests.CLANS.toString(), "--from", "a.sql",
        "--lock-budget", "soon");
    Run missing = CliProcess.run("rehearse", "--migrations", SqliteChainTests.CLANS.toString(), "--from",
        "no-such-dump.sql");

    assertThat(both.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(both.err()).contains("rehearse: give one of --from SOURCE (a copy is made; the source is only read) and"
        + " --on JDBC (a clone the storage made, changed in place), not both.");
    assertThat(budget.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(budget.err()).contains("rehearse: --lock-budget 'soon' is not a duration; write it as 500ms, 2s, 1.5s,"
        + " 5m or 1h.");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("Rehearsing from no-such-dump.sql failed: there is no such file.");
  }

  /** Times change every run and the backup's path is a temporary one; the example shows placeholders. */
  static String shown(String text, Path backup) {
    return text.replace(backup.toString(), "clans-backup.db")
        .replaceAll("\\d+(\\.\\d+)? (ms|s)\\b", "<t>")
        .replaceAll("\\(\\d+(\\.\\d+)? MB/s\\)", "(<rate>)");
  }
}
