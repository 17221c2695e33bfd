package dev.schemakit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema of the contract format (draft 2020-12) judged by a maintained validator, as an editor judges a
 * contract while it is typed: every contract in the repository passes, and a misspelt key fails with its path.
 */
class ContractSchemaValidationTests {

  static Schema schema;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = ContractReader.class.getResourceAsStream("/schemakit-contract.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  /** Every YAML file in a folder named {@code contracts} of the repository, build output aside. */
  static List<Path> contracts() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(".."))) {
      return files.filter(file -> file.toString().endsWith(".yaml"))
          .filter(file -> file.getParent() != null && file.getParent().getFileName().toString().equals("contracts"))
          .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/.git/"))
          .sorted().toList();
    }
  }

  @Test
  void everyContractInTheRepositoryIsValid() throws IOException {
    List<Path> contracts = contracts();
    assertThat(contracts).hasSizeGreaterThan(10);
    for (Path contract : contracts) {
      List<Error> errors = schema.validate(Files.readString(contract), InputFormat.YAML);
      assertThat(errors).as(contract.toString()).isEmpty();
    }
  }

  @Test
  void aMisspeltKeyFailsWithItsPath() {
    List<Error> errors = schema.validate("""
        tables:
          accounts:
            colums:
              id: { type: bigint }
        """, InputFormat.YAML);

    assertThat(errors).singleElement().satisfies(error -> {
      assertThat(error.getInstanceLocation().toString()).isEqualTo("/tables/accounts");
      assertThat(error.getMessage()).contains("colums");
    });
  }
}
