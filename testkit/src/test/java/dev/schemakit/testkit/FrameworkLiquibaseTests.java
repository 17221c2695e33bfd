package dev.schemakit.testkit;

import static dev.schemakit.testkit.MigrationTestExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.framework.FrameworkChangelog;
import org.junit.jupiter.api.Test;

/**
 * A changelog the framework's configuration names (Spring's {@code spring.liquibase.change-log}, its contexts and
 * parameters) makes the class's chain Liquibase's; the annotation and {@code schemakit.properties} win over it.
 */
class FrameworkLiquibaseTests {

  @Test
  void theFrameworksChangelogContextsAndParametersAreTheChain() {
    run(FromTheFrameworkTestCases.class, AnnotationWinsTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  // ---- fixtures

  @MigrationTest
  @FrameworkChangelog({"changelog=classpath:db/changelog/library.yaml", "contexts=test",
      "parameters.first_title=Kindred"})
  static class FromTheFrameworkTestCases {

    @Test
    void hasTheBookOfTheTestContextWithTheFrameworksTitle(MigratedDatabase db) {
      assertThat(db.queryForValue("select title from books where id = 1")).isEqualTo("Kindred");
    }
  }

  @MigrationTest(contexts = "prod")
  @FrameworkChangelog({"changelog=classpath:db/changelog/library.yaml", "contexts=test"})
  static class AnnotationWinsTestCases {

    @Test
    void hasNoBook(MigratedDatabase db) {
      assertThat(db.queryForValue("select count(*) from books")).isEqualTo(0L);
    }
  }
}
