package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.Severity;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.entity.NamingStrategy;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.model.Catalog;
import dev.schemakit.report.Reports;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entities, contracts and a migrated database compared three ways, on a real PostgreSQL. */
@MigrationTest(locations = "classpath:db/entities", schemas = {"public", "audit"})
class EntityDriftTests {

  private static final EntityMappings AGREEING = EntityReader.defaults()
      .readPackages("dev.schemakit.entity.fixtures.agree");
  private static final EntityMappings DRIFTING = EntityReader.defaults()
      .readPackages("dev.schemakit.entity.fixtures.drift");

  @Test
  void entitiesThatAgreeWithMigrationsAndContractGiveNoFinding(MigratedDatabase database) {
    Catalog contract = ContractReader.readDirectory(Path.of("src/test/resources/contracts/entities"));

    DiffResult drift = database.entityDrift(AGREEING, contract);

    assertThat(drift.findings()).as(Reports.text(drift)).isEmpty();
    assertThat(drift.subjects()).contains("public.guilds", "public.guild_members", "public.guild_permissions",
        "public.users", "audit.guild_events");
  }

  @Test
  void javaxEntitiesWithPlainJpaNamingAreComparedToo(MigratedDatabase database) {
    EntityMappings legacy = EntityReader.defaults().withNaming(NamingStrategy.LOGICAL)
        .readPackages("dev.schemakit.entity.fixtures.legacy");

    DiffResult drift = database.entityDrift(legacy, null);

    assertThat(drift.errors()).as(Reports.text(drift)).isEmpty();
    assertThat(drift.warnings()).extracting(Finding::code).containsOnly(FindingCode.ENTITY_TABLE_UNMAPPED);
  }

  @Test
  void anEntityWhoseTableNoMigrationCreatesIsReportedWithItsClass(MigratedDatabase database) {
    DiffResult drift = database.entityDrift(DRIFTING, null);

    assertThat(drift.findings()).filteredOn(f -> f.code() == FindingCode.ENTITY_TABLE_MISSING)
        .extracting(Finding::message)
        .containsExactly("entity Raid (dev.schemakit.entity.fixtures.drift.Raid) maps table public.raid; "
            + "no migration creates it");
    assertThat(drift.passed()).isFalse();
  }

