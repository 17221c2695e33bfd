package dev.schemakit.spring;

import dev.schemakit.flyway.FlywayConfigFiles;
import dev.schemakit.flyway.SpringFlywayFiles;
import dev.schemakit.testkit.FrameworkSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring Boot's {@code spring.flyway.*} and {@code spring.liquibase.*} settings of a service for its test classes: what its configuration files say
 * ({@link SpringFlywayFiles}, with the class's {@code @ActiveProfiles}), then the test class's own properties
 * ({@code @TestPropertySource}, the {@code properties} of {@code @SpringBootTest} and the test slices). Later sources
 * win, as in Boot. For the service loader; users do not call it.
 */
public final class SpringBootFlywaySettings implements FrameworkSettings {

  @Override
  public Map<String, String> flywayProperties(Class<?> testClass, ClassLoader loader) {
    Map<String, String> flyway = new LinkedHashMap<>();
    SpringFlywayFiles.read(loader, activeProfiles(testClass), testProperties(testClass, loader))
        .forEach((key, setting) -> flyway.put(key, setting.value()));
    return flyway;
  }

  /** Spring Boot's {@code spring.liquibase.*} keys schemakit reads, and the keys it gives them. */
  private static final Map<String, String> LIQUIBASE_KEYS = Map.of("change-log", "changelog", "contexts", "contexts",
      "label-filter", "labels", "labels", "labels", "default-schema", "defaultSchema");

  /**
   * Keys of {@code spring.liquibase.*} that say how Liquibase connects or reports, not what the chain is: read and let
   * be.
   */
  private static final java.util.Set<String> LIQUIBASE_IGNORED = java.util.Set.of("enabled", "url", "user", "password",
      "driver-class-name", "drop-first", "clear-checksums", "tag", "rollback-file", "test-rollback-on-update",
      "show-summary", "show-summary-output", "ui-service", "analytics-enabled", "license-key", "liquibase-schema",
      "liquibase-tablespace");

  @Override
  public Map<String, String> liquibaseProperties(Class<?> testClass, ClassLoader loader) {
    Map<String, String> liquibase = new LinkedHashMap<>();
    String prefix = "spring.liquibase.";
    Map<String, FlywayConfigFiles.Setting> spring = SpringFlywayFiles.springProperties(loader,
        activeProfiles(testClass), testProperties(testClass, loader));
    if ("false".equalsIgnoreCase(java.util.Optional.ofNullable(spring.get(prefix + "enabled"))
        .map(FlywayConfigFiles.Setting::value).orElse(""))) {
      return liquibase;
    }
    spring.forEach((key, setting) -> {
      if (!key.startsWith(prefix)) {
        return;
      }
      String name = SpringFlywayFiles.relaxed(key.substring(prefix.length()));
      if (name.startsWith("parameters.")) {
        liquibase.put("parameters." + key.substring((prefix + "parameters.").length()), setting.value());
      } else if (LIQUIBASE_KEYS.containsKey(name)) {
        liquibase.put(LIQUIBASE_KEYS.get(name), setting.value());
      } else if (!LIQUIBASE_IGNORED.contains(name)) {
        throw new IllegalArgumentException(setting.source() + ": unknown key '" + key + "'. schemakit reads "
            + LIQUIBASE_KEYS.keySet().stream().sorted().map(k -> prefix + k).toList() + " and " + prefix
            + "parameters.*; fix the key or remove it.");
      }
    });
    return liquibase.containsKey("changelog") ? liquibase : Map.of();
  }

  /** Profiles named by {@code @ActiveProfiles} on the class or an enclosing one. */
  private static List<String> activeProfiles(Class<?> testClass) {
    List<String> profiles = new ArrayList<>();
    // findMergedAnnotation looks at superclasses itself; a @Nested class takes its enclosing class's profiles
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      org.springframework.test.context.ActiveProfiles active =
          org.springframework.core.annotation.AnnotatedElementUtils.findMergedAnnotation(type,
              org.springframework.test.context.ActiveProfiles.class);
      if (active != null) {
        profiles.addAll(Arrays.asList(active.profiles()));
        break;
      }
    }
    return profiles;
  }

  /**
   * The properties a test class sets for its own context, which win over the files as in Spring: inline
   * {@code properties} of {@code @TestPropertySource}, {@code @SpringBootTest}, {@code @DataJpaTest},
   * {@code @JdbcTest} and the other Boot test slices, and the files {@code @TestPropertySource} names.
   */
  private static Map<String, FlywayConfigFiles.Setting> testProperties(Class<?> testClass, ClassLoader loader) {
    Map<String, FlywayConfigFiles.Setting> settings = new LinkedHashMap<>();
    List<Class<?>> types = new ArrayList<>();
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      types.add(0, type); // the innermost class's properties win
    }
    for (Class<?> type : types) {
      org.springframework.core.annotation.MergedAnnotations.from(type,
              org.springframework.core.annotation.MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).stream()
          .filter(annotation -> annotation.getType().getName().equals(TEST_PROPERTY_SOURCE)
              || annotation.getType().getName().startsWith("org.springframework.boot.test."))
          .forEach(annotation -> {
            String where = "@" + annotation.getType().getSimpleName() + " on [" + type.getName() + "]";
            if (annotation.getType().getName().equals(TEST_PROPERTY_SOURCE)) {
              for (String location : annotation.getStringArray("locations")) {
                String resource = location.replaceFirst("^classpath\\*?:", "").replaceFirst("^/", "");
                settings.putAll(SpringFlywayFiles.resource(loader, resource));
              }
            }
            for (String property : annotation.getValue("properties", String[].class).orElse(new String[0])) {
              settings.putAll(SpringFlywayFiles.inline(where, property));
            }
          });
    }
    return settings;
  }

  private static final String TEST_PROPERTY_SOURCE = "org.springframework.test.context.TestPropertySource";
}
