package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.schemakit.spring.app.Account;
import dev.schemakit.spring.app.AccountRepository;
import dev.schemakit.testkit.Isolation;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classes with one Spring configuration share one application context, started once, while each class (and, under
 * {@code PER_METHOD}, each method) sees only its own database: through a JPA repository on the test's thread, and
 * through an HTTP request the web server serves on its own thread.
 */
class SharedContextTests {

  /** Context identity, database and what each fixture saw, by fixture. */
  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  @BeforeEach
  void forget() {
    SEEN.clear();
    ContextStarts.STARTS.set(0);
  }

  /** Counts the contexts started with it: a bean of every fixture's context. */
  @Component
  static class ContextStarts {
    static final AtomicInteger STARTS = new AtomicInteger();

    ContextStarts() {
      STARTS.incrementAndGet();
    }
  }

  private static void run(Class<?>... fixtures) {
    var request = EngineTestKit.engine("junit-jupiter");
    for (Class<?> fixture : fixtures) {
      request.selectors(selectClass(fixture));
    }
    request.execute().testEvents().assertStatistics(stats -> stats.failed(0).succeeded(fixtures.length * 2L));
  }

  @Test
  void twoClassesWithOneConfigurationStartOneContextAndSeeOnlyTheirOwnRows() {
    run(FirstWebTestCases.class, SecondWebTestCases.class);
    assertThat(ContextStarts.STARTS).hasValue(1);
    assertThat(SEEN.get("context:first")).isEqualTo(SEEN.get("context:second"));
    assertThat(SEEN.get("database:first")).isNotEqualTo(SEEN.get("database:second"));
  }

  @Test
  void underPerMethodEveryMethodHasItsOwnDatabaseInTheSharedContext() {
    run(PerMethodTestCases.class);
    assertThat(ContextStarts.STARTS).hasValue(1);
    assertThat(Set.of(SEEN.get("database:one"), SEEN.get("database:two"), SEEN.get("class"))).hasSize(3);
  }

  @Test
  void aTransactionalTestIsRolledBackOnTheSharedContextsDatabase() {
    run(TransactionalTestCases.class);
  }

  // ---- fixtures: one Spring configuration, run by the engine above

  /** What the fixtures have in common: the whole application on a random port. */
  abstract static class WebFixture {

    @Autowired
    AccountRepository accounts;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ApplicationContext context;

    void savesAndSeesOnlyItsOwn(String name, MigratedDatabase db) {
      SEEN.put("context:" + name, System.identityHashCode(context));
      SEEN.put("database:" + name, db.name());
      accounts.save(new Account(name + "@example.org"));
      assertThat(accounts.findAll()).extracting(Account::getEmail).containsExactly(name + "@example.org");
    }

    void theServerSeesOnlyItsOwn(String name) {
      assertThat(http.getForObject("/accounts", List.class)).isEqualTo(List.of(name + "@example.org"));
    }
  }

  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @Import(ContextStarts.class)
  @MigrationTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class FirstWebTestCases extends WebFixture {

    @Test
    @Order(1)
    void repository(MigratedDatabase db) {
      savesAndSeesOnlyItsOwn("first", db);
    }

    @Test
    @Order(2)
    void overHttp() {
      theServerSeesOnlyItsOwn("first");
    }
  }

  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @Import(ContextStarts.class)
  @MigrationTest
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SecondWebTestCases extends WebFixture {

    @Test
    @Order(1)
    void repository(MigratedDatabase db) {
      savesAndSeesOnlyItsOwn("second", db);
    }

    @Test
    @Order(2)
    void overHttp() {
      theServerSeesOnlyItsOwn("second");
    }
  }

  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @Import(ContextStarts.class)
  @MigrationTest(isolation = Isolation.PER_METHOD)
  static class PerMethodTestCases extends WebFixture {

    @org.junit.jupiter.api.BeforeAll
    static void classDatabase(MigratedDatabase db) {
      SEEN.put("class", db.name());
    }

    @Test
    void one(MigratedDatabase db) {
      savesAndSeesOnlyItsOwn("one", db);
      theServerSeesOnlyItsOwn("one");
    }

    @Test
    void two(MigratedDatabase db) {
      savesAndSeesOnlyItsOwn("two", db);
      theServerSeesOnlyItsOwn("two");
    }
  }

  @SpringBootTest
  @MigrationTest
  @Transactional
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class TransactionalTestCases {

    @Autowired
    AccountRepository accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void savesInTheTestTransaction(MigratedDatabase db) {
      accounts.saveAndFlush(new Account("rolled-back@example.org"));
      assertThat(jdbc.queryForObject("select count(*) from accounts", Long.class)).isEqualTo(1L);
      assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo(db.name());
    }

    @Test
    @Order(2)
    void findsNothingAfterTheRollback(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from accounts")).isEqualTo(0L);
      assertThat(accounts.count()).isZero();
    }
  }
}
