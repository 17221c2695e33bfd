package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.Severity;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.report.Reports;
import org.junit.jupiter.api.Test;

/**
 * A real entity model, shaped like Spring PetClinic's (its own PostgreSQL schema as V1): what the application
 * validates before saving is a warning, a join table mapped by {@code @JoinTable} is compared like any mapping, and
 * what cannot load stays an error.
 */
@MigrationTest(locations = "classpath:db/petclinic", target = "1")
class RealEntityModelTests {

  private static final EntityMappings PETCLINIC = EntityReader.defaults()
      .readPackages("dev.schemakit.entity.fixtures.petclinic");

  @Test
  void onlyThePermissiveTypeIsAWarningAndThePrimitiveOnANullableColumnAnError(MigratedDatabase database) {
    DiffResult drift = database.entityDrift(PETCLINIC, null);

    assertThat(drift.findings()).as(Reports.text(drift))
        .extracting(Finding::severity, Finding::code, Finding::path).containsExactlyInAnyOrder(
            // public.pets.type_id, a join the entity lets be null on a NOT NULL column: summed up in one warning
            tuple(Severity.WARNING, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "entities"),
            tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "public.visits.minutes"));
    assertThat(drift.subjects()).contains("public.vet_specialties", "public.owner_nicknames");
  }

  @Test
  void aJoinColumnMissingFromTheJoinTableIsFound(MigratedDatabase database) {
    database.migrateTo("2");

    DiffResult drift = database.entityDrift(PETCLINIC, null);

    assertThat(drift.findings()).filteredOn(f -> f.subject().equals("public.vet_specialties"))
        .as(Reports.text(drift)).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
            tuple(FindingCode.ENTITY_COLUMN_MISSING, "public.vet_specialties.specialty_id"),
            tuple(FindingCode.ENTITY_FOREIGN_KEY_MISSING, "public.vet_specialties.specialty_id"),
            tuple(FindingCode.ENTITY_COLUMN_UNMAPPED, "public.vet_specialties.speciality_id"));
    assertThat(drift.findings()).filteredOn(f -> f.code() == FindingCode.ENTITY_COLUMN_MISSING).singleElement()
        .extracting(Finding::message).asString().isEqualTo("entity Vet.specialties maps field specialties to column"
            + " public.vet_specialties.specialty_id (did you mean speciality_id?); no migration creates it");
  }
}
