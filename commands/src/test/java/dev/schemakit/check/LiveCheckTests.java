package dev.schemakit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read-only live check in process, as a service's health endpoint runs it. */
class LiveCheckTests {

  static final String MIGRATIONS = "src/test/resources/migrations/guilds";

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
  void checkSessionsRefuseWrites() throws Exception {
    MigrationChain chain = MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + Path.of(MIGRATIONS).toAbsolutePath()).build());
    VersionedDatabase database = factory.create(chain, "2");
    // the same session options LiveCheck uses: the server itself must refuse a write
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", "postgres");
    properties.setProperty("options", "-c default_transaction_read_only=on");
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), properties);
         java.sql.Statement statement = connection.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.execute("CREATE TABLE nope (id int)"))
          .hasMessageContaining("read-only transaction");
    }
    CheckReport report = LiveCheck.of(database.jdbcUrl(), "postgres", null).run();
    assertThat(report.healthy()).isTrue();
    assertThat(report.serverVersion()).startsWith("18");
  }
  @Test
  void aDatabaseBehindItsMigrationsIsUnhealthyAndNamesWhatIsPending() {
    MigrationChain chain = chain();
    VersionedDatabase database = factory.create(chain, "1");

    CheckReport report = LiveCheck.of(database.jdbcUrl(), "postgres", null).migrations(chain)
        .contracts(ContractReader.readDirectory(Path.of("src/test/resources/contracts/good"))).run();

    assertThat(report.healthy()).isFalse();
    assertThat(report.currentVersion()).isEqualTo("1");
    assertThat(report.latestVersion()).isEqualTo("2");
    assertThat(report.pending()).containsExactly("2");
    assertThat(database.queryForValue("select count(*) from flyway_schema_history")).isEqualTo(1L);
  }

  private static MigrationChain chain() {
    return MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + Path.of(MIGRATIONS).toAbsolutePath()).build());
  }
}
