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
 * {@code check --changelog} on databases Liquibase itself migrated: it reads their {@code databasechangelog}, names the
 * last changeset run and every one not run, and leaves Liquibase's tables out of the compared schema.
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
}
