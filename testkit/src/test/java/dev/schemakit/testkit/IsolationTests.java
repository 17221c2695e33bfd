package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.database.ScratchDatabases;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@link Isolation#PER_METHOD} and {@link FreshDatabase}: every method its own copy of the class's database. */
class IsolationTests {

  /** Database names the fixtures saw, by method. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @BeforeEach
  void forget() {
    SEEN.clear();
  }

  @Test
  void aMethodsRowsAreInvisibleToTheNextMethodAndBeforeAllRowsAreInEvery() {
    MigrationTestExtensionTests.run(PerMethodTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
    assertThat(Set.of(SEEN.get("first"), SEEN.get("second"), SEEN.get("third"), SEEN.get("beforeAll"))).hasSize(4);
    assertThat(SEEN.get("beforeEach:first")).isEqualTo(SEEN.get("first"));
  }

  @Test
  void underPerClassMethodsShareTheDatabaseSoTheSecondSeesTheFirstsRow() {
    MigrationTestExtensionTests.run(PerClassTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(SEEN.get("first")).isEqualTo(SEEN.get("second"));
  }

  @Test
  void methodsRunningConcurrentlyDoNotSeeEachOther() {
    EngineTestKit.engine("junit-jupiter").selectors(
            org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(ConcurrentTestCases.class))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
        .execute().testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
    assertThat(Set.copyOf(SEEN.values())).hasSize(3);
  }

  @Test
  void nestedClassesMethodsGetCopiesTooAndAMigrateToStaysInItsMethod() {
    MigrationTestExtensionTests.run(NestedPerMethodTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
    assertThat(Set.copyOf(SEEN.values())).hasSize(3);
  }

  @Test
  void oneFreshMethodInAPerClassClass() {
    MigrationTestExtensionTests.run(FreshMethodTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(3).succeeded(3));
    assertThat(SEEN.get("shared1")).isEqualTo(SEEN.get("shared2")).isNotEqualTo(SEEN.get("fresh"));
  }

  @Test
  void theMethodsCopiesAreDroppedAtTheClassesEnd() throws Exception {
    MigrationTestExtensionTests.run(PerMethodTestCases.class).testEvents().assertStatistics(stats -> stats.succeeded(3));
    assertThat(ScratchDatabases.existingAfterDrops(List.of(SEEN.get("first"), SEEN.get("second"), SEEN.get("third"))))
        .isEmpty();
  }

  @Test
  void aConstructorCannotTakeTheDatabaseUnderPerMethod() {
    MigrationTestExtensionTests.run(ConstructorTestCases.class).testEvents().assertThatEvents().haveExactly(1,
        event(test(), finishedWithFailure(message(text -> text.startsWith("@MigrationTest(isolation = PER_METHOD) on ["
            + ConstructorTestCases.class.getName() + "] cannot inject") && text.contains("@BeforeEach")))));
  }

  // ---- fixtures

  @MigrationTest(target = "3", isolation = Isolation.PER_METHOD)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerMethodTestCases {

    @BeforeAll
    static void oneMemberForAll(MigratedDatabase db) {
      SEEN.put("beforeAll", db.name());
      db.execute("insert into members (name) values ('from @BeforeAll')");
    }

    @BeforeEach
    void each(MigratedDatabase db, org.junit.jupiter.api.TestInfo info) {
      SEEN.put("beforeEach:" + info.getTestMethod().orElseThrow().getName(), db.name());
    }

    @Test
    @Order(1)
    void first(MigratedDatabase db) {
      SEEN.put("first", db.name());
      db.execute("insert into members (name) values ('first')");
      assertThat(db.query("select name from members order by id")).extracting(row -> row.get("name"))
          .containsExactly("from @BeforeAll", "first");
    }

    @Test
    @Order(2)
    void second(DataSource dataSource) throws Exception {
      try (Connection connection = dataSource.getConnection()) {
        SEEN.put("second", connection.getCatalog());
        var rs = connection.createStatement().executeQuery("select string_agg(name, ',') from members");
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("from @BeforeAll");
      }
    }

    @Test
    @Order(3)
    void third(Connection connection) throws Exception {
      SEEN.put("third", connection.getCatalog());
      var rs = connection.createStatement().executeQuery("select count(*) from members");
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @MigrationTest(target = "3")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassTestCases {

    @Test
    @Order(1)
    void first(MigratedDatabase db) {
      SEEN.put("first", db.name());
      db.execute("insert into members (name) values ('first')");
    }

    @Test
    @Order(2)
    void second(MigratedDatabase db) {
      SEEN.put("second", db.name());
      assertThat(db.queryForValue("select count(*) from members")).isEqualTo(1L);
    }
  }

  @MigrationTest(target = "3", isolation = Isolation.PER_METHOD)
  @Execution(ExecutionMode.CONCURRENT)
  static class ConcurrentTestCases {

    static final CyclicBarrier ALL_INSERTED = new CyclicBarrier(3);

    @Test
    void one(MigratedDatabase db) throws Exception {
      insertWaitAndCount(db, "one");
    }

    @Test
    void two(MigratedDatabase db) throws Exception {
      insertWaitAndCount(db, "two");
    }

    @Test
    void three(MigratedDatabase db) throws Exception {
      insertWaitAndCount(db, "three");
    }

    /** Every method has inserted before any counts: they overlap for sure. */
    private static void insertWaitAndCount(MigratedDatabase db, String name) throws Exception {
      SEEN.put(name, db.name());
      db.execute("insert into members (name) values (?)", name);
      ALL_INSERTED.await(60, TimeUnit.SECONDS);
      assertThat(db.query("select name from members")).extracting(row -> row.get("name")).containsExactly(name);
    }
  }

  @MigrationTest(target = "3", isolation = Isolation.PER_METHOD)
  static class NestedPerMethodTestCases {

    @Test
    void migratesItsOwnCopy(MigratedDatabase db) {
      SEEN.put("outer", db.name());
      db.execute("insert into members (name) values ('ada')");
      db.migrateTo("4");
      assertThat(db.queryForValue("select count(*) from users")).isEqualTo(1L);
    }

    @Nested
    class Inner {

      @Test
      void isAtTheClassesVersion(MigratedDatabase db) {
        SEEN.put("inner1", db.name());
        assertThat(db.version()).isEqualTo("3");
        assertThat(db.queryForValue("select count(*) from members")).isEqualTo(0L);
      }

      @Test
      void hasACopyOfItsOwn(MigratedDatabase db) {
        SEEN.put("inner2", db.name());
        db.execute("insert into members (name) values ('inner')");
      }
    }
  }

  @MigrationTest(target = "3")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class FreshMethodTestCases {

    @Test
    @Order(1)
    void shared1(MigratedDatabase db) {
      SEEN.put("shared1", db.name());
      db.execute("insert into members (name) values ('shared')");
    }

    @Test
    @Order(2)
    @FreshDatabase
    void fresh(MigratedDatabase db) {
      SEEN.put("fresh", db.name());
      assertThat(db.queryForValue("select count(*) from members")).isEqualTo(1L);
      db.execute("delete from members");
    }

    @Test
    @Order(3)
    void shared2(MigratedDatabase db) {
      SEEN.put("shared2", db.name());
      assertThat(db.queryForValue("select count(*) from members")).isEqualTo(1L);
    }
  }

  @MigrationTest(target = "3", isolation = Isolation.PER_METHOD)
  static class ConstructorTestCases {

    ConstructorTestCases(MigratedDatabase db) {
    }

    @Test
    void neverRuns() {
    }
  }
}
