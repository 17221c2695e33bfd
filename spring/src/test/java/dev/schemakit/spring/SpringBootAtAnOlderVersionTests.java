package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.spring.app.AccountRepository;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole application at version 2: rows seeded before the data migration, then {@code migrateTo("3")}. */
@SpringBootTest
@MigrationTest(target = "2")
class SpringBootAtAnOlderVersionTests {

  @Test
  void theBackfillFillsEveryNickname(MigratedDatabase db, @Autowired AccountRepository accounts) {
    db.execute("insert into accounts (email) values ('ada@example.com'), ('grace@example.org')");
    assertThat(accounts.findByEmail("ada@example.com")).get().extracting("nickname").isNull();

    db.migrateTo("3");

    assertThat(accounts.findAll()).extracting("nickname").containsExactlyInAnyOrder("ada", "grace");
  }
}
