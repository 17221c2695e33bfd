package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.report.Reports;
import dev.schemakit.yaml.ContractReader;
import dev.schemakit.yaml.ContractWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every schema the migrations create is compared by default, not only {@code public}. */
class EverySchemaTests {

  static TemplateFactory factory;
  static MigrationChain chain;

  @BeforeAll
  static void open() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
    chain = MigrationChain.scan(MigrationSettings.builder().locations("classpath:db/schemas").build());
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void theSchemasComparedAreFlywaysAndEveryOneTheMigrationsCreated() {
    assertThat(factory.create(chain, "1").schemas()).containsExactly("public", "billing");
    assertThat(factory.create(chain, "2").schemas()).containsExactly("public", "audit", "billing");
  }

  @Test
  void aRecordedContractHoldsEverySchemaAndVerifiesClean() {
    VersionedDatabase database = factory.create(chain, "1");
    Map<String, String> recorded = ContractWriter.recordFiles(database.snapshot());
    assertThat(recorded).containsOnlyKeys("billing.yaml", "public.yaml");
    DiffResult result = database.compareWith(ContractReader.read(recorded));
    assertThat(result.findings()).isEmpty();
    assertThat(Reports.text(result)).endsWith("in schemas billing, public, 0 error(s), 0 warning(s).\n");
  }

  @Test
  void aChangedCheckInAnotherSchemaIsDriftWithItsLine() {
    VersionedDatabase database = factory.create(chain, "1");
    Map<String, String> recorded = new java.util.TreeMap<>(ContractWriter.recordFiles(database.snapshot()));
    String billing = recorded.get("billing.yaml");
    assertThat(billing).contains("expression: \"amount >= (0)::numeric\"");
    recorded.put("billing.yaml", billing.replace("amount >= (0)::numeric", "amount > (0)::numeric"));
    DiffResult result = database.compareWith(ContractReader.read(recorded));
    assertThat(result.findings()).extracting(f -> f.code().name() + " " + f.subject() + " "
        + f.origin().toString().replaceAll(":\\d+$", "")).containsExactly(
        "CHECK_MISMATCH billing.invoices billing.yaml:" + (lineOf(billing, "amount >= (0)::numeric")));
  }

  @Test
  void aSchemaCreatedAfterTheRecordingIsDrift() {
    Map<String, String> recorded = ContractWriter.recordFiles(factory.create(chain, "1").snapshot());
    DiffResult result = factory.create(chain, "2").compareWith(ContractReader.read(recorded));
    assertThat(result.findings()).extracting(f -> f.code().name() + " " + f.subject() + ": " + f.message())
        .containsExactly("SCHEMA_UNEXPECTED audit: schema audit (1 table(s), 0 view(s)) is in no contract, and every"
            + " schema of the contract is strict: record it, or drop it");
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in " + text);
  }
}
