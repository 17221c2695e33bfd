package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The guide's Spring example is a test of this module, as written (it runs with the others). */
class ReadmeExampleTests {

  @Test
  void thePerMethodExampleIsAccountsPerMethodTests() throws Exception {
    String file = "spring/src/test/java/dev/schemakit/spring/readme/AccountsPerMethodTests.java";
    String readme = Files.readString(Path.of("../docs/spring-boot.md"));
    int marker = readme.indexOf("<!-- held by a test: " + file + " -->");
    assertThat(marker).as("docs/spring-boot.md names " + file).isNotNegative();
    int start = readme.indexOf("```java\n", marker) + "```java\n".length();
    String block = readme.substring(start, readme.indexOf("```", start)).strip();

    String source = Files.readString(Path.of(file.substring("spring/".length())));
    String fromTheAnnotations = source.substring(source.indexOf('\n', source.lastIndexOf("\nimport ") + 1)).strip();
    assertThat(block).isEqualTo(fromTheAnnotations);
  }
}
