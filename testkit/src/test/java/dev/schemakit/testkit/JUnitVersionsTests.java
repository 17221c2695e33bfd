package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which JUnit jars belong together, and the one message for a class path that mixes them. */
class JUnitVersionsTests {

  static Map<String, String> versions(String... pairs) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      versions.put(pairs[i], pairs[i + 1]);
    }
    return versions;
  }

  @Test
  void theJarsOfOneJUnitBelongTogether() {
    assertThat(JUnitVersions.found(getClass().getClassLoader())).containsKeys("junit-jupiter-api",
        "junit-jupiter-engine", "junit-platform-engine");
    assertThat(JUnitVersions.mismatch(JUnitVersions.found(getClass().getClassLoader()))).isEmpty();
    assertThat(JUnitVersions.mismatch(versions("junit-jupiter-api", "5.10.2", "junit-jupiter-engine", "5.10.2",
        "junit-platform-engine", "1.10.2", "junit-platform-commons", "1.10.2"))).isEmpty();
    assertThat(JUnitVersions.mismatch(versions("junit-jupiter-api", "6.0.3", "junit-jupiter-engine", "6.0.3",
        "junit-platform-engine", "6.0.3"))).isEmpty();
  }

  @Test
  void aMixedClassPathGetsOneMessageNamingTheVersionsAndTheFix() {
    assertThat(JUnitVersions.mismatch(versions("junit-jupiter-api", "5.14.4", "junit-jupiter-engine", "5.10.2",
        "junit-platform-engine", "1.10.2"))).hasValue("The JUnit jars on the test class path do not belong"
        + " together: junit-jupiter-api 5.14.4, junit-jupiter-engine 5.10.2, junit-platform-engine 1.10.2. Mixed"
        + " JUnit versions fail in ways that name neither (\"There was an error in the forked process\","
        + " NoClassDefFoundError: org/junit/platform/engine/OutputDirectoryCreator). Take every JUnit artifact from"
        + " one version: import org.junit:junit-bom:5.14.4 (type pom, scope import) in <dependencyManagement>, or"
        + " let Spring Boot's parent or dependencies BOM choose it. schemakit brings no JUnit of its own.");
    assertThat(JUnitVersions.mismatch(versions("junit-jupiter-api", "6.0.3", "junit-platform-engine", "1.14.4")))
        .isPresent();
  }
}
