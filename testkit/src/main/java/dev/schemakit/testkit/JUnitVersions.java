package dev.schemakit.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the JUnit jars on the class path belong together. A build that mixes them (the API of one version,
 * the engine or platform of another) fails in ways that name neither: "There was an error in the forked
 * process", {@code NoClassDefFoundError: org/junit/platform/engine/OutputDirectoryCreator}, or tests that
 * silently do not run. JUnit 5.x's platform is 1.x (Jupiter 5.10 goes with platform 1.10); JUnit 6 numbers
 * all its jars alike.
 */
final class JUnitVersions {

  private JUnitVersions() {
  }

  /** The versions found on this class path, by artifact; an artifact whose version is unknown is left out. */
  static Map<String, String> found(ClassLoader loader) {
    Map<String, String> versions = new LinkedHashMap<>();
    version(loader, "org.junit.jupiter.api.Test").ifPresent(v -> versions.put("junit-jupiter-api", v));
    version(loader, "org.junit.jupiter.engine.JupiterTestEngine").ifPresent(v -> versions.put("junit-jupiter-engine", v));
    version(loader, "org.junit.platform.engine.TestEngine").ifPresent(v -> versions.put("junit-platform-engine", v));
    version(loader, "org.junit.platform.commons.util.ReflectionUtils")
        .ifPresent(v -> versions.put("junit-platform-commons", v));
    return versions;
  }

  /**
   * The problem with these versions, or empty when they belong together.
   *
   * @param versions artifact to version, as {@link #found} gives them
   */
  static Optional<String> mismatch(Map<String, String> versions) {
    String jupiter = versions.getOrDefault("junit-jupiter-api", versions.get("junit-jupiter-engine"));
    if (jupiter == null) {
      return Optional.empty();
    }
    String expected = majorMinor(jupiter);
    boolean mixed = versions.entrySet().stream().anyMatch(entry -> !generation(entry.getKey(), entry.getValue())
        .equals(expected));
    if (!mixed) {
      return Optional.empty();
    }
    StringBuilder found = new StringBuilder();
    versions.forEach((artifact, version) -> found.append(found.length() == 0 ? "" : ", ").append(artifact)
        .append(' ').append(version));
    return Optional.of("The JUnit jars on the test class path do not belong together: " + found + ". Mixed JUnit"
        + " versions fail in ways that name neither (\"There was an error in the forked process\", NoClassDefFoundError:"
        + " org/junit/platform/engine/OutputDirectoryCreator). Take every JUnit artifact from one version: import"
        + " org.junit:junit-bom:" + jupiter + " (type pom, scope import) in <dependencyManagement>, or let Spring"
        + " Boot's parent or dependencies BOM choose it. schemakit brings no JUnit of its own.");
  }

  /** The Jupiter version an artifact's version stands for: platform 1.10.2 is Jupiter 5.10. */
  private static String generation(String artifact, String version) {
    String majorMinor = majorMinor(version);
    if (artifact.startsWith("junit-platform") && majorMinor.startsWith("1.")) {
      return "5." + majorMinor.substring(2);
    }
    return majorMinor;
  }

  private static String majorMinor(String version) {
    String[] parts = version.split("[.-]");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
  }

  private static Optional<String> version(ClassLoader loader, String className) {
    try {
      Package found = Class.forName(className, false, loader).getPackage();
      return Optional.ofNullable(found == null ? null : found.getImplementationVersion());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
