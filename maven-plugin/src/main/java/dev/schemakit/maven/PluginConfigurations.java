package dev.schemakit.maven;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The {@code <configuration>} of another plugin of the same pom (Flyway's, Liquibase's), as XML elements: what that
 * plugin would run with, which the goals read so that the gate judges the same chain.
 */
final class PluginConfigurations {

  private PluginConfigurations() {
  }

  /** The configurations of the build plugins of that group and artifact, in the pom's order. */
  static List<Element> of(MavenProject project, String groupId, String artifactId) throws MojoExecutionException {
    List<Element> configurations = new ArrayList<>();
    if (project == null) {
      return configurations;
    }
    for (Plugin plugin : project.getBuildPlugins()) {
      if (groupId.equals(plugin.getGroupId()) && artifactId.equals(plugin.getArtifactId())
          && plugin.getConfiguration() != null) {
        configurations.add(parse(plugin.getConfiguration().toString(), project, artifactId));
      }
    }
    return configurations;
  }

  /** An element's child elements. */
  static List<Element> children(Element parent) {
    List<Element> elements = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        elements.add(element);
      }
    }
    return elements;
  }

  private static Element parse(String xml, MavenProject project, String artifactId) throws MojoExecutionException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (Exception e) {
      throw new MojoExecutionException("Reading the " + artifactId + " configuration of " + project.getFile()
          + " failed: " + e.getMessage(), e);
    }
  }
}
