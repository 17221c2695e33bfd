package dev.schemakit.maven;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

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
    if (project != null) {
      for (Plugin plugin : project.getBuildPlugins()) {
        if (!"org.liquibase".equals(plugin.getGroupId()) || !"liquibase-maven-plugin".equals(plugin.getArtifactId())
            || plugin.getConfiguration() == null) {
          continue;
        }
        Element configuration = parse(plugin.getConfiguration().toString(), project);
        for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
          if (node instanceof Element element) {
            if (element.getTagName().equals("expressionVariables") || element.getTagName().equals("expressionVars")) {
              for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element variable) {
                  properties.put(variable.getTagName(), variable.getTextContent().strip());
                }
              }
            } else {
              values.put(element.getTagName(), element.getTextContent().strip());
            }
          }
        }
      }
    }
    return new LiquibasePluginConfiguration(values.get("changeLogFile"), values.get("contexts"),
        values.get("labelFilter") != null ? values.get("labelFilter") : values.get("labels"),
        values.get("defaultSchemaName"), Map.copyOf(properties));
  }

  private static Element parse(String xml, MavenProject project) throws MojoExecutionException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (Exception e) {
      throw new MojoExecutionException("Reading the liquibase-maven-plugin configuration of " + project.getFile()
          + " failed: " + e.getMessage(), e);
    }
  }
}
