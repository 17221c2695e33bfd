package dev.schemakit.testkit;

import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.database.ContainerPostgres;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.database.PostgresBinaries;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.database.Progress;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.ExtensionCheck;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Provisions the database of a {@link MigrationTest} class and injects it. */
final class MigrationTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MigrationTestExtension.class);
  private static final String DATABASE = "database";
  private static final String RUN = "run";

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    // once per run: a class path with mixed JUnit versions gets one message naming them, not a stack trace
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(JUnitVersions.class, key -> {
      JUnitVersions.mismatch(JUnitVersions.found(classLoader(testClass))).ifPresent(problem -> {
        throw new ExtensionConfigurationException("@MigrationTest on [" + testClass.getName() + "]: " + problem);
      });
      return Boolean.TRUE;
    });
    Optional<MigrationTest> annotation = AnnotationSupport.findAnnotation(testClass, MigrationTest.class);
    if (annotation.isEmpty()) {
      return; // a @Nested class of a @MigrationTest class: it uses the enclosing class's database
    }
    // validation first, so a wrong setting costs nothing and leaves nothing behind
    MigrationTestSettings settings;
    MigrationChain chain;
    Version version;
    try {
      settings = MigrationTestSettings.resolve(annotation.get(), classLoader(testClass), testClass);
      if (settings.provider() == Provider.EMBEDDED) {
        // the JVM's server starts while the migrations are read; it creates nothing a wrong setting could spoil
        EmbeddedPostgres.prestart(settings.postgres());
      }
      chain = chain(context, settings);
      version = chain.resolve(settings.target());
      settings = onContainerForExtensions(settings, chain, version, testClass);
    } catch (MigrationTestSettings.Invalid | MigrationException | IllegalArgumentException e) {
      throw new ExtensionConfigurationException("@MigrationTest on [" + testClass.getName() + "]: " + e.getMessage(),
          e);
    }
    TestDatabases databases = databases(context, settings);
    MigratedDatabase database = databases.create(chain, version, settings.seeds());
    ClassRun run = new ClassRun(testClass, databases, database, settings.isolation());
    context.getStore(NAMESPACE).put(DATABASE, database);
    context.getStore(NAMESPACE).put(RUN, run);
    // frameworks that build the class's context outside JUnit (Spring) find it there until the class ends
    context.getStore(NAMESPACE).put(ClassDatabases.class, new StoredResource<>(ClassDatabases.register(run)));
    ClassDatabases.enterClass(run);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClassRun run = context.getStore(NAMESPACE).get(RUN, ClassRun.class);
    if (run != null && run.testClass() == context.getRequiredTestClass()) {
      ClassDatabases.leaveClass(run);
    }
  }

  /**
   * The method's database: its own copy of the class's when it is isolated. Before any {@code @BeforeEach} method,
   * so those see it too.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    ClassRun run = context.getStore(NAMESPACE).get(RUN, ClassRun.class);
    if (run == null) {
      return;
    }
    MigratedDatabase database = ClassDatabases.forMethod(run, context.getRequiredTestMethod());
    if (database != run.database()) {
      context.getStore(NAMESPACE).put(DATABASE, database);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClassRun run = context.getStore(NAMESPACE).get(RUN, ClassRun.class);
    if (run != null) {
      ClassDatabases.endMethod(run, context.getRequiredTestMethod());
    }
  }

  /**
   * A class left to {@code provider = AUTO} whose migrations create an extension the embedded server lacks (PostGIS,
   * pgvector) runs on Testcontainers, when {@code schemakit.testcontainers.image.<extension>} names an image for it
   * and Docker is there; otherwise it stays, and the template build fails with the message that says so.
   */
  private static MigrationTestSettings onContainerForExtensions(MigrationTestSettings settings, MigrationChain chain,
      Version version, Class<?> testClass) {
    if (settings.provider() != Provider.EMBEDDED || settings.providerChosen() || settings.extensionImages().isEmpty()) {
      return settings;
    }
    for (ExtensionCheck.Wanted missing : ExtensionCheck.missing(EmbeddedPostgres.shared(settings.postgres()), chain,
        version)) {
      String image = settings.extensionImages().get(missing.extension());
      if (image != null && testcontainersPresent() && ContainerPostgres.dockerAvailable()) {
        Progress.warning("@MigrationTest on [" + testClass.getName() + "]: " + missing.file() + ":" + missing.line()
            + " creates the extension '" + missing.extension() + "', which the embedded server lacks: the class runs"
            + " on Testcontainers with " + image + " (schemakit.testcontainers.image." + missing.extension() + ").");
        return settings.onContainer(image);
      }
    }
    return settings;
  }

  /** Migrations are read once per test run and settings, not once per class: classes should cost a clone only. */
  private static MigrationChain chain(ExtensionContext context, MigrationTestSettings settings) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(new ChainKey(settings.migrations()),
        key -> MigrationChain.scan(key.settings()), MigrationChain.class);
  }

  private record ChainKey(ChainSettings settings) {
  }

  /** One factory per server for the whole test run, held by the root store, which closes it at the end. */
  private static TestDatabases databases(ExtensionContext context, MigrationTestSettings settings) {
    String key = switch (settings.provider()) {
      case EXTERNAL -> "factory:external:" + settings.externalUrl() + ":" + settings.externalUser();
      case TESTCONTAINERS -> "factory:testcontainers:" + image(settings);
      case SQLITE -> "factory:sqlite";
      default -> "factory:embedded:" + settings.postgres();
    };
    @SuppressWarnings("unchecked")
    StoredResource<TestDatabases> stored = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(key, k -> new StoredResource<>(databases(settings)), StoredResource.class);
    return stored.resource();
  }

  /** New databases for a provider: files for SQLite, a factory on the provider's server otherwise. */
  static TestDatabases databases(MigrationTestSettings settings) {
    return settings.provider() == Provider.SQLITE ? TestDatabases.over(SqliteDatabases.open())
        : DatabaseFactory.on(server(settings));
  }

  /** The server a provider stands for; servers are JVM-wide, so asking twice gives the same one. */
  static PostgresServer server(MigrationTestSettings settings) {
    return switch (settings.provider()) {
      case EXTERNAL -> {
        PostgresServer external = ExternalPostgres.connect(settings.externalUrl(), settings.externalUser(),
            settings.externalPassword());
        if (settings.postgres().isPresent() && external.majorVersion() != settings.postgres().getAsInt()) {
          throw new ExtensionConfigurationException("PostgreSQL " + settings.postgres().getAsInt() + " was asked for"
              + " (postgres / " + PostgresBinaries.VERSION_PROPERTY + "), but " + external.description() + " runs "
              + external.majorVersion() + ". Point schemakit.external.url at a server of that major, or remove the"
              + " setting.");
        }
        yield external;
      }
      case TESTCONTAINERS -> {
        if (!testcontainersPresent()) {
          throw new ExtensionConfigurationException("provider TESTCONTAINERS needs org.testcontainers:postgresql"
              + " on the test classpath. Add that dependency (scope test), or use provider EMBEDDED, which needs"
              + " no Docker.");
        }
        yield ContainerPostgres.shared(image(settings));
      }
      default -> EmbeddedPostgres.shared(settings.postgres());
    };
  }

  private static String image(MigrationTestSettings settings) {
    if (settings.image() != null && !settings.image().isBlank()) {
      return settings.image();
    }
    return settings.postgres().isPresent() ? "postgres:" + settings.postgres().getAsInt() : ContainerPostgres.DEFAULT_IMAGE;
  }

  private static boolean testcontainersPresent() {
    try {
      Class.forName("org.testcontainers.containers.PostgreSQLContainer", false,
          MigrationTestExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static ClassLoader classLoader(Class<?> testClass) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : testClass.getClassLoader();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MigratedDatabase.class || type == DataSource.class || type == Connection.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    MigratedDatabase database = context.getStore(NAMESPACE).get(DATABASE, MigratedDatabase.class);
    if (database == null) {
      throw new ParameterResolutionException("@MigrationTest cannot inject " + parameter.getParameter()
          + " into " + parameter.getDeclaringExecutable() + ": the class has no database yet. Under"
          + " @TestInstance(PER_CLASS) the constructor runs before the database is made; declare the parameter in a"
          + " @BeforeAll, @BeforeEach or test method instead.");
    }
    ClassRun run = context.getStore(NAMESPACE).get(RUN, ClassRun.class);
    if (run != null && run.isolation() == Isolation.PER_METHOD
        && parameter.getDeclaringExecutable() instanceof java.lang.reflect.Constructor<?>) {
      // the constructor runs before the method's copy is made: it would get the class's database, which every
      // method's copy is taken from
      throw new ParameterResolutionException("@MigrationTest(isolation = PER_METHOD) on [" + run.testClass().getName()
          + "] cannot inject " + parameter.getParameter() + " into the constructor: it runs before the method's own"
          + " database is made. Declare the parameter in a @BeforeEach or test method (the method's database), or in"
          + " a @BeforeAll method (the class's, which every method's copy is taken from).");
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == MigratedDatabase.class) {
      return database;
    }
    if (type == DataSource.class) {
      return database.dataSource();
    }
    try {
      Connection connection = database.connection();
      // closed by the store when the scope that asked for it (method or class) ends
      context.getStore(NAMESPACE).put(new Object(), new StoredResource<AutoCloseable>(connection::close));
      return connection;
    } catch (SQLException e) {
      throw new ParameterResolutionException("Opening a connection to " + database.jdbcUrl() + " for "
          + parameter.getParameter() + " failed: " + e.getMessage(), e);
    }
  }
}
