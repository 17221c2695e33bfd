package dev.schemakit.bookshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;

/** The bookshop at its tag 1.0 with the demo rows, then moved along to the changesets after it. */
@MigrationTest(changelog = "classpath:db/changelog/db.changelog-master.yaml", target = "1.0", contexts = "demo")
class ReleaseOneTests {

  @Test
  void theDemoAuthorsAreThereAndBooksComeAfterTheTag(MigratedDatabase db) {
    assertThat(db.queryForValue("select count(*) from authors")).isEqualTo(2L);
    assertThat(db.snapshot().schemas().get(0).tables()).extracting(t -> t.name()).containsExactly("authors");

    db.migrateTo("latest");
    db.execute("insert into books (author_id, title, isbn) values (1, 'The Dispossessed', '978-0-06-051275-0')");

    assertThat(db.queryForValue("select count(*) from books where author_id = 1")).isEqualTo(1L);
  }
}
