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
import org.springframework.test.context.TestPropertySource;

/** spring.liquibase.* as Spring Boot reads it, from the same files and test properties as spring.flyway.*. */
class SpringBootLiquibaseSettingsTests {

  @TempDir
  Path resources;

  Map<String, String> read(Class<?> testClass) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, null)) {
      return new SpringBootFlywaySettings().liquibaseProperties(testClass, loader);
    }
  }

  void write(String name, String text) throws IOException {
    Files.createDirectories(resources.resolve(name).getParent());
    Files.writeString(resources.resolve(name), text);
  }

  @TestPropertySource(properties = "spring.liquibase.contexts=test")
  static class InTestContext {
  }

  @Test
  void theChangelogItsContextsAndParametersAreReadWithTheTestsOwnOverThem() throws IOException {
    write("application.yml", """
        spring:
          liquibase:
            change-log: classpath:db/changelog/db.changelog-master.yaml
            contexts: prod
            label-filter: "!slow"
            default-schema: shop
            drop-first: false
            parameters:
              owner: ${OWNER_FROM_ENV_THAT_IS_NOT_SET:shop-team}
        """);

    assertThat(read(InTestContext.class)).containsExactly(
        Map.entry("changelog", "classpath:db/changelog/db.changelog-master.yaml"),
        Map.entry("contexts", "test"),
        Map.entry("labels", "!slow"),
        Map.entry("defaultSchema", "shop"),
        Map.entry("parameters.owner", "shop-team"));
  }

  @Test
  void withoutAChangelogOrWhenDisabledThereIsNoLiquibaseChain() throws IOException {
    write("application.properties", "spring.liquibase.contexts=prod\n");
    assertThat(read(Object.class)).isEmpty();

    write("application.properties", "spring.liquibase.change-log=classpath:db/changelog/master.xml\n"
        + "spring.liquibase.enabled=false\n");
    assertThat(read(Object.class)).isEmpty();
  }

  @Test
  void anUnknownKeyIsNamedWithItsFile() throws IOException {
    write("application.properties", "spring.liquibase.change-log=classpath:x.yaml\nspring.liquibase.contxts=prod\n");

    assertThatThrownBy(() -> read(Object.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application.properties:2: unknown key 'spring.liquibase.contxts'");
  }
}
