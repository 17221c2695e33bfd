package dev.schemakit.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waits for work that goes on after a call returns (the embedded server's background drops, an {@code rm} that
 * outlives its JVM): the tests assert on the value once it settled or the time is up, so a slow machine only waits.
 */
public final class Eventually {

  private Eventually() {
  }

  /**
   * Reads a value until it is what {@code settled} accepts or {@code atMost} has passed, and returns the last one read.
   */
  public static <T> T value(Duration atMost, Callable<T> read, Predicate<T> settled) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    T value = read.call();
    while (!settled.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      value = read.call();
    }
    return value;
  }
}
