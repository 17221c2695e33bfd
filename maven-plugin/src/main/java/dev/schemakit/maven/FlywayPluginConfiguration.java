package dev.schemakit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.w3c.dom.Element;

/**
 * The {@code flyway-maven-plugin} configuration of the same pom, as Flyway properties: what {@code mvn flyway:migrate}
 * would migrate with, so that the gate judges the same migrations the same way. Handed to the command as a file
 * ({@code --flyway-maven-plugin}), whose lines name the pom and the element.
 */
final class FlywayPluginConfiguration {

  /** The connection and the plugin's own run: never taken, schemakit migrates databases of its own. */
  private static final Set<String> IGNORED = Set.of("url", "user", "password", "driver", "serverId", "settings", "skip",
      "workingDirectory", "mavenProject", "configFiles", "configFileEncoding", "cleanDisabled", "connectRetries",
      "connectRetriesInterval", "installedBy", "lockRetryCount", "loggers", "outputQueryResults", "dryRunOutput",
      "cherryPick", "kerberosConfigFile", "jdbcProperties", "initSql");
  /** {@code <pluginConfiguration>} keys and the properties they are. */
  private static final Map<String, String> PLUGIN_KEYS = Map.of("postgresqlTransactionalLock",
      "flyway.postgresql.transactional.lock", "postgresql.transactional.lock", "flyway.postgresql.transactional.lock");

  private FlywayPluginConfiguration() {
  }

  /**
   * Writes the configuration to {@code file} as {@code key=value} lines, and returns the file, or {@code null} when
   * the pom has no flyway-maven-plugin or it configures nothing schemakit reads.
   */
  static File write(MavenProject project, File file) throws MojoExecutionException {
    Map<String, String> properties = read(project);
    if (properties.isEmpty()) {
      return null;
    }
    StringBuilder lines = new StringBuilder("# the flyway-maven-plugin configuration of " + project.getFile()
        + ", for schemakit\n");
    properties.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
    try {
      Files.createDirectories(file.toPath().toAbsolutePath().getParent());
      Files.writeString(file.toPath(), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("Writing " + file + " failed: " + e.getMessage() + ". Check that the build"
          + " directory is writable.", e);
    }
    return file;
  }

  static Map<String, String> read(MavenProject project) throws MojoExecutionException {
    Map<String, String> properties = new LinkedHashMap<>();
    for (Element configuration : PluginConfigurations.of(project, "org.flywaydb", "flyway-maven-plugin")) {
      for (Element element : PluginConfigurations.children(configuration)) {
        String name = element.getTagName();
        if (IGNORED.contains(name)) {
          continue;
        }
        switch (name) {
          case "placeholders" -> PluginConfigurations.children(element).forEach(placeholder -> properties.put("flyway.placeholders."
              + placeholder.getTagName(), placeholder.getTextContent().strip()));
          case "pluginConfiguration" -> PluginConfigurations.children(element).forEach(setting -> properties.put(
              PLUGIN_KEYS.getOrDefault(setting.getTagName(), "flyway." + setting.getTagName()),
              setting.getTextContent().strip()));
          default -> {
            List<Element> items = PluginConfigurations.children(element);
            // <locations><location>a</location>...</locations>, or a comma-separated text
            properties.put("flyway." + name, items.isEmpty() ? element.getTextContent().strip()
                : String.join(",", items.stream().map(item -> item.getTextContent().strip()).toList()));
          }
        }
      }
    }
    return properties;
  }
}
