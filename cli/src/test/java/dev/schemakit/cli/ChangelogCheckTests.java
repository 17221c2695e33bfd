package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.liquibase.LiquibaseSettings;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --changelog} and {@code rehearse --changelog} on databases Liquibase itself migrated: they read their
 * {@code databasechangelog}; check names the last changeset run and every one not run, and leaves Liquibase's tables
 * out of the compared schema; the rehearsal replays the changesets not run on a copy.
 */
class ChangelogCheckTests {

  private static TemplateFactory factory;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void dropDatabases() {
    factory.close();
  }

  @Test
  void theChangesetsADatabaseHasNotRunArePendingByName() {
    MigrationChain chain = MigrationChain.scan(LiquibaseSettings.builder().changelog("master.xml")
        .searchPath(Path.of(LiquibaseCliTests.BILLING)).property("customer_type", "varchar(80)").build());
    VersionedDatabase atTag = factory.create(chain, "1.0");
    VersionedDatabase atLatest = factory.create(chain, "latest");
    String contracts = dir.resolve("contracts").toString();
    assertThat(CliProcess.run(LiquibaseCliTests.changelog("record", "--contracts", contracts)).exitCode()).isZero();

    Run behind = CliProcess.run(LiquibaseCliTests.changelog("check", "--url", atTag.jdbcUrl(), "--user=postgres",
        "--contracts", contracts));
    Run upToDate = CliProcess.run(LiquibaseCliTests.changelog("check", "--url", atLatest.jdbcUrl(), "--user=postgres",
        "--contracts", contracts));

    assertThat(behind.exitCode()).as(behind.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(behind.out()).as(behind.toString())
        .contains("migration: master.xml::release-1::billing (latest in the migrations:"
            + " master.xml::invoices-by-customer::billing)\n")
        .contains("pending:   master.xml::demo-invoice::billing, master.xml::invoices-by-customer::billing\n");
    assertThat(upToDate.exitCode()).as(upToDate.toString()).isZero();
    assertThat(upToDate.out()).as(upToDate.toString())
        .contains("migration: master.xml::invoices-by-customer::billing (latest in the migrations:"
            + " master.xml::invoices-by-customer::billing)\n")
        .doesNotContain("pending:")
        .contains("contract:  matches\n");
  }

  @Test
  void theRehearsalReplaysTheChangesetsNotRunOnACopyAndFindsARollbackThatLosesRows() {
    MigrationChain chain = MigrationChain.scan(LiquibaseSettings.builder().changelog("master.xml")
        .searchPath(Path.of(LiquibaseCliTests.BILLING)).property("customer_type", "varchar(80)").build());
    VersionedDatabase atTag = factory.create(chain, "1.0");
    atTag.execute("insert into invoices (id, customer) values (7, 'grace')");

    Run rehearsal = CliProcess.run(LiquibaseCliTests.changelog("rehearse", "--from", atTag.jdbcUrl(),
        "--user=postgres"));

    // the demo row's rollback block deletes every row of the table, the one the source had before the release too
    assertThat(rehearsal.exitCode()).as(rehearsal.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(rehearsal.out()).as(rehearsal.toString())
        .contains("rehearsal of master.xml::release-1::billing -> master.xml::invoices-by-customer::billing on ")
        .contains("undo to master.xml::release-1::billing: ")
        .contains("  master.xml::demo-invoice::billing ")
        .contains("  master.xml::invoices-by-customer::billing ")
        .contains("  public.invoices 1 -> 2\n")
        .contains("UNDO_LOSES_ROWS public.invoices: the undo leaves 0 of the 1 rows the table had before the release");
    assertThat(atTag.queryForValue("select count(*) from databasechangelog")).as("the source is only read")
        .isEqualTo(2L);
  }
}
