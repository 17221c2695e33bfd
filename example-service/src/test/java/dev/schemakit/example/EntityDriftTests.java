package dev.schemakit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.report.Reports;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Entities, contracts and migrations describe one schema: any disagreement between two of them fails. */
@MigrationTest
class EntityDriftTests {

  @Test
  void entitiesContractsAndMigrationsAgree(MigratedDatabase db) {
    DiffResult drift = db.entityDrift(EntityReader.defaults().readPackages("dev.schemakit.example.guilds"),
        ContractReader.readDirectory(Path.of("contracts")));

    assertThat(drift.findings()).as(Reports.text(drift)).isEmpty();
    assertThat(drift.subjects()).contains("public.guilds", "public.guild_members", "public.guild_permissions",
        "public.users");
  }
}
