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
 * Spring Boot's {@code spring.flyway.*} settings of a service for its test classes: what its configuration files say
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
