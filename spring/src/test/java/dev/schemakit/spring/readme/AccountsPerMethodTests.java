package dev.schemakit.spring.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.spring.app.Account;
import dev.schemakit.spring.app.AccountRepository;
import dev.schemakit.testkit.Isolation;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@MigrationTest(isolation = Isolation.PER_METHOD)
class AccountsPerMethodTests {

  @Autowired
  AccountRepository accounts;

  @Test
  void savesAda() {
    accounts.save(new Account("ada@example.com"));
    assertThat(accounts.findAll()).extracting(Account::getEmail).containsExactly("ada@example.com");
  }

  @Test
  void savesGrace() {                                  // committed, yet no method sees another's rows
    accounts.save(new Account("grace@example.org"));
    assertThat(accounts.findAll()).extracting(Account::getEmail).containsExactly("grace@example.org");
  }
}
