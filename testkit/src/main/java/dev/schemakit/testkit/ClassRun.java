package dev.schemakit.testkit;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A {@link MigrationTest} class while it runs: its database, where copies of it come from, and the copies its
 * methods used. Thread-safe: methods may run concurrently.
 */
final class ClassRun {

  /**
   * Copies of finished methods are dropped in batches, the newest few kept: a framework may still hold a connection
   * to the last one for a moment (Spring rolls its test transaction back after the extension's afterEach when its
   * extension was registered first).
   */
  private static final int FINISHED_KEPT = 4;
  private static final int DROP_BATCH = 16;

  private final Class<?> testClass;
  private final TestDatabases databases;
  private final MigratedDatabase database;
  private final Isolation isolation;
  private final Deque<String> finished = new ArrayDeque<>();
  private volatile boolean copied;

  ClassRun(Class<?> testClass, TestDatabases databases, MigratedDatabase database, Isolation isolation) {
    this.testClass = testClass;
    this.databases = databases;
    this.database = database;
    this.isolation = isolation;
  }

  Class<?> testClass() {
    return testClass;
  }

  /** The class's database: what {@code @BeforeAll} sees, and what every method's copy is taken from. */
  MigratedDatabase database() {
    return database;
  }

  Isolation isolation() {
    return isolation;
  }

  /** Whether a method gets a copy of its own: the class is {@code PER_METHOD}, or the method {@link FreshDatabase}. */
  boolean isolated(Method method) {
    return isolation == Isolation.PER_METHOD
        || method != null && AnnotationSupport.isAnnotated(method, FreshDatabase.class);
  }

  /** A copy of the class's database for one method. */
  MigratedDatabase copy() {
    copied = true;
    return databases.copy(database);
  }

  /** A method is done with its copy. */
  void finished(MigratedDatabase copy) {
    List<String> drop = new ArrayList<>();
    synchronized (finished) {
      finished.add(copy.name());
      if (finished.size() >= FINISHED_KEPT + DROP_BATCH) {
        while (finished.size() > FINISHED_KEPT) {
          drop.add(finished.poll());
        }
      }
    }
    if (!drop.isEmpty()) {
      databases.drop(drop);
    }
  }

  /**
   * The class is done: the copies of its methods go, with the class's database and the copies made ahead of it when
   * there were copies (a class without, as before, keeps its database to the end of the run).
   */
  void close() {
    List<String> drop;
    synchronized (finished) {
      drop = new ArrayList<>(finished);
      finished.clear();
    }
    if (copied) {
      drop.add(database.name());
    }
    if (!drop.isEmpty()) {
      databases.drop(drop);
    }
  }
}
