package dev.schemakit.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;

@MigrationTest(changelog = "classpath:db/changelog/library.yaml", target = "v1", contexts = "test")
class LibraryChangelogTests {

  @Test
  void loansComeAfterTheTag(MigratedDatabase db) {
    assertThat(db.snapshot().schemas().get(0).tables()).extracting(t -> t.name()).containsExactly("books");

    db.migrateTo("latest");  // the loans changeset, then the books of the test context

    assertThat(db.queryForValue("select title from books where id = 1")).isEqualTo("Dune");
  }
}
