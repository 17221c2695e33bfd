package dev.schemakit.testkit;

import java.util.Map;

/**
 * Flyway settings a framework already keeps in the service's own configuration (Spring Boot's
 * {@code spring.flyway.*} in {@code application.yml}), so that {@link MigrationTest} need not repeat
 * them. For implementors: a module registers one in
 * {@code META-INF/services/dev.schemakit.testkit.FrameworkSettings}; {@code schemakit-spring} does.
 *
 * <p>They come last, under the annotation, system properties, {@code schemakit.properties} and
 * {@code flyway.conf}: anything set there wins.
 */
public interface FrameworkSettings {

  /**
   * Flyway properties by their configuration-file names ({@code flyway.locations}, {@code flyway.schemas},
   * {@code flyway.placeholders.owner}, ...) for one test class; empty when the framework's files set none.
   *
   * @param testClass the {@code @MigrationTest} class (its active profiles may matter)
   * @param loader    where the framework's files are
   * @throws IllegalArgumentException when a file holds a key or value that cannot be right; the message
   *     names the file and key, what was found and the fix
   */
  Map<String, String> flywayProperties(Class<?> testClass, ClassLoader loader);

  /**
   * Liquibase settings of the framework for one test class, by the keys {@link MigrationTest} reads them by:
   * {@code changelog}, {@code contexts}, {@code labels}, {@code defaultSchema} and {@code parameters.<name>}; empty
   * when the framework's files name no changelog. A changelog named here makes the class's chain Liquibase's, unless
   * the annotation or {@code schemakit.properties} say otherwise.
   *
   * @throws IllegalArgumentException when a file holds a key or value that cannot be right, named with its file
   */
  default Map<String, String> liquibaseProperties(Class<?> testClass, ClassLoader loader) {
    return Map.of();
  }
}
