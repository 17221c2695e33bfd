package dev.schemakit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract the guide documents the format with is a valid contract, every key it shows read. */
class ReadmeContractTests {

  @Test
  void theReadmesFormatExampleReads() throws Exception {
    String readme = Files.readString(Path.of("../docs/contracts.md"));
    int section = readme.indexOf("## Using the contracts module");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));

    Catalog catalog = ContractReader.read(Map.of("README.md", example));

    Schema schema = catalog.schema("public").orElseThrow();
    assertThat(schema.domains()).extracting(d -> d.name()).containsExactly("email");
    assertThat(schema.routines()).extracting(r -> r.signature()).containsExactly("close_tenant(bigint)", "touch()");
    assertThat(schema.sequences().get(0).ownedBy()).isEqualTo("invoices.number");
    assertThat(schema.table("guilds").orElseThrow().rowLevelSecurity().policies()).hasSize(2);
    assertThat(schema.table("bookings").orElseThrow().exclusions()).hasSize(1);
    assertThat(schema.table("readings").orElseThrow().partitions()).hasSize(2);
  }
}
