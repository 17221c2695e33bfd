package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityReader;
import org.junit.jupiter.api.Test;

/**
 * Arrays of basic types in array columns, as Hibernate 6 maps them ({@code long[]} and {@code Integer[]} in
 * {@code bigint[]} and {@code integer[]}), and a {@code @Formula} field, which is no column: compared with a real
 * migrated database.
 */
class EntityArrayTests {

  static DiffResult drift(MigratedDatabase database) {
    return EntityDrift.compare(EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.hibernate"),
        database.snapshot());
  }

  @Test
  void arraysInArrayColumnsAndAFormulaAreClean() {
    MigrationTestExtensionTests.run(CleanTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void anArrayColumnOfAnotherTypeIsNamed() {
    MigrationTestExtensionTests.run(ChangedTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @MigrationTest(locations = "classpath:db/entity-arrays", target = "1")
  static class CleanTestCases {

    @Test
    void clean(MigratedDatabase database) {
      assertThat(drift(database).findings()).isEmpty();
    }
  }

  @MigrationTest(locations = "classpath:db/entity-arrays", target = "2")
  static class ChangedTestCases {

    @Test
    void theLongArrayIsNamed(MigratedDatabase database) {
      assertThat(drift(database).findings()).extracting(Finding::code, Finding::path).containsExactly(
          tuple(FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, "public.shelves.positions"));
    }
  }
}
