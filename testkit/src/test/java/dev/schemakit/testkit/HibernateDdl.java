package dev.schemakit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/**
 * The DDL Hibernate itself writes for entity classes on PostgreSQL with Spring Boot's physical naming: the reference
 * an entity comparison is held to (what Hibernate creates, Hibernate maps).
 */
final class HibernateDdl {

  private HibernateDdl() {
  }

  /** The statements of {@code create} for these entity classes, without a database connection. */
  static String of(List<Class<?>> entities) {
    Path script;
    try {
      script = Files.createTempFile("hibernate-ddl", ".sql");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .applySetting(AvailableSettings.DIALECT, "org.hibernate.dialect.PostgreSQLDialect")
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, 15)
        .applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
        .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName())
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create")
        .applySetting(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, script.toString())
        .applySetting(AvailableSettings.HBM2DDL_DELIMITER, ";")
        .build();
    try {
      MetadataSources sources = new MetadataSources(registry);
      entities.forEach(sources::addAnnotatedClass);
      Metadata metadata = sources.buildMetadata();
      SchemaManagementToolCoordinator.process(metadata, registry,
          registry.requireService(ConfigurationService.class).getSettings(), delayedDrop -> { });
      String ddl = Files.readString(script);
      Files.delete(script);
      return ddl;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      StandardServiceRegistryBuilder.destroy(registry);
    }
  }
}
