package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.database.ContainerPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A class whose migrations create PostGIS, which the embedded binaries lack: with provider AUTO and
 * {@code schemakit.testcontainers.image.postgis} it runs on Testcontainers; without such an image it fails with the
 * message that says how to go on. The image is {@code local/postgis:15}, built by {@code .ci/postgis-image.sh} from
 * Debian's packages (no registry is reachable here); {@code .ci/run} builds it and names it in
 * {@code SCHEMAKIT_POSTGIS_IMAGE}.
 */
class ExtensionSwitchTests {

  static final String IMAGE = System.getenv("SCHEMAKIT_POSTGIS_IMAGE");

  @AfterEach
  void clear() {
    System.clearProperty("schemakit.testcontainers.image.postgis");
  }

  @Test
  void withAnImageForTheExtensionTheClassRunsOnTestcontainers() {
    Assumptions.assumeTrue(IMAGE != null && ContainerPostgres.startsOffline(IMAGE), "no PostGIS image here"
        + " (SCHEMAKIT_POSTGIS_IMAGE, built by .ci/postgis-image.sh where Docker runs): the switch is tested in CI");
    System.setProperty("schemakit.testcontainers.image.postgis", IMAGE);

    MigrationTestExtensionTests.run(PostgisTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void withoutOneTheClassFailsBeforeAnyMigrationNamingTheWayForward() {
    MigrationTestExtensionTests.run(PostgisTestCases.class).containerEvents().assertThatEvents().haveExactly(1,
        event(container(PostgisTestCases.class), finishedWithFailure(message(text ->
            text.startsWith("Migrating to version '1' needs the extension 'postgis' (V1__places.sql:1: CREATE"
                + " EXTENSION postgis), which the embedded PostgreSQL")
            && text.contains("schemakit.testcontainers.image.postgis naming one")))));
  }

  @MigrationTest(locations = "classpath:db/postgis")
  static class PostgisTestCases {

    @Test
    void placesHaveGeometries(MigratedDatabase db) {
      db.execute("insert into places (id, name, location) values (1, 'home', ST_SetSRID(ST_MakePoint(13.4, 52.5),"
          + " 4326))");
      assertThat(db.queryForValue("select ST_AsText(location) from places")).isEqualTo("POINT(13.4 52.5)");
      // the container's data directory, not the embedded server's
      assertThat(db.queryForValue("select current_setting('data_directory')")).isEqualTo("/var/lib/postgresql/data");
    }
  }
}
