package dev.schemakit.testkit;

import static dev.schemakit.testkit.MigrationTestExtensionTests.SEEN;
import static dev.schemakit.testkit.MigrationTestExtensionTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.PostgresBinaries;
import dev.schemakit.model.Catalog;
import dev.schemakit.snapshot.SnapshotReader;
import dev.schemakit.yaml.ContractWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Two PostgreSQL majors in one run, for real: the newest (the class path's binaries) and 16, whose binaries this
 * module's build resolves into the local Maven repository (see the pom), as a user's build would.
 */
class PostgresMajorsTests {

  static final int OLDER = 16;

  @BeforeEach
  void forget() {
    SEEN.clear();
  }

  @Test
  void aClassGetsTheMajorItAsksForAndOthersTheNewest() {
    run(AtSixteenTestCases.class, AtTheDefaultTestCases.class).testEvents()
        .assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(SEEN.get("16")).startsWith("16.");
    assertThat(SEEN.get("default")).startsWith(PostgresBinaries.NEWEST_MAJOR + ".");
  }

  @Test
  void eachMajorHasAServerAndCacheOfItsOwn() throws Exception {
    EmbeddedPostgres older = EmbeddedPostgres.shared(OptionalInt.of(OLDER));
    EmbeddedPostgres newest = EmbeddedPostgres.shared();
    assertThat(older.majorVersion()).isEqualTo(OLDER);
    assertThat(older.version()).isEqualTo(PostgresBinaries.RELEASES.get(OLDER).replaceAll("\\.0$", ""));
    assertThat(newest.majorVersion()).isEqualTo(PostgresBinaries.NEWEST_MAJOR);
    assertThat(older.port()).isNotEqualTo(newest.port());
    // the newest asked for by number is the class path's server, not a second one
    assertThat(EmbeddedPostgres.shared(OptionalInt.of(PostgresBinaries.NEWEST_MAJOR))).isSameAs(newest);
    assertThat(EmbeddedPostgres.shared(OptionalInt.of(OLDER))).isSameAs(older);
    try (Stream<Path> cache = Files.list(EmbeddedPostgres.cacheRoot())) {
      List<String> installations = cache.map(p -> p.getFileName().toString())
          .filter(name -> name.matches("pg\\d+-[0-9a-f]{16}")).toList();
      assertThat(installations).anyMatch(name -> name.startsWith("pg" + OLDER + "-"))
          .anyMatch(name -> name.startsWith("pg" + PostgresBinaries.NEWEST_MAJOR + "-"));
    }
  }

  /** The same contract but for what the server itself brings: the version of the extension it ships. */
  @Test
  void theSameSchemaRecordsTheSameContractOnBothMajors() throws Exception {
    String script = dev.schemakit.database.ScratchDatabases.script("rich-schema.sql");
    String older = record(EmbeddedPostgres.shared(OptionalInt.of(OLDER)), script).get("public.yaml");
    String newest = record(EmbeddedPostgres.shared(), script).get("public.yaml");
    assertThat(older).contains("pgcrypto, version: \"1.3\"");
    assertThat(newest).contains("pgcrypto, version: \"1.4\"");
    assertThat(withoutExtensionVersions(older)).isEqualTo(withoutExtensionVersions(newest)).contains("guild_status");
  }

  private static String withoutExtensionVersions(String contract) {
    return contract.replaceAll("(\\{ name: [a-z_]+), version: \"[^\"]+\" }", "$1 }");
  }

  @Test
  void anUnsupportedMajorIsRejectedWithTheChoices() {
    run(AtThirteenTestCases.class).containerEvents().assertThatEvents().haveExactly(1, event(
        container(AtThirteenTestCases.class), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
            message("@MigrationTest on [" + AtThirteenTestCases.class.getName() + "]: postgres is '13', expected a"
                + " PostgreSQL major version, one of [14, 15, 16, 17, 18]. Fix it, or remove it to run PostgreSQL 18."))));
  }

  @Test
  void majorsMapToReleasesOfTheirOwn() {
    assertThat(PostgresBinaries.RELEASES).containsOnlyKeys(14, 15, 16, 17, 18);
    PostgresBinaries.RELEASES.forEach((major, release) -> assertThat(release).startsWith(major + "."));
    assertThat(PostgresBinaries.parseMajor(" 16.4 ", "test")).isEqualTo(16);
  }

  private static java.util.Map<String, String> record(EmbeddedPostgres server, String script) throws Exception {
    String database = "majors_" + server.majorVersion() + "_" + Long.toHexString(System.nanoTime());
    try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
      statement.execute(script);
    }
    Catalog snapshot = SnapshotReader.forPostgres().read(server.dataSource(database), List.of("public"));
    return ContractWriter.recordFiles(snapshot);
  }

  @MigrationTest(postgres = "16")
  static class AtSixteenTestCases {
    @Test
    void runsSixteen(MigratedDatabase db) {
      SEEN.put("16", String.valueOf(db.queryForValue("show server_version")));
      db.execute("insert into members (name) values ('Ada')");
    }
  }

  @MigrationTest
  static class AtTheDefaultTestCases {
    @Test
    void runsTheNewest(MigratedDatabase db) {
      SEEN.put("default", String.valueOf(db.queryForValue("show server_version")));
    }
  }

  @MigrationTest(postgres = "13")
  static class AtThirteenTestCases {
    @Test
    void neverRuns() {
      SEEN.put("13", "ran");
    }
  }
}
