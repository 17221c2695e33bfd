package dev.schemakit.spring;

import dev.schemakit.testkit.ClassDatabases;
import dev.schemakit.template.PlainDataSource;
import dev.schemakit.testkit.MigratedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The {@code DataSource} of an application context that {@code @MigrationTest} classes share: every connection goes
 * to the database of the test that asks for it, so that one context serves many classes (and methods) while each
 * sees only its own database.
 *
 * <p>Which test asks: on a test's own thread, the database {@link ClassDatabases#current()} names (the class's, or
 * the method's own copy). On any other thread (a web server's for {@code webEnvironment = RANDOM_PORT}, an
 * {@code @Async} executor's), the database of the one test that uses the context right now; when tests of two
 * classes use it at once (JUnit running classes in parallel), that thread cannot tell, and the connection is refused
 * with a message saying so. Connections are not pooled: each is the test database's own, closed when closed.
 */
final class TestDatabaseDataSource extends PlainDataSource {

  private final String configuration;
  /** The databases of the tests using the context now, by the thread the test runs on. */
  private final Map<Thread, MigratedDatabase> running = new ConcurrentHashMap<>();

  /** @param configuration the classes' configuration, for messages */
  TestDatabaseDataSource(String configuration) {
    this.configuration = configuration;
  }

  /** A test method starts using the context on this thread. */
  void enter(MigratedDatabase database) {
    running.put(Thread.currentThread(), database);
  }

  /** The test method on this thread is done with the context. */
  void leave() {
    running.remove(Thread.currentThread());
  }

  /** The database a connection asked for now goes to. */
  MigratedDatabase database() throws SQLException {
    MigratedDatabase own = ClassDatabases.current().orElse(null);
    if (own != null) {
      return own;
    }
    Set<MigratedDatabase> now = Set.copyOf(running.values());
    if (now.size() == 1) {
      return now.iterator().next();
    }
    if (now.isEmpty()) {
      throw new SQLException("schemakit: a connection was asked for on thread '" + Thread.currentThread().getName()
          + "' of the application context of " + configuration + ", but no test that uses the context is running."
          + " The context's DataSource hands out the database of the running test; use it from a test method, or from"
          + " a @BeforeAll/@BeforeEach method of a @MigrationTest class. When Spring builds the context before the"
          + " class's @BeforeAll (under @TestInstance(PER_CLASS)), remove PER_CLASS from the class.");
    }
    throw new SQLException("schemakit: a connection was asked for on thread '" + Thread.currentThread().getName()
        + "', which is not a test's own, while tests of the application context of " + configuration + " run at"
        + " the same time on " + running.keySet().stream().map(Thread::getName).sorted().collect(Collectors.joining(", "))
        + ": it cannot tell whose database it is for. Give these classes a context each (@DirtiesContext, or a"
        + " property of their own), or let JUnit run them one after the other.");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return database().connection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return database().dataSource().getConnection(username, password);
  }

  @Override
  public String toString() {
    return "schemakit test DataSource of " + configuration;
  }
}
