package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate reads the project's own Flyway configuration as Flyway's command line does: {@code flyway.toml} and
 * {@code flyway.conf} in the working directory, {@code --flyway-config}, {@code FLYWAY_*}, and a Spring Boot
 * project's {@code application.yml}. The case that decides: a
 * {@code CREATE INDEX CONCURRENTLY} migration lints clean where the project turned Flyway's transactional lock off,
 * and is an error where it did not.
 */
class FlywayConfigurationTests {

  static final Path MIGRATIONS = Path.of("src/test/resources/migrations/concurrently").toAbsolutePath();

  @TempDir
  Path project;

  private Run lint(Map<String, String> environment, String... extra) {
    String[] args = new String[extra.length + 1];
    args[0] = "lint";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return CliProcess.runIn(project, environment, args);
  }

  @Test
  void withoutTheSettingTheConcurrentIndexIsAnError() {
    Run run = lint(Map.of(), "--migrations", MIGRATIONS.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(run.out()).contains("ERROR CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK V2__email_index.sql:2");
    assertThat(run.err()).doesNotContain("settings:");
  }

  @Test
  void flywayTomlInTheWorkingDirectoryTurnsTheLockOffAndNamesTheMigrations() throws Exception {
    Files.writeString(project.resolve("flyway.toml"), """
        [environments.default]
        url = "jdbc:postgresql://production.example.org/app"

        [flyway]
        locations = ["filesystem:%s"]

        [flyway.postgresql]
        transactionalLock = false
        """.formatted(MIGRATIONS));

    Run run = lint(Map.of());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).doesNotContain("CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK");
    assertThat(run.err()).isEqualTo("settings: locations from flyway.toml:5; postgresql.transactional.lock from"
        + " flyway.toml:8 (command-line options win over these)\n");
  }

  @Test
  void flywayConfInTheWorkingDirectoryToo() throws Exception {
    Files.writeString(project.resolve("flyway.conf"), "flyway.postgresql.transactional.lock=false\n");

    Run run = lint(Map.of(), "--migrations", MIGRATIONS.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("postgresql.transactional.lock from flyway.conf:1");
  }

  @Test
  void aNamedFileAndTheEnvironmentWinOverTheWorkingDirectorysFile() throws Exception {
    Files.writeString(project.resolve("flyway.conf"), "flyway.postgresql.transactional.lock=false\n");
    Path named = Files.writeString(project.resolve("ci.conf"), "flyway.postgresql.transactional.lock=true\n");

    Run byFile = lint(Map.of(), "--migrations", MIGRATIONS.toString(), "--flyway-config", named.toString());
    Run byEnvironment = lint(Map.of("FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", "false"), "--migrations",
        MIGRATIONS.toString(), "--flyway-config", named.toString());

    assertThat(byFile.exitCode()).as(byFile.toString()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(byFile.err()).contains("postgresql.transactional.lock from ci.conf:1");
    assertThat(byEnvironment.exitCode()).as(byEnvironment.toString()).isZero();
    assertThat(byEnvironment.err()).contains("postgresql.transactional.lock from FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK");
  }

  @Test
  void aSpringBootProjectsApplicationYmlToo() throws Exception {
    Path resources = Files.createDirectories(project.resolve("src/main/resources/db/migration")).getParent().getParent();
    for (String name : new String[] {"V1__accounts.sql", "V2__email_index.sql"}) {
      Files.copy(MIGRATIONS.resolve(name), resources.resolve("db/migration").resolve(name));
    }
    Files.writeString(resources.resolve("application.yml"), """
        spring:
          flyway:
            locations: classpath:db/migration
            postgresql:
              transactional-lock: false
        """);

    Run run = lint(Map.of());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("2 migration(s), 0 problem(s)");
    assertThat(run.err()).isEqualTo("settings: locations from application.yml:3 (spring.flyway);"
        + " postgresql.transactional.lock from application.yml:5 (spring.flyway) (command-line options win over"
        + " these)\n");
  }

  @Test
  void anUnknownKeyNamesFileLineAndTheNearestKey() throws Exception {
    Files.writeString(project.resolve("flyway.conf"), "# the project's Flyway settings\nflyway.tabel=history\n");

    Run run = lint(Map.of(), "--migrations", MIGRATIONS.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).startsWith("schemakit reading the project's Flyway configuration: flyway.conf:2: unknown"
        + " Flyway setting 'flyway.tabel'; did you mean 'flyway.table'? Fix the key or remove it.");
  }
}
