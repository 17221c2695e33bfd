package dev.schemakit.testkit;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases {@link MigrationTest} made for the test classes and methods that are running. For implementors of
 * framework integrations that build their own objects outside JUnit's extension context ({@code schemakit-spring}
 * routes its application context's {@code DataSource} to {@link #current()}).
 *
 * <p>JVM-wide on purpose: a framework's test context is built by code that sees the test class, not JUnit's store.
 * A class's entry lives from its {@code @BeforeAll} phase to its end. The database of the test running on a thread
 * is the class's while its {@code @BeforeAll} methods run, and the method's while a method runs (the class's under
 * {@link Isolation#PER_CLASS}, a copy of its own under {@link Isolation#PER_METHOD}).
 */
public final class ClassDatabases {

  private static final Map<Class<?>, ClassRun> RUNS = new ConcurrentHashMap<>();
  private static final ThreadLocal<Slot> CURRENT = new ThreadLocal<>();

  /** What runs on a thread: a class ({@code method} null) or one of its methods, over what ran before it there. */
  private record Slot(ClassRun run, Method method, MigratedDatabase database, Slot previous) {
  }

  private ClassDatabases() {
  }

  /** The database of a {@code @MigrationTest} class that is running, or empty. */
  public static Optional<MigratedDatabase> of(Class<?> testClass) {
    return Optional.ofNullable(RUNS.get(testClass)).map(ClassRun::database);
  }

  /** The database of the test class or method running on this thread, or empty when none is. */
  public static Optional<MigratedDatabase> current() {
    Slot slot = CURRENT.get();
    return slot == null ? Optional.empty() : Optional.of(slot.database());
  }

  /**
   * The database a test method of a running class uses, made now when it is the method's own copy and not made yet,
   * and from now on {@link #current()} on this thread until the method ends. For integrations whose hooks run before
   * the extension's {@code beforeEach} (a Spring test transaction begins there); asking twice gives the same one.
   *
   * @param testClass the class whose method runs, or a {@code @Nested} class of one
   * @throws IllegalStateException when neither the class nor an enclosing one is a running {@code @MigrationTest}
   */
  public static MigratedDatabase forMethod(Class<?> testClass, Method method) {
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      ClassRun run = RUNS.get(type);
      if (run != null) {
        return forMethod(run, method);
      }
    }
    throw new IllegalStateException("@MigrationTest has no database for [" + testClass.getName() + "]: the class is"
        + " not running, or it is not a @MigrationTest class.");
  }

  static MigratedDatabase forMethod(ClassRun run, Method method) {
    Slot slot = CURRENT.get();
    if (slot != null && slot.run() == run && method.equals(slot.method())) {
      return slot.database();
    }
    MigratedDatabase database = run.isolated(method) ? run.copy() : run.database();
    CURRENT.set(new Slot(run, method, database, slot));
    return database;
  }

  /** The method running on this thread has ended: its copy is given back, and the thread is what it was before. */
  static void endMethod(ClassRun run, Method method) {
    Slot slot = CURRENT.get();
    if (slot == null || slot.run() != run || !method.equals(slot.method())) {
      return;
    }
    restore(slot.previous());
    if (slot.database() != run.database()) {
      run.finished(slot.database());
    }
  }

  /** A class starts: registered until the returned handle is closed (by the class's JUnit store). */
  static AutoCloseable register(ClassRun run) {
    RUNS.put(run.testClass(), run);
    return () -> {
      RUNS.remove(run.testClass(), run);
      run.close();
    };
  }

  /** The class's {@code @BeforeAll} phase runs on this thread. */
  static void enterClass(ClassRun run) {
    CURRENT.set(new Slot(run, null, run.database(), CURRENT.get()));
  }

  /** The class's {@code @AfterAll} phase has ended on this thread. */
  static void leaveClass(ClassRun run) {
    Slot slot = CURRENT.get();
    if (slot != null && slot.run() == run && slot.method() == null) {
      restore(slot.previous());
    }
  }

  private static void restore(Slot previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
