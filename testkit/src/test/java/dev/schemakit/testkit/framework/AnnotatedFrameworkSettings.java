package dev.schemakit.testkit.framework;

import dev.schemakit.testkit.FrameworkSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixture framework for the testkit's own tests: its Liquibase settings are those a test class names with
 * {@link FrameworkChangelog}; it has no Flyway settings. Registered through the service loader, as
 * {@code schemakit-spring} registers Spring Boot's.
 */
public final class AnnotatedFrameworkSettings implements FrameworkSettings {

  @Override
  public Map<String, String> flywayProperties(Class<?> testClass, ClassLoader loader) {
    return Map.of();
  }

  @Override
  public Map<String, String> liquibaseProperties(Class<?> testClass, ClassLoader loader) {
    FrameworkChangelog says = testClass.getAnnotation(FrameworkChangelog.class);
    Map<String, String> properties = new LinkedHashMap<>();
    if (says != null) {
      for (String pair : says.value()) {
        properties.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return properties;
  }
}
