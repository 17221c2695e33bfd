package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.ActiveProfiles;

/** spring.flyway.* as Spring Boot reads it: files, profiles, relaxed names, and one clear message for what is wrong. */
class SpringBootFlywaySettingsTests {

  @TempDir
  Path resources;

  Map<String, String> read(Class<?> testClass) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
      return new SpringBootFlywaySettings().flywayProperties(testClass, loader);
    }
  }

  void write(String name, String text) throws IOException {
    Files.createDirectories(resources.resolve(name).getParent());
    Files.writeString(resources.resolve(name), text);
  }

  @ActiveProfiles("test")
  static class WithTestProfile {
  }

  @Test
  void everySettingThatShapesTheSchemaIsReadUnderItsFlywayName() throws IOException {
    write("application.yml", """
        spring:
          flyway:
            locations:
              - classpath:db/migration/{vendor}
              - classpath:db/seed
            schemas: app,billing
            defaultSchema: app
            table: schema_history
            baseline_on_migrate: true
            baseline-version: 3
            out-of-order: false
            url: jdbc:postgresql://prod/app
            placeholders:
              owner: ${OWNER_FROM_ENV_THAT_IS_NOT_SET:app-team}
          datasource:
            url: jdbc:postgresql://prod/app
        """);

    assertThat(read(Object.class)).containsExactly(
        Map.entry("flyway.locations", "classpath:db/migration/postgresql,classpath:db/seed"),
        Map.entry("flyway.schemas", "app,billing"),
        Map.entry("flyway.defaultSchema", "app"),
        Map.entry("flyway.table", "schema_history"),
        Map.entry("flyway.baselineOnMigrate", "true"),
        Map.entry("flyway.baselineVersion", "3"),
        Map.entry("flyway.outOfOrder", "false"),
        Map.entry("flyway.placeholders.owner", "app-team"));
  }

  @Test
  void profilesAndPropertiesFilesWinAsInSpringBoot() throws IOException {
    write("application.yml", """
        spring.flyway.locations: classpath:db/migration
        spring.flyway.table: from_yml
        ---
        spring:
          config.activate.on-profile: test
          flyway.placeholders.owner: test-document
        """);
    write("application.properties", "spring.flyway.table=from_properties\n");
    write("application-test.yaml", "spring:\n  flyway:\n    locations: classpath:db/test-migrations\n");

    assertThat(read(Object.class)).containsOnly(Map.entry("flyway.locations", "classpath:db/migration"),
        Map.entry("flyway.table", "from_properties"));
    assertThat(read(WithTestProfile.class)).containsOnly(
        Map.entry("flyway.locations", "classpath:db/test-migrations"),
        Map.entry("flyway.table", "from_properties"),
        Map.entry("flyway.placeholders.owner", "test-document"));

    write("config/application.yml", "spring.profiles.active: test\n");
    assertThat(read(Object.class)).containsEntry("flyway.locations", "classpath:db/test-migrations");
  }

  @Test
  void anUnknownKeyOrAMalformedValueNamesTheFileLineAndFix() throws IOException {
    write("application.yml", "spring:\n  flyway:\n    locatoins: classpath:db/x\n");
    assertThatThrownBy(() -> read(Object.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(resources.toUri().toURL() + "application.yml:3: unknown key 'spring.flyway.locatoins'; did you"
            + " mean 'spring.flyway.locations'? schemakit reads [spring.flyway.baseline-description,");

    write("application.yml", "spring.flyway.out-of-order: sometimes\n");
    assertThatThrownBy(() -> read(Object.class)).hasMessage(resources.toUri().toURL() + "application.yml:1: "
        + "spring.flyway.out-of-order is 'sometimes', expected true or false. Fix the value.");

    write("application.yml", "spring:\n  flyway: [\n");
    assertThatThrownBy(() -> read(Object.class)).hasMessageStartingWith("Reading " + resources.toUri().toURL()
        + "application.yml failed: ").hasMessageEndingWith("Fix the file's YAML.");
  }
}
