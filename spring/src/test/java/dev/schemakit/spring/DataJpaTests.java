package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.spring.app.Account;
import dev.schemakit.spring.app.AccountRepository;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@code @DataJpaTest} at the latest version: repositories work against the class's own database, which
 * neither {@code @AutoConfigureTestDatabase} replaced nor Spring's Flyway migrated a second time.
 */
@DataJpaTest
@MigrationTest
class DataJpaTests {

  /** Counts every migration a Flyway in the context would run: the context must have none to run. */
  static final AtomicInteger MIGRATIONS_SEEN = new AtomicInteger();

  @TestConfiguration
  static class CountingCallback {
    @Bean
    Callback countingCallback() {
      return new Callback() {
        @Override
        public boolean supports(Event event, Context context) {
          return event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
          return true;
        }

        @Override
        public void handle(Event event, Context context) {
          MIGRATIONS_SEEN.incrementAndGet();
        }

        @Override
        public String getCallbackName() {
          return "counting";
        }
      };
    }
  }

  @Autowired
  AccountRepository accounts;

  @Autowired
  DataSource dataSource;

  @Autowired
  ApplicationContext context;

  @Test
  void repositoriesWorkAgainstTheClassesOwnDatabase(MigratedDatabase db) throws Exception {
    accounts.save(new Account("ada@example.com"));

    assertThat(accounts.findByEmail("ada@example.com")).isPresent();
    try (Connection connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getURL()).isEqualTo(db.jdbcUrl());
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    assertThat(db.version()).isEqualTo("3");
  }

  @Test
  void springsFlywayDidNotMigrateASecondTime(MigratedDatabase db) {
    assertThat(context.getBeanProvider(Flyway.class).getIfAvailable()).isNull();
    assertThat(MIGRATIONS_SEEN).hasValue(0);
    assertThat(db.query("select version, count(*) as n from flyway_schema_history group by version order by version"))
        .extracting(row -> row.get("version") + "x" + row.get("n"))
        .containsExactly("1x1", "2x1", "3x1");
  }

  @Test
  void thePlaceholdersOfApplicationYmlWereUsed(MigratedDatabase db) {
    assertThat(db.queryForValue("select obj_description('accounts'::regclass, 'pg_class')"))
        .isEqualTo("owned by accounts-team");
  }
}
