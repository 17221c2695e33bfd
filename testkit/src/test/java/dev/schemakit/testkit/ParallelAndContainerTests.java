package dev.schemakit.testkit;

import static dev.schemakit.testkit.MigrationTestExtensionTests.SEEN;
import static dev.schemakit.database.ScratchDatabases.existing;
import static dev.schemakit.database.ScratchDatabases.existingAfterDrops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.schemakit.database.ContainerPostgres;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Classes running in parallel, and the Testcontainers provider against a real Docker engine. */
class ParallelAndContainerTests {

  /** CI sets this after starting Docker: the container test must then run, never skip. */
  static final String REQUIRE_DOCKER = "SCHEMAKIT_REQUIRE_DOCKER";

  @BeforeEach
  void forget() {
    SEEN.clear();
  }

  @Test
  void parallelClassesNeverShareADatabase() throws Exception {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(selectClass(ParallelOneTestCases.class), selectClass(ParallelTwoTestCases.class),
            selectClass(ParallelThreeTestCases.class), selectClass(ParallelFourTestCases.class))
        .execute()
        .testEvents().assertStatistics(stats -> stats.started(8).succeeded(8));
    assertThat(Set.copyOf(SEEN.values())).hasSize(4);
    assertThat(existingAfterDrops(SEEN.values())).isEmpty();
  }

  @Test
  void testcontainersProviderRunsInARealContainer() {
    boolean required = "true".equals(System.getenv(REQUIRE_DOCKER));
    Assumptions.assumeTrue(required || ContainerPostgres.startsOffline("postgres:15"),
        "no Docker engine with a local postgres:15 here: bash ../shared/tools/docker-postgres.sh makes one");
    MigrationTestExtensionTests.run(ContainerTestCases.class)
        .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(SEEN.get("container")).startsWith(dev.schemakit.template.TemplateFactory.PREFIX + "r");
  }

  /** Each class writes rows and must see only its own, however the classes interleave. */
  abstract static class ParallelTestCases {
    @Test
    void ownRows(MigratedDatabase db) throws Exception {
      SEEN.put(getClass().getSimpleName(), db.name());
      db.execute("insert into members (name) values (?)", getClass().getSimpleName());
      Thread.sleep(50);
      assertThat(db.query("select name from members")).hasSize(1);
    }

    @Test
    void version(MigratedDatabase db) {
      assertThat(db.version()).isEqualTo("2");
    }
  }

  @MigrationTest(target = "2")
  static class ParallelOneTestCases extends ParallelTestCases {
  }

  @MigrationTest(target = "2")
  static class ParallelTwoTestCases extends ParallelTestCases {
  }

  @MigrationTest(target = "2")
  static class ParallelThreeTestCases extends ParallelTestCases {
  }

  @MigrationTest(target = "2")
  static class ParallelFourTestCases extends ParallelTestCases {
  }

  // postgres:15 is the image ../shared/tools/docker-postgres.sh builds locally; no registry is reachable here
  @MigrationTest(target = "3", provider = Provider.TESTCONTAINERS, image = "postgres:15")
  static class ContainerTestCases {
    @Test
    void inTheContainer(MigratedDatabase db) {
      SEEN.put("container", db.name());
      assertThat(db.version()).isEqualTo("3");
      assertThat(db.jdbcUrl()).doesNotContain("127.0.0.1:" + dev.schemakit.database.EmbeddedPostgres.shared().port());
      assertThat(db.queryForValue("select current_setting('server_version_num')::int / 10000")).isEqualTo(15);
    }
  }
}
