package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.Severity;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityReader;
import org.junit.jupiter.api.Test;

/**
 * What Cryptomator Hub's model showed (five false errors out of five): an entity on a view is mapped, not missing,
 * and a join to a JOINED subclass is backed by a foreign key to the subclass's table (Hibernate's) or to the
 * hierarchy's root table; compared with a real migrated database, clean and then with two mistakes
 * (and the table the second one points at, which no entity maps).
 */
class EntityViewTests {

  static DiffResult drift(MigratedDatabase database) {
    return EntityDrift.compare(EntityReader.defaults().readPackages("dev.schemakit.entity.fixtures.views"),
        database.snapshot());
  }

  @Test
  void aViewAndAJoinToAJoinedSubclassAreClean() {
    MigrationTestExtensionTests.run(CleanTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Test
  void aViewWithoutAMappedColumnAndAKeyOutsideTheHierarchyAreNamed() {
    MigrationTestExtensionTests.run(MistakesTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @MigrationTest(locations = "classpath:db/entity-views", target = "1")
  static class CleanTestCases {

    @Test
    void asHibernateWritesIt(MigratedDatabase database) {
      assertThat(drift(database).findings()).isEmpty();
    }

    @Test
    void theKeyToTheRootTable(MigratedDatabase database) {
      database.migrateTo("2");
      assertThat(drift(database).findings()).isEmpty();
    }
  }

  @MigrationTest(locations = "classpath:db/entity-views", target = "3")
  static class MistakesTestCases {

    @Test
    void bothNamed(MigratedDatabase database) {
      assertThat(drift(database).findings()).extracting(Finding::severity, Finding::code, Finding::message)
          .containsExactly(
              tuple(Severity.ERROR, FindingCode.ENTITY_COLUMN_MISSING,
                  "entity PartyDirectory maps field email to column public.party_directory.email of view"
                      + " public.party_directory (columns: id, name); the view the migrations create has no such"
                      + " column"),
              tuple(Severity.ERROR, FindingCode.ENTITY_FOREIGN_KEY_MISSING,
                  "entity Ticket joins holder by public.ticket(holder_id) to public.person(id); the foreign key on"
                      + " it references public.desk(id)"),
              tuple(Severity.WARNING, FindingCode.ENTITY_TABLE_UNMAPPED,
                  "migrations create table public.desk; no entity maps it (a join table, or one to drop?)"));
    }
  }
}
