package dev.schemakit.database;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One line for each slow step of getting a database ready (extracting the binaries, {@code initdb},
 * building a template from many migrations), so that a first run that takes twenty seconds says where they
 * go. Quiet when fast: a step that takes less than {@link #THRESHOLD_MILLIS} prints nothing.
 *
 * <p>Lines go to {@code System.err} unless a build tool names its own logger ({@link #sink(Consumer)}: the
 * Maven plugin does, for the duration of a goal). For implementors of build integrations.
 */
public final class Progress {

  /** Steps shorter than this print nothing. */
  public static final long THRESHOLD_MILLIS = 500;

  private static volatile Consumer<String> sink = System.err::println;

  private Progress() {
  }

  /**
   * Where the lines go from now on; returns the previous sink, to put back afterwards.
   *
   * <pre>{@code
   * Consumer<String> before = Progress.sink(getLog()::info);
   * try { ... } finally { Progress.sink(before); }
   * }</pre>
   */
  public static Consumer<String> sink(Consumer<String> lines) {
    Consumer<String> previous = sink;
    sink = Objects.requireNonNull(lines, "lines");
    return previous;
  }

  /**
   * One line for something that went wrong but does not change a result, such as a test database that could
   * not be dropped after the tests: "schemakit: WARNING {what}". Always printed.
   */
  public static void warning(String what) {
    sink.accept("schemakit: WARNING " + what);
  }

  /** Starts a step; closing it prints "schemakit: {done} (2.1 s)" when it took long enough to notice. */
  public static Step step(String done) {
    return new Step(done, System.nanoTime());
  }

  /** A step under way. */
  public static final class Step implements AutoCloseable {
    private final String done;
    private final long started;

    private Step(String done, long started) {
      this.done = done;
      this.started = started;
    }

    @Override
    public void close() {
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (millis >= THRESHOLD_MILLIS) {
        sink.accept(String.format(Locale.ROOT, "schemakit: %s (%.1f s)", done, millis / 1000.0));
      }
    }
  }
}
