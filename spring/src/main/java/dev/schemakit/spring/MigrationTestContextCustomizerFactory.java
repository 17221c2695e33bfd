package dev.schemakit.spring;

import dev.schemakit.testkit.MigrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Makes the application context of a {@code @MigrationTest} class use the database of the test that runs:
 * registered in {@code META-INF/spring.factories}, so that {@code @SpringBootTest}, {@code @DataJpaTest} and
 * {@code @JdbcTest} classes need nothing more than the annotation. For Spring's test framework; users do
 * not call it.
 *
 * <p>Classes with equal {@code @MigrationTest} attributes and otherwise the same Spring configuration share one
 * context, as Spring's context cache shares it between classes without schemakit. One case cannot be shared safely:
 * JUnit running classes in parallel with a web server in the context ({@code webEnvironment = RANDOM_PORT} or
 * {@code DEFINED_PORT}), whose threads could not tell which class a request is for; such a class gets a context of
 * its own, said in one line at INFO. The system property {@code schemakit.spring.context=per-class} gives every
 * class a context of its own, for beans that keep something of one database (a sequence's block of ids that
 * Hibernate holds in memory). A {@code @Nested} class uses the database of the enclosing {@code @MigrationTest}
 * class, as in plain JUnit.
 */
public final class MigrationTestContextCustomizerFactory implements ContextCustomizerFactory {

  private static final Log LOG = LogFactory.getLog(MigrationTestContextCustomizerFactory.class);
  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
  /** {@code per-class}: every class gets a context of its own, as before contexts were shared; default {@code shared}. */
  static final String CONTEXTS = "schemakit.spring.context";

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    Class<?> databaseClass = databaseClass(testClass);
    if (databaseClass == null) {
      return null;
    }
    MigrationTest annotation = AnnotatedElementUtils.findMergedAnnotation(databaseClass, MigrationTest.class);
    String contexts = System.getProperty(CONTEXTS, "shared").strip();
    if (contexts.equals("per-class")) {
      return new MigrationTestContextCustomizer(annotation, testClass);
    }
    if (!contexts.equals("shared")) {
      throw new IllegalStateException("@MigrationTest on [" + testClass.getName() + "]: the system property " + CONTEXTS
          + " is '" + contexts + "', expected 'shared' (the default) or 'per-class'. Fix or remove it.");
    }
    String server = webServer(testClass);
    if (server != null && parallelClasses(testClass.getClassLoader())) {
      LOG.info("schemakit: " + testClass.getName() + " gets an application context of its own: JUnit runs classes in"
          + " parallel (" + PARALLEL + "=true), and the threads of its web server (webEnvironment = " + server + ")"
          + " could not tell which class's database a request is for.");
      return new MigrationTestContextCustomizer(annotation, testClass);
    }
    return new MigrationTestContextCustomizer(annotation, null);
  }

  /** The {@code @MigrationTest} class whose database a test class uses: itself, or an enclosing class. */
  static Class<?> databaseClass(Class<?> testClass) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      if (AnnotatedElementUtils.hasAnnotation(type, MigrationTest.class)) {
        return type;
      }
    }
    return null;
  }

  /** The web environment of a {@code @SpringBootTest} with a real server, or null (looked up by name: no Boot here). */
  private static String webServer(Class<?> testClass) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      MergedAnnotation<?> boot = MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
          .get("org.springframework.boot.test.context.SpringBootTest");
      if (boot.isPresent()) {
        String environment = String.valueOf(boot.getValue("webEnvironment").orElse("MOCK"));
        return environment.equals("RANDOM_PORT") || environment.equals("DEFINED_PORT") ? environment : null;
      }
    }
    return null;
  }

  /** Whether JUnit is set to run tests in parallel: a system property, or {@code junit-platform.properties}. */
  private static boolean parallelClasses(ClassLoader loader) {
    String value = System.getProperty(PARALLEL);
    if (value == null && loader != null) {
      try (InputStream in = loader.getResourceAsStream("junit-platform.properties")) {
        if (in != null) {
          Properties properties = new Properties();
          properties.load(in);
          value = properties.getProperty(PARALLEL);
        }
      } catch (IOException e) {
        // unreadable: JUnit itself would not have read it either
      }
    }
    return Boolean.parseBoolean(value == null ? "false" : value.strip());
  }
}
