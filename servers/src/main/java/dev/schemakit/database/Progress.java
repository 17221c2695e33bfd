package dev.schemakit.database;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One line for each slow step of getting a database ready (extracting the binaries, {@code initdb},
 * building a template from many migrations), so that a first run that takes twenty seconds says where they
 * go. Quiet when fast: a step that takes less than {@link #THRESHOLD_MILLIS} prints nothing.
 *
 * <p>Lines go to {@code System.err} unless a build tool names its own logger for the run it makes
 * ({@link #to(Consumer)}: the Maven plugin does, for the duration of a goal). The logger belongs to the thread
 * that named it and to the threads that thread starts, so that test classes running in parallel, or a plugin
 * beside them, never print into each other's logs. For implementors of build integrations.
 */
public final class Progress {

  /** Steps shorter than this print nothing. */
  public static final long THRESHOLD_MILLIS = 500;

  private static final Consumer<String> STANDARD_ERROR = System.err::println;

  /** The sink of the run on this thread; threads a run starts inherit it with the rest of the run. */
  private static final InheritableThreadLocal<Consumer<String>> SINK = new InheritableThreadLocal<>() {
    @Override
    protected Consumer<String> initialValue() {
      return STANDARD_ERROR;
    }
  };

  private Progress() {
  }

  /**
   * Sends the lines of this thread (and of the threads it starts from now on) to {@code lines} until the returned
   * redirect is closed, which puts the previous sink back.
   *
   * <pre>{@code
   * try (Progress.Redirect redirect = Progress.to(getLog()::info)) { ... }
   * }</pre>
   */
  public static Redirect to(Consumer<String> lines) {
    Consumer<String> previous = SINK.get();
    SINK.set(Objects.requireNonNull(lines, "lines"));
    return new Redirect(previous);
  }

  /** Lines sent elsewhere until {@link #close()}, on the thread that made it. */
  public static final class Redirect implements AutoCloseable {
    private final Consumer<String> previous;

    private Redirect(Consumer<String> previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      SINK.set(previous);
    }
  }

  /**
   * One line for something that went wrong but does not change a result, such as a test database that could
   * not be dropped after the tests: "schemakit: WARNING {what}". Always printed.
   */
  public static void warning(String what) {
    SINK.get().accept("schemakit: WARNING " + what);
  }

  /**
   * Starts a step. Closing it after {@link Step#succeeded()} prints "schemakit: {done} (2.1 s)" when it took long
   * enough to notice; a step that failed prints nothing, since its line would claim what did not happen.
   */
  public static Step step(String done) {
    return new Step(done, System.nanoTime());
  }

  /** A step under way. */
  public static final class Step implements AutoCloseable {
    private final String done;
    private final long started;
    private boolean succeeded;

    private Step(String done, long started) {
      this.done = done;
      this.started = started;
    }

    /** The step did what its line says; call it last in the block. */
    public void succeeded() {
      succeeded = true;
    }

    @Override
    public void close() {
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (succeeded && millis >= THRESHOLD_MILLIS) {
        SINK.get().accept(String.format(Locale.ROOT, "schemakit: %s (%.1f s)", done, millis / 1000.0));
      }
    }
  }
}
