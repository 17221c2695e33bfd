package dev.schemakit.it.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.it.boot4.app.Account;
import dev.schemakit.it.boot4.app.AccountRepository;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** schemakit-spring under Spring Boot 4, JUnit 6 and Boot's own Flyway. */
class Boot4Tests {

  @DataJpaTest
  @MigrationTest
  @Nested
  class DataJpaAtTheLatestVersion {
    @Autowired
    AccountRepository accounts;

    @Autowired
    ApplicationContext context;

    @Test
    void repositoriesWorkAgainstTheClassesDatabase(MigratedDatabase db) {
      db.execute("insert into accounts (email) values ('grace@example.org')"); // committed, outside the test's transaction
      accounts.save(new Account("ada@example.com"));
      assertThat(accounts.findAll()).extracting(Account::getEmail)
          .containsExactlyInAnyOrder("ada@example.com", "grace@example.org");
    }

    @Test
    void springsFlywayDidNotRun(MigratedDatabase db) {
      assertThat(context.getBeanProvider(Flyway.class).getIfAvailable()).isNull();
      assertThat(db.queryForValue("select count(*) from flyway_schema_history")).isEqualTo(3L);
      assertThat(db.queryForValue("select obj_description('accounts'::regclass, 'pg_class')"))
          .isEqualTo("owned by accounts-team");
    }
  }

  @SpringBootTest
  @MigrationTest(target = "2")
  @Nested
  class WholeApplicationAtVersionTwo {
    @Test
    void theBackfillFillsEveryNickname(MigratedDatabase db, @Autowired AccountRepository accounts) {
      db.execute("insert into accounts (email) values ('ada@example.com'), ('grace@example.org')");
      db.migrateTo("3");
      assertThat(accounts.findAll()).extracting(Account::getNickname).containsExactlyInAnyOrder("ada", "grace");
    }
  }

  @DataJpaTest
  @MigrationTest(target = "1")
  @Nested
  class DataJpaAtVersionOne {
    @Test
    void seesTheTableWithoutNickname(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from information_schema.columns where table_name = 'accounts'"))
          .isEqualTo(2L);
    }
  }
}
