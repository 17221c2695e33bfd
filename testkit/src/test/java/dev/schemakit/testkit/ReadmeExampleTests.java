package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The guide's examples of this module are tests of it, as written (they run with the others). */
class ReadmeExampleTests {

  @Test
  void theIsolationAndSeedExampleIsMembersTests() throws Exception {
    assertThat(readmeBlock("../docs/migration-test.md",
        "testkit/src/test/java/dev/schemakit/testkit/readme/MembersTests.java"))
        .isEqualTo(classText(Path.of("src/test/java/dev/schemakit/testkit/readme/MembersTests.java")));
  }

  @Test
  void theLiquibaseExampleIsLibraryChangelogTests() throws Exception {
    assertThat(readmeBlock("../docs/liquibase.md",
        "testkit/src/test/java/dev/schemakit/testkit/readme/LibraryChangelogTests.java"))
        .isEqualTo(classText(Path.of("src/test/java/dev/schemakit/testkit/readme/LibraryChangelogTests.java")));
  }

  /** The java block under the line that names the file: {@code <!-- held by a test: FILE -->}. */
  static String readmeBlock(String readme, String file) throws Exception {
    String text = Files.readString(Path.of(readme));
    int marker = text.indexOf("<!-- held by a test: " + file + " -->");
    assertThat(marker).as(readme + " names " + file).isNotNegative();
    int start = text.indexOf("```java\n", marker) + "```java\n".length();
    return text.substring(start, text.indexOf("```", start)).strip();
  }

  /** A test file from its class's annotations on: what the README shows of it. */
  static String classText(Path file) throws Exception {
    String text = Files.readString(file);
    int imports = text.lastIndexOf("\nimport ");
    return text.substring(text.indexOf('\n', imports + 1)).strip();
  }
}
