package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.testkit.MigrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextCustomizer;

/**
 * When classes share a context: Spring's cache shares one when the customizers are equal, so equal customizers are
 * shared contexts. Classes here are never run; only their annotations are read.
 */
class ContextSharingRulesTests {

  private final MigrationTestContextCustomizerFactory factory = new MigrationTestContextCustomizerFactory();

  @AfterEach
  void clear() {
    System.clearProperty("junit.jupiter.execution.parallel.enabled");
    System.clearProperty(MigrationTestContextCustomizerFactory.CONTEXTS);
  }

  private ContextCustomizer of(Class<?> testClass) {
    return factory.createContextCustomizer(testClass, List.of());
  }

  @Test
  void equalAttributesShareAndOtherVersionsDoNot() {
    assertThat(of(WebA.class)).isEqualTo(of(WebB.class)).hasSameHashCodeAs(of(WebB.class));
    assertThat(of(WebA.class)).isNotEqualTo(of(AtVersionTwo.class));
    assertThat(of(NotAMigrationTest.class)).isNull();
  }

  @Test
  void aWebServerUnderParallelClassesGetsAContextOfItsOwn() {
    System.setProperty("junit.jupiter.execution.parallel.enabled", "true");
    assertThat(of(WebA.class)).isNotEqualTo(of(WebB.class));
    assertThat(of(MockWebA.class)).as("no server thread: still shared").isEqualTo(of(MockWebB.class));
  }

  @Test
  void perClassWhenAskedAndAWrongValueIsAMessage() {
    System.setProperty(MigrationTestContextCustomizerFactory.CONTEXTS, "per-class");
    assertThat(of(MockWebA.class)).isNotEqualTo(of(MockWebB.class));
    System.setProperty(MigrationTestContextCustomizerFactory.CONTEXTS, "perclass");
    assertThatThrownBy(() -> of(MockWebA.class)).hasMessageContaining("the system property schemakit.spring.context"
        + " is 'perclass', expected 'shared' (the default) or 'per-class'");
  }

  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @MigrationTest
  static class WebA {
  }

  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  @MigrationTest
  static class WebB {
  }

  @SpringBootTest
  @MigrationTest
  static class MockWebA {
  }

  @SpringBootTest
  @MigrationTest
  static class MockWebB {
  }

  @SpringBootTest
  @MigrationTest(target = "2")
  static class AtVersionTwo {
  }

  @SpringBootTest
  static class NotAMigrationTest {
  }
}
