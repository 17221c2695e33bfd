package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example service's clan-analytics chain, which runs on SQLite, through the jar: verified against its contract,
 * recorded, linted and climbed, and mutants of it caught.
 */
class SqliteChainTests {

  static final Path CLANS = Path.of("../example-service/src/main/resources/db/clans");
  static final Path CONTRACTS = Path.of("../example-service/contracts-clans");

  @TempDir
  Path work;

  /** A copy of the chain to change. */
  private Path copy() throws Exception {
    Path copy = Files.createDirectories(work.resolve("clans"));
    try (Stream<Path> files = Files.list(CLANS)) {
      for (Path source : files.toList()) {
        Files.copy(source, copy.resolve(source.getFileName()));
      }
    }
    return copy;
  }

  /** The chain with one file changed, for the mutants. */
  private Path mutant(String file, String from, String to) throws Exception {
    Path copy = copy();
    String text = Files.readString(copy.resolve(file));
    assertThat(text).contains(from);
    Files.writeString(copy.resolve(file), text.replace(from, to));
    return copy;
  }

  @Test
  void verifyPassesAndSaysWhatSqliteCompares() {
    Run run = CliProcess.run("verify", "--dialect", "sqlite", "--migrations", CLANS.toString(), "--contracts",
        CONTRACTS.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("Schema matches the contract: 3 object(s) checked in schema main")
        .contains("SQLite: compared are tables, columns, declared types", "SQLite has no enums, sequences");
  }

  @Test
  void verifyCatchesAMutantMigration() throws Exception {
    Path mutant = mutant("V4__snapshot_player_id.sql", "ON DELETE SET NULL", "ON DELETE CASCADE");

    Run run = CliProcess.run("verify", "--dialect", "sqlite", "--migrations", mutant.toString(), "--contracts",
        CONTRACTS.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).contains("FOREIGN_KEY_ACTION_MISMATCH main.member_snapshots");
  }

  @Test
  void recordWritesTheSchemaOfMain() throws Exception {
    Path contracts = work.resolve("contracts");

    Run run = CliProcess.run("record", "--dialect", "sqlite", "--migrations", CLANS.toString(), "--contracts",
        contracts.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("recorded 3 table(s) in schema main at version 4 into ");
    assertThat(contracts.resolve("main.yaml")).content()
        .startsWith("# yaml-language-server: $schema=schemakit-contract.schema.json\nschema: main\n")
        .contains("  member_snapshots:\n", "player_id: { type: integer }");
  }

  @Test
  void lintChecksTheChainAndSaysDeploySafetyIsPostgresqls() throws Exception {
    Run clean = CliProcess.run("lint", "--dialect", "sqlite", "--migrations", CLANS.toString(), "--require-undo");
    Path withoutAnUndo = copy();
    Files.delete(withoutAnUndo.resolve("U3__snapshot_indexes.sql"));
    Run missingUndo = CliProcess.run("lint", "--dialect", "sqlite", "--migrations", withoutAnUndo.toString(),
        "--require-undo");
    Run dynamic = CliProcess.run("lint", "--dialect", "sqlite", "--migrations", CLANS.toString(), "--dynamic");

    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).isEqualTo("4 migration(s), 0 problem(s)\ndeploy safety: not checked on SQLite, whose"
        + " locks are not PostgreSQL's (a write locks the whole database file)\n");
    assertThat(missingUndo.exitCode()).as(missingUndo.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(missingUndo.out()).contains("V3__snapshot_indexes.sql");
    assertThat(dynamic.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(dynamic.err()).contains("--dynamic measures PostgreSQL's locks");
  }

  /** A live SQLite database at a version, as the service's Flyway left it. */
  private Path liveDatabase(String name, String version) throws Exception {
    Path file = work.resolve(name);
    dev.schemakit.chain.MigrationChain chain = dev.schemakit.chain.MigrationChain.scan(
        dev.schemakit.flyway.MigrationSettings.builder().locations("filesystem:" + CLANS.toAbsolutePath()).build());
    dev.schemakit.flyway.Migrator.migrateByFlyway(chain, dev.schemakit.sqlite.SqliteDatabases.dataSource(file),
        dev.schemakit.sqlite.SqliteDatabases.url(file), chain.resolve(version));
    return file;
  }

  @Test
  void checkReadsALiveFileWithoutWritingIt() throws Exception {
    Path current = liveDatabase("current.db", "4");
    Path behind = liveDatabase("behind.db", "3");
    byte[] before = Files.readAllBytes(current);

    Run healthy = CliProcess.run("check", "--url", "jdbc:sqlite:" + current, "--contracts", CONTRACTS.toString(),
        "--migrations", CLANS.toString(), "--dialect", "sqlite");
    Run pending = CliProcess.run("check", "--url", "jdbc:sqlite:" + behind, "--contracts", CONTRACTS.toString(),
        "--migrations", CLANS.toString(), "--dialect", "sqlite");
    Path missing = work.resolve("missing.db");
    Run unreachable = CliProcess.run("check", "--url", "jdbc:sqlite:" + missing, "--contracts",
        CONTRACTS.toString());

    assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
    assertThat(healthy.out()).contains("server:    SQLite 3.", "migration: 4 (latest in the migrations: 4)",
        "contract:  matches", "status:    ok");
    assertThat(Files.readAllBytes(current)).as("the file is not written").isEqualTo(before);
    assertThat(pending.exitCode()).as(pending.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(pending.out()).contains("pending");
    assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(unreachable.err()).contains("it is opened read-only, never created");
    assertThat(missing).doesNotExist();
  }

  @Test
  void theStairwayClimbsAndCatchesAnUndoThatForgetsAnIndex() throws Exception {
    Run clean = CliProcess.run("stairway", "--dialect", "sqlite", "--migrations", CLANS.toString());
    Path mutant = mutant("U4__snapshot_player_id.sql", "CREATE INDEX ix_member_snapshots_name",
        "-- CREATE INDEX ix_member_snapshots_name");
    Run broken = CliProcess.run("stairway", "--dialect", "sqlite", "--migrations", mutant.toString());

    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).endsWith("stairway passed (5 step(s))\n");
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(broken.out()).contains("FAILED   4");
  }
}
