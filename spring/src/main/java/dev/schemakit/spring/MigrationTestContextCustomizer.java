package dev.schemakit.spring;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Puts the test databases into an application context: a primary {@code DataSource} bean that hands out connections
 * to the database of the running test ({@link TestDatabaseDataSource}) and a {@code MigratedDatabase} bean, with
 * Spring Boot's Flyway auto-configuration off (the databases are migrated already; Spring must neither migrate them
 * again nor clean them) and {@code @AutoConfigureTestDatabase} told not to swap it for an in-memory one.
 *
 * <p>Equal for equal {@code @MigrationTest} attributes, so that Spring's context cache shares the context between
 * such classes; equal only for the same class when {@code ownClass} is set (a context that cannot be shared).
 */
final class MigrationTestContextCustomizer implements ContextCustomizer {

  /** Properties that win over the service's own: its application.yml may well say spring.flyway.enabled=true. */
  static final Map<String, Object> PROPERTIES = Map.of(
      "spring.flyway.enabled", "false",
      "spring.liquibase.enabled", "false",
      "spring.test.database.replace", "none");

  private final MigrationTest annotation;
  private final Class<?> ownClass;

  /**
   * @param annotation the {@code @MigrationTest} of the classes that may share the context
   * @param ownClass the one class the context is for, or {@code null} when classes share it
   */
  MigrationTestContextCustomizer(MigrationTest annotation, Class<?> ownClass) {
    this.annotation = annotation;
    this.ownClass = ownClass;
  }

  @Override
  public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("schemakit", PROPERTIES));
    if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
      throw new IllegalStateException("@MigrationTest on [" + configuration.getTestClass().getName() + "] cannot add"
          + " its DataSource to a " + context.getClass().getName() + ": its bean factory takes no bean definitions.");
    }
    TestDatabaseDataSource routing = new TestDatabaseDataSource(ownClass != null ? ownClass.getName()
        : "the @MigrationTest classes configured like " + configuration.getTestClass().getName());
    RootBeanDefinition dataSource = new RootBeanDefinition(TestDatabaseDataSource.class, () -> routing);
    dataSource.setPrimary(true);
    registry.registerBeanDefinition("schemakitDataSource", dataSource);
    // a prototype: whoever asks gets the database of the test running then
    RootBeanDefinition database = new RootBeanDefinition(MigratedDatabase.class, () -> database(routing, configuration));
    database.setScope(BeanDefinition.SCOPE_PROTOTYPE);
    registry.registerBeanDefinition("schemakitMigratedDatabase", database);
  }

  private static MigratedDatabase database(TestDatabaseDataSource routing, MergedContextConfiguration configuration) {
    try {
      return routing.database();
    } catch (SQLException e) {
      throw new IllegalStateException(noDatabaseYet(configuration.getTestClass()), e);
    }
  }

  /** What the context is told when it is built before the class's database exists. */
  static String noDatabaseYet(Class<?> testClass) {
    return "@MigrationTest on [" + testClass.getName() + "] has no database yet while Spring builds the application"
        + " context. This happens under @TestInstance(PER_CLASS), where the instance (and with it the context) comes"
        + " before @BeforeAll; remove PER_CLASS from the class.";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MigrationTestContextCustomizer customizer && customizer.annotation.equals(annotation)
        && customizer.ownClass == ownClass;
  }

  @Override
  public int hashCode() {
    return Objects.hash(annotation, ownClass);
  }
}
