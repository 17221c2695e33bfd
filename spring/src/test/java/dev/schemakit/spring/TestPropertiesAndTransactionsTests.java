package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.spring.app.Account;
import dev.schemakit.spring.app.AccountRepository;
import dev.schemakit.testkit.Isolation;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a user moving from zonky meets: {@code spring.flyway.*} set for one test class is that class's configuration,
 * and a data migration inside the test's own transaction is a message, not a wait.
 */
class TestPropertiesAndTransactionsTests {

  @Nested
  @JdbcTest
  @MigrationTest
  @TestPropertySource(properties = "spring.flyway.target=1")
  class FlywayTargetInTestPropertySource {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givesThatVersion(MigratedDatabase db) {
      assertThat(db.version()).isEqualTo("1");
      assertThat(ContextPerVersionTests.columns(jdbc)).containsExactly("id", "email");
    }
  }

  @Test
  void aMisspeltLocationInTheTestsPropertiesFailsTheClassNamingIt() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(MisspeltLocationTestCases.class)).execute()
        .containerEvents().assertThatEvents().haveExactly(1, event(container(MisspeltLocationTestCases.class),
            finishedWithFailure(message(text -> text.startsWith("@MigrationTest on ["
                + MisspeltLocationTestCases.class.getName() + "]: Reading migrations from classpath:db/acounts")))));
  }

  @JdbcTest(properties = "spring.flyway.locations=classpath:db/acounts")
  @MigrationTest
  static class MisspeltLocationTestCases {

    @Test
    void neverRuns() {
    }
  }

  @Nested
  @JdbcTest
  @MigrationTest
  class WithBootsFlyway {

    @Test
    void theEmbeddedServerIsTheNewestMajorThatFlywaySupports(MigratedDatabase db) {
      // Boot 3.5 brings Flyway 11.7, which supports PostgreSQL up to 17 and warns on every run about 18
      assertThat(dev.schemakit.flyway.FlywaySupport.version()).startsWith("11.7.");
      assertThat(db.queryForValue("select current_setting('server_version_num')::int / 10000")).isEqualTo(17);
    }
  }

  @Nested
  @DataJpaTest
  @MigrationTest(target = "2", isolation = Isolation.PER_METHOD)
  class DataMigrationInsideTheTestTransaction {

    @Autowired
    AccountRepository accounts;

    @Test
    void isAMessageInsteadOfAWait(MigratedDatabase db) {
      accounts.saveAndFlush(new Account("ada@example.org"));
      assertThatThrownBy(() -> db.migrateTo("3")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("would wait for an open transaction on the same database")
          .hasMessageContaining("holding locks on accounts")
          .hasMessageContaining("@Transactional(propagation = Propagation.NOT_SUPPORTED)");
      assertThat(db.version()).isEqualTo("2");
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void runsOutsideIt(MigratedDatabase db) {
      accounts.save(new Account("grace@example.org"));
      db.migrateTo("3");
      assertThat(accounts.findByEmail("grace@example.org")).get().extracting(Account::getNickname).isEqualTo("grace");
    }
  }
}