  @Test
  void everyMappingThatDisagreesWithTheMigrationsIsReported(MigratedDatabase database) {
    DiffResult drift = database.entityDrift(DRIFTING, null);

    assertThat(drift.findings()).as(Reports.text(drift)).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
        tuple(FindingCode.ENTITY_TABLE_MISSING, "public.raid"),
        tuple(FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.guilds.name"),
        tuple(FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.guilds.bank_gold"),
        tuple(FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "public.guilds.bank_gold"),
        tuple(FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "entities"), // public.guilds.realm, summed up
        tuple(FindingCode.ENTITY_COLUMN_MISSING, "public.guilds.gm_id"),
        tuple(FindingCode.ENTITY_FOREIGN_KEY_MISSING, "public.guilds.gm_id"),
        tuple(FindingCode.ENTITY_INDEX_MISSING, "public.guilds.ix_guilds_gm"),
        tuple(FindingCode.ENTITY_COLUMN_UNMAPPED, "public.guilds.status"),
        tuple(FindingCode.ENTITY_COLUMN_UNMAPPED, "public.guilds.tier"),
        tuple(FindingCode.ENTITY_COLUMN_UNMAPPED, "public.guilds.version"),
        tuple(FindingCode.ENTITY_ID_GENERATION_MISMATCH, "public.drift_guild_seq"),
        tuple(FindingCode.ENTITY_SOFT_DELETE_MISMATCH, "public.guilds.deleted_on"),
        tuple(FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.guild_members.last_sync"),
        tuple(FindingCode.ENTITY_FOREIGN_KEY_ACTION_MISMATCH, "public.guild_members.guild_id"),
        tuple(FindingCode.ENTITY_FOREIGN_KEY_MISSING, "public.guild_members.bnet_id"),
        tuple(FindingCode.ENTITY_UNIQUE_MISSING, "public.guild_members.rank_name"),
        tuple(FindingCode.ENTITY_ID_GENERATION_MISMATCH, "public.permission_seq"),
        tuple(FindingCode.ENTITY_PRIMARY_KEY_MISMATCH, "public.users.primary_key"),
        tuple(FindingCode.ENTITY_COLUMN_UNMAPPED, "public.users.bnet_id"));
    assertThat(messageOf(drift, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.guilds.name")).isEqualTo(
        "entity DriftGuild maps field name (String, length 200) to column public.guilds.name, which needs room for 200 "
            + "characters; migrations have varchar(100)");
    assertThat(messageOf(drift, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "public.guilds.bank_gold")).isEqualTo(
        "entity DriftGuild maps column public.guilds.bank_gold to primitive field bankGold (double), which cannot "
            + "hold NULL; migrations let it be NULL: loading a row with NULL fails");
    assertThat(messageOf(drift, FindingCode.ENTITY_FOREIGN_KEY_MISSING, "public.guild_members.bnet_id")).isEqualTo(
        "entity DriftMember joins wrongTarget by public.guild_members(bnet_id) to public.guilds(id); the foreign "
            + "key on it references public.users(bnet_id)");
    assertThat(messageOf(drift, FindingCode.ENTITY_ID_GENERATION_MISMATCH, "public.drift_guild_seq")).endsWith(
        "no migration creates it; the column is identity/serial, so strategy = IDENTITY is probably meant");
    assertThat(messageOf(drift, FindingCode.ENTITY_SOFT_DELETE_MISMATCH, "public.guilds.deleted_on")).isEqualTo(
        "entity DriftGuild soft-deletes by setting public.guilds.deleted_on (@SQLDelete) (did you mean deleted_at?); "
            + "no migration creates it: every delete fails");
  }

  @Test
  void eachFindingSaysWhichOfTheThreeSidesDisagrees(MigratedDatabase database) {
    Catalog contract = ContractReader.read(Map.of("guilds.yaml", """
        schema: public
        tables:
          guilds:
            columns:
              name: { type: varchar(100), nullable: false }
              realm: {}
              deleted_at: {}
            indexes:
              - { name: ix_guilds_tag, columns: [name, realm] }
            soft_delete: deleted_at
        """));

    DiffResult drift = database.entityDrift(DRIFTING, contract);

    assertThat(messageOf(drift, FindingCode.ENTITY_TABLE_MISSING, "public.raid")).isEqualTo(
        "entity Raid (dev.schemakit.entity.fixtures.drift.Raid) maps table public.raid; no migration creates it "
            + "and the contract does not list it");
    assertThat(messageOf(drift, FindingCode.ENTITY_TABLE_MISSING, "public.guild_members")).isEqualTo(
        "entity DriftMember (dev.schemakit.entity.fixtures.drift.DriftMember) maps table public.guild_members; "
            + "the contract does not list it");
    Finding name = finding(drift, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.guilds.name");
    assertThat(name.message()).isEqualTo("entity DriftGuild maps field name (String, length 200) to column "
        + "public.guilds.name, which needs room for 200 characters; migrations have varchar(100) and the contract says "
        + "varchar(100)");
    assertThat(name.actual()).isEqualTo("migrations: varchar(100); contract: varchar(100)");
    assertThat(name.origin()).hasToString("guilds.yaml:5:13");
    assertThat(messageOf(drift, FindingCode.INDEX_MISSING, "public.guilds.ix_guilds_tag")).isEqualTo(
        "contract vs migrations: index ix_guilds_tag [name, realm] does not exist on public.guilds; the entities do "
            + "not declare it either");
    assertThat(messageOf(drift, FindingCode.ENTITY_SOFT_DELETE_MISMATCH, "public.guilds.soft_delete")).isEqualTo(
        "entity DriftGuild soft-deletes public.guilds by setting deleted_on (@SQLDelete); the contract declares "
            + "soft_delete by deleted_at");
  }

  @Test
  void tablesNoEntityMapsAreWarnings(MigratedDatabase database) {
    EntityMappings usersOnly = new EntityMappings(AGREEING.entities().stream()
        .filter(e -> e.table().equals("users")).toList());

    DiffResult drift = database.entityDrift(usersOnly, null);

    assertThat(drift.passed()).isTrue();
    assertThat(drift.warnings()).extracting(Finding::path)
        .containsExactlyInAnyOrder("public.guilds", "public.guild_members", "public.guild_permissions");
    assertThat(messageOf(drift, FindingCode.ENTITY_TABLE_UNMAPPED, "public.guilds"))
        .isEqualTo("migrations create table public.guilds; no entity maps it (a join table, or one to drop?)");
  }

  private static Finding finding(DiffResult result, FindingCode code, String path) {
    return result.findings().stream().filter(f -> f.code() == code && f.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + code + " at " + path + " in:\n" + Reports.text(result)));
  }

  private static String messageOf(DiffResult result, FindingCode code, String path) {
    return finding(result, code, path).message();
  }

  @Test
  void aFieldMorePermissiveThanItsColumnIsAWarningUnlessStrictAndAPrimitiveOnANullableColumnStaysAnError(
      MigratedDatabase database) {
    DiffResult drift = database.entityDrift(DRIFTING, null);
    DiffResult strict = EntityDrift.compare(DRIFTING, null, database.snapshot(), ExpressionNormalizer.textual(), true);

    // realm: a String the entity lets be null on a NOT NULL column; the database still refuses the NULL. Such
    // fields are summed up in one warning (a real model has them by the hundred), listed one by one under strict
    Finding summary = finding(drift, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "entities");
    assertThat(summary.severity()).isEqualTo(Severity.WARNING);
    assertThat(summary.message()).contains("field(s) the entities let be null map NOT NULL columns: ")
        .contains("public.guilds.realm").contains("the strict setting (strictNullability) lists each as an error");
    assertThat(drift.findings()).extracting(Finding::path).doesNotContain("public.guilds.realm");
    assertThat(finding(strict, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "public.guilds.realm").severity())
        .isEqualTo(Severity.ERROR);
    // bank_gold: a double on a nullable column cannot load a NULL, strict or not
    assertThat(finding(drift, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "public.guilds.bank_gold").severity())
        .isEqualTo(Severity.ERROR);
  }
}
