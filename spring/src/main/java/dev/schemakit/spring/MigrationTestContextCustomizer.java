package dev.schemakit.spring;

import dev.schemakit.testkit.ClassDatabases;
import dev.schemakit.testkit.MigratedDatabase;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Puts the class's database into its application context: a primary {@code DataSource} bean and a
 * {@code MigratedDatabase} bean, with Spring Boot's Flyway auto-configuration off (the database is migrated
 * already; Spring must neither migrate it again nor clean it) and {@code @AutoConfigureTestDatabase} told
 * not to swap it for an in-memory one.
 *
 * <p>Equal only for the same class: Spring's context cache then never hands one class's context, pointing at
 * its database, to another class.
 */
final class MigrationTestContextCustomizer implements ContextCustomizer {

  /** Properties that win over the service's own: its application.yml may well say spring.flyway.enabled=true. */
  static final Map<String, Object> PROPERTIES = Map.of(
      "spring.flyway.enabled", "false",
      "spring.liquibase.enabled", "false",
      "spring.test.database.replace", "none");

  private final Class<?> databaseClass;

  MigrationTestContextCustomizer(Class<?> databaseClass) {
    this.databaseClass = databaseClass;
  }

  @Override
  public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("schemakit", PROPERTIES));
    if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
      throw new IllegalStateException("@MigrationTest on [" + databaseClass.getName() + "] cannot add its DataSource"
          + " to a " + context.getClass().getName() + ": its bean factory takes no bean definitions.");
    }
    RootBeanDefinition dataSource = new RootBeanDefinition(DataSource.class, () -> database().dataSource());
    dataSource.setPrimary(true);
    registry.registerBeanDefinition("schemakitDataSource", dataSource);
    registry.registerBeanDefinition("schemakitMigratedDatabase",
        new RootBeanDefinition(MigratedDatabase.class, this::database));
  }

  private MigratedDatabase database() {
    return ClassDatabases.of(databaseClass).orElseThrow(() -> new IllegalStateException("@MigrationTest on ["
        + databaseClass.getName() + "] has no database yet while Spring builds the application context. This happens"
        + " under @TestInstance(PER_CLASS), where the instance (and with it the context) comes before @BeforeAll;"
        + " remove PER_CLASS from the class."));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MigrationTestContextCustomizer customizer && customizer.databaseClass == databaseClass;
  }

  @Override
  public int hashCode() {
    return databaseClass.hashCode();
  }
}
