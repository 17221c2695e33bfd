package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.Severity;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityReader;
import org.junit.jupiter.api.Test;

/**
 * What real schemas of large services do on purpose, read as Hibernate reads it: a column of a domain holds the
 * domain's base type; an {@code @Id} without a primary key is kept by a unique index, or is a warning when nothing
 * keeps it; a join without a foreign key is a warning. Under the strict setting the warnings are errors.
 */
@MigrationTest(locations = "classpath:db/entity-domains")
class EntityDomainTests {

  @Test
  void fieldsOnColumnsOfADomainAreComparedWithItsBaseType(MigratedDatabase database) {
    assertThat(database.queryForValue("select format_type(atttypid, atttypmod) from pg_attribute"
        + " where attrelid = 'ledger'::regclass and attname = 'consensus_start'")).isEqualTo("positive_nanos");

    DiffResult drift = EntityDrift.compare(EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.domain"),
        database.snapshot());

    assertThat(drift.findings()).filteredOn(f -> f.path().startsWith("public.ledger.")).isEmpty();
    assertThat(drift.subjects()).contains("public.ledger");
  }

  @Test
  void aBasicListAndAJsonListAreColumnsOfTheEntitysOwnTable(MigratedDatabase database) {
    DiffResult drift = EntityDrift.compare(EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.domain"),
        database.snapshot());

    // not ENTITY_COLUMN_UNMAPPED ("NOT NULL without a default and entity ... does not map it")
    assertThat(drift.findings()).filteredOn(f -> f.path().startsWith("public.contract_transaction")).isEmpty();
    assertThat(drift.subjects()).contains("public.contract_transaction");
  }

  @Test
  void anIdWithoutPrimaryKeyIsCleanUnderAUniqueIndexAndAWarningWithoutAndSoIsAJoinWithoutForeignKey(
      MigratedDatabase database) {
    var entities = EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.domain");

    DiffResult drift = EntityDrift.compare(entities, null, database.snapshot(), ExpressionNormalizer.textual());
    DiffResult strict = EntityDrift.compare(entities, null, database.snapshot(), ExpressionNormalizer.textual(),
        true);

    assertThat(drift.findings()).extracting(Finding::code, Finding::severity, Finding::path).containsExactlyInAnyOrder(
        tuple(FindingCode.ENTITY_FOREIGN_KEY_MISSING, Severity.WARNING, "public.ledger_entry.ledger_id"),
        tuple(FindingCode.ENTITY_PRIMARY_KEY_MISMATCH, Severity.WARNING, "public.transaction_hash.primary_key"));
    assertThat(drift.findings()).filteredOn(f -> f.code() == FindingCode.ENTITY_PRIMARY_KEY_MISMATCH).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("entity TransactionHash maps @Id to (hash) and nothing keeps"
            + " it unique (two rows with one id load as one entity); migrations have no primary key on"
            + " public.transaction_hash and no unique index on those columns"));
    assertThat(strict.findings()).extracting(Finding::severity).containsOnly(Severity.ERROR).hasSize(2);
  }
}
