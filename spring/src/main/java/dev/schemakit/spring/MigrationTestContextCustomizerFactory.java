package dev.schemakit.spring;

import dev.schemakit.testkit.MigrationTest;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Makes the application context of a {@code @MigrationTest} class use the class's own migrated database:
 * registered in {@code META-INF/spring.factories}, so that {@code @SpringBootTest}, {@code @DataJpaTest} and
 * {@code @JdbcTest} classes need nothing more than the annotation. For Spring's test framework; users do
 * not call it.
 *
 * <p>A {@code @Nested} class uses the database of the enclosing {@code @MigrationTest} class, as in plain JUnit.
 */
public final class MigrationTestContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      if (AnnotatedElementUtils.hasAnnotation(type, MigrationTest.class)) {
        return new MigrationTestContextCustomizer(type);
      }
    }
    return null;
  }
}
