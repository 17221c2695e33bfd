package dev.schemakit.raids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.report.Reports;
import dev.schemakit.spring.SpringEntities;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;

/** Entities (found from the @SpringBootApplication package), contracts and migrations agree: three-way drift. */
@JdbcTest
@MigrationTest
class EntityDriftTests {

  @Test
  void entitiesContractsAndMigrationsAgree(MigratedDatabase db) {
    DiffResult drift = db.entityDrift(SpringEntities.forTest(getClass()), ContractReader.readDirectory(Path.of("contracts")));

    assertThat(drift.errors()).as(Reports.text(drift)).isEmpty();
    assertThat(SpringEntities.forTest(getClass()).entities()).hasSize(2);
  }
}
