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

/** The README shows what the jar prints, and its workflow is YAML GitHub can read. */
class ReadmeTests {

  private static final Path README = Path.of("../README.md");

  @Test
  void everyExampleOutputIsInTheReadmeAsTheJarPrintsIt() throws IOException {
    String readme = Files.readString(README);
    try (Stream<Path> examples = Files.list(Path.of("src/test/resources/examples"))) {
      for (Path example : examples.toList()) {
        assertThat(readme).as("README.md shows " + example + " verbatim").contains(Files.readString(example));
      }
    }
  }

  @Test
  void theGithubActionsWorkflowParses() throws IOException {
    String readme = Files.readString(README);
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
