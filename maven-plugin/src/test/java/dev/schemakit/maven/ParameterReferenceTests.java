package dev.schemakit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * docs/maven-plugin.md's table of goals names every goal and every parameter a user can set (as the build's plugin
 * descriptor lists them), and no goal or parameter that does not exist.
 */
class ParameterReferenceTests {

  private static final Pattern ROW = Pattern.compile("^\\| `schemakit:([a-z]+)` \\|[^|]*\\|([^|]*)\\|$",
      Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("`([a-z][a-zA-Z]*)`");

  record Reference(Set<String> goals, Set<String> parameters) {
  }

  static Reference documented(String page) {
    Set<String> goals = new TreeSet<>();
    Set<String> parameters = new TreeSet<>();
    Matcher row = ROW.matcher(page);
    while (row.find()) {
      goals.add(row.group(1));
      // a parameter's values and notes are in parentheses after it: (`markdown`, `json`)
      Matcher name = NAME.matcher(row.group(2).replaceAll("\\([^)]*\\)", ""));
      while (name.find()) {
        parameters.add(name.group(1));
      }
    }
    return new Reference(goals, parameters);
  }

  /** The goals and their settable parameters, from the plugin descriptor the build wrote. */
  static Reference built() throws Exception {
    Document descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File("target/classes/META-INF/maven/plugin.xml"));
    Set<String> goals = new TreeSet<>();
    Set<String> parameters = new TreeSet<>();
    NodeList mojos = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      goals.add(mojo.getElementsByTagName("goal").item(0).getTextContent());
      NodeList declared = mojo.getElementsByTagName("parameter");
      for (int j = 0; j < declared.getLength(); j++) {
        Element parameter = (Element) declared.item(j);
        if (parameter.getElementsByTagName("editable").item(0).getTextContent().equals("true")) {
          parameters.add(parameter.getElementsByTagName("name").item(0).getTextContent());
        }
      }
    }
    return new Reference(goals, parameters);
  }

  @Test
  void everyGoalAndParameterHasItsEntryAndEveryEntryExists() throws Exception {
    assertThat(documented(Files.readString(Path.of("../docs/maven-plugin.md")))).isEqualTo(built());
  }

  @Test
  void aParameterRemovedFromThePageFailsTheReference() throws Exception {
    String page = Files.readString(Path.of("../docs/maven-plugin.md")).replace("`seedRows`", "seedRows");

    assertThat(documented(page).parameters()).doesNotContain("seedRows");
    assertThat(documented(page)).isNotEqualTo(built());
  }
}
