package dev.schemakit.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.Isolation;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MigrationTest(target = "3", isolation = Isolation.PER_METHOD, seed = "classpath:seed/members.sql")
class MembersTests {

  @BeforeAll
  static void oneMoreMember(MigratedDatabase db) {    // the class's database: the seed's rows are there already
    db.execute("insert into members (name) values ('linus')");
  }

  @Test
  void backfillsUserIds(MigratedDatabase db) {        // a copy of its own: the seed's 3 members and linus
    db.migrateTo("4");
    assertThat(db.queryForValue("select count(*) from users")).isEqualTo(3L);
  }

  @Test
  void deletesOnlyInItsOwnCopy(MigratedDatabase db) {
    assertThat(db.queryForValue("select count(*) from members")).isEqualTo(4L);
    db.execute("delete from members");                 // the other method still finds all four
  }
}
