package dev.schemakit.testkit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database {@link MigrationTest} made for a test class, while the class runs. For implementors of
 * framework integrations that build their own objects for the class outside JUnit's extension context
 * ({@code schemakit-spring} hands it to the Spring application context as its {@code DataSource}).
 *
 * <p>JVM-wide on purpose: a framework's test context is built by code that sees the test class, not
 * JUnit's store. An entry lives from the class's {@code @BeforeAll} phase to its end.
 */
public final class ClassDatabases {

  private static final Map<Class<?>, MigratedDatabase> DATABASES = new ConcurrentHashMap<>();

  private ClassDatabases() {
  }

  /** The database of a {@code @MigrationTest} class that is running, or empty. */
  public static Optional<MigratedDatabase> of(Class<?> testClass) {
    return Optional.ofNullable(DATABASES.get(testClass));
  }

  /** Registers until the returned handle is closed (by the class's JUnit store). */
  static AutoCloseable register(Class<?> testClass, MigratedDatabase database) {
    DATABASES.put(testClass, database);
    return () -> DATABASES.remove(testClass, database);
  }
}
