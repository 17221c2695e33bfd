package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityReader;
import org.junit.jupiter.api.Test;

/** A column of a domain holds the domain's base type: Long fields on a domain over bigint agree with it. */
@MigrationTest(locations = "classpath:db/entity-domains")
class EntityDomainTests {

  @Test
  void fieldsOnColumnsOfADomainAreComparedWithItsBaseType(MigratedDatabase database) {
    assertThat(database.queryForValue("select format_type(atttypid, atttypmod) from pg_attribute"
        + " where attrelid = 'ledger'::regclass and attname = 'consensus_start'")).isEqualTo("positive_nanos");

    DiffResult drift = EntityDrift.compare(EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.domain"),
        database.snapshot());

    assertThat(drift.findings()).isEmpty();
    assertThat(drift.subjects()).contains("public.ledger");
  }
}
