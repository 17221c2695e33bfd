package dev.schemakit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ArchUnit rules on fixture classes that break them and on classes that keep them. */
class SchemaRulesTests {

  private static final JavaClasses RULE_BREAKERS = new ClassFileImporter()
      .importPackages("dev.schemakit.entity.fixtures.rules");
  private static final JavaClasses AGREEING = new ClassFileImporter()
      .importPackages("dev.schemakit.entity.fixtures.agree");
  private static final Path CONTRACTS = Path.of("src/test/resources/contracts/entities");

  @Test
  void schemaAutoGenerationInCodeIsFoundButValidateIsAllowed() {
    List<String> details = violations(SchemaRules.NO_SCHEMA_AUTO_GENERATION, RULE_BREAKERS);

    assertThat(details).hasSize(2);
    assertThat(details).anySatisfy(d -> assertThat(d).isEqualTo("Class <dev.schemakit.entity.fixtures.rules."
        + "AutoDdlConfiguration> sets [hibernate.hbm2ddl.auto] and contains [\"update\"]: use \"validate\" or "
        + "\"none\" and let Flyway create the schema"));
    assertThat(details).anySatisfy(d -> assertThat(d)
        .contains("SchemaExporter.export()").contains("Persistence.generateSchema")
        .endsWith(": generates the schema from the entities"));
    assertThat(details).noneSatisfy(d -> assertThat(d).contains("ValidatingConfiguration"));
  }

  @Test
  void flywayCleanInProductionCodeIsFound() {
    List<String> details = violations(SchemaRules.NO_FLYWAY_CLEAN, RULE_BREAKERS);

    assertThat(details).singleElement().asString()
        .contains("DatabaseReset.reset(org.flywaydb.core.Flyway)").contains("calls method <org.flywaydb.core.Flyway.clean()>");
  }

  @Test
  void softDeletingEntitiesMustFilterByTheColumnTheySet() {
    List<String> details = violations(SchemaRules.SOFT_DELETED_ENTITIES_FILTER_DELETED_ROWS, RULE_BREAKERS);

    assertThat(details).containsExactlyInAnyOrder(
        "Entity <dev.schemakit.entity.fixtures.rules.UnfilteredGuild> soft-deletes by setting deleted_at "
            + "(@SQLDelete) but does not filter deleted rows: add @SQLRestriction(\"deleted_at IS NULL\") (or the "
            + "flag's live value)",
        "Entity <dev.schemakit.entity.fixtures.rules.WronglyFilteredGuild> soft-deletes by setting is_deleted but "
            + "its filter \"archived = false\" does not mention is_deleted");
    assertThat(violations(SchemaRules.SOFT_DELETED_ENTITIES_FILTER_DELETED_ROWS, AGREEING)).isEmpty();
  }

  @Test
  void everyEntityTableNeedsAContract() {
    assertThat(violations(SchemaRules.entityTablesHaveContracts(CONTRACTS), AGREEING)).isEmpty();

    List<String> details = violations(SchemaRules.entityTablesHaveContracts(CONTRACTS), RULE_BREAKERS);
    assertThat(details).contains("Entity <dev.schemakit.entity.fixtures.rules.UnfilteredGuild> maps table "
        + "public.unfiltered_guild, which no contract in " + CONTRACTS + " lists: run `schemakit record` or add the "
        + "table to a contract");
  }

  @Test
  void aMissingContractDirectoryIsNamed() {
    List<String> details = violations(SchemaRules.entityTablesHaveContracts(Path.of("no/such/dir")), AGREEING);

    assertThat(details).hasSize(5).allSatisfy(d -> assertThat(d).endsWith(", but no contract directory: no/such/dir "
        + "is not a directory"));
  }

  @Test
  void allRulesTogetherPassOnAgreeingEntities() {
    System.setProperty("schemakit.contracts", CONTRACTS.toString());
    try {
      assertThat(violations(SchemaRules.ALL, AGREEING)).isEmpty();
      assertThat(violations(SchemaRules.ALL, RULE_BREAKERS)).hasSizeGreaterThanOrEqualTo(5);
    } finally {
      System.clearProperty("schemakit.contracts");
    }
  }

  private static List<String> violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    return result.getFailureReport().getDetails();
  }
}
