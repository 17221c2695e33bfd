package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The README and the guide show what the jar prints, and the guide's workflow is YAML GitHub can read. */
class ReadmeTests {

  @Test
  void everyExampleOutputIsInTheDocumentationAsTheJarPrintsIt() throws IOException {
    String documentation = documentation();
    try (Stream<Path> examples = Files.list(Path.of("src/test/resources/examples"))) {
      for (Path example : examples.toList()) {
        assertThat(documentation).as("the README or a page of docs/ shows " + example + " verbatim")
            .contains(Files.readString(example));
      }
    }
  }

  /** The README and every page of the guide, one after the other. */
  static String documentation() throws IOException {
    StringBuilder text = new StringBuilder(Files.readString(Path.of("../README.md")));
    try (Stream<Path> pages = Files.list(Path.of("../docs"))) {
      for (Path page : pages.filter(file -> file.toString().endsWith(".md")).sorted().toList()) {
        text.append('\n').append(Files.readString(page));
      }
    }
    return text.toString();
  }

  @Test
  void theGithubActionsWorkflowParses() throws IOException {
    String readme = Files.readString(Path.of("../docs/maven-plugin.md"));
    int section = readme.indexOf("### GitHub Actions");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String workflow = readme.substring(start, readme.indexOf("```\n", start));

    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(workflow);

    assertThat(parsed).containsKeys("name", "on", "jobs");
    @SuppressWarnings("unchecked")
    Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) parsed.get("jobs")).get("schema");
    assertThat((List<?>) job.get("steps")).hasSize(6);
    assertThat(workflow).contains("<!-- schemakit:contract-diff -->", "schemakit:diff", "mvn -B verify");
  }
}
