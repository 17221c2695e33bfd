package dev.schemakit.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.w3c.dom.Element;

/**
 * The {@code liquibase-maven-plugin} configuration of the same pom: the changelog {@code mvn liquibase:update} would
 * run, with its contexts, labels, default schema and properties, so that the gate judges the changelog the service
 * runs. The connection and the plugin's own run are never taken: schemakit migrates databases of its own.
 *
 * @param changelog {@code changeLogFile}, or {@code null} when the pom has no such plugin or it names none
 * @param properties {@code expressionVariables} / {@code expressionVars}
 */
record LiquibasePluginConfiguration(String changelog, String contexts, String labels, String defaultSchema,
    Map<String, String> properties) {

  static LiquibasePluginConfiguration read(MavenProject project) throws MojoExecutionException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> properties = new LinkedHashMap<>();
    for (Element configuration : PluginConfigurations.of(project, "org.liquibase", "liquibase-maven-plugin")) {
      for (Element element : PluginConfigurations.children(configuration)) {
        if (element.getTagName().equals("expressionVariables") || element.getTagName().equals("expressionVars")) {
          PluginConfigurations.children(element).forEach(variable -> properties.put(variable.getTagName(),
              variable.getTextContent().strip()));
        } else {
          values.put(element.getTagName(), element.getTextContent().strip());
        }
      }
    }
    return new LiquibasePluginConfiguration(values.get("changeLogFile"), values.get("contexts"),
        values.get("labelFilter") != null ? values.get("labelFilter") : values.get("labels"),
        values.get("defaultSchemaName"), Map.copyOf(properties));
  }
}
