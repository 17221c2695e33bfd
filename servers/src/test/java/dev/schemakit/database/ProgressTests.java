package dev.schemakit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Progress lines reach the run that made them, and only after the step did what they say. */
class ProgressTests {

  @Test
  void twoRunsAtOnceEachSeeOnlyTheirOwnLinesAndThoseOfTheThreadsTheyStart() throws Exception {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    CountDownLatch bothRedirected = new CountDownLatch(2);
    ExecutorService runs = Executors.newFixedThreadPool(2);
    try {
      Future<?> one = runs.submit(() -> run("first", first, bothRedirected));
      Future<?> two = runs.submit(() -> run("second", second, bothRedirected));
      one.get(10, TimeUnit.SECONDS);
      two.get(10, TimeUnit.SECONDS);
    } finally {
      runs.shutdownNow();
    }

    assertThat(first).containsExactly("schemakit: WARNING first", "schemakit: WARNING first, from a thread it started");
    assertThat(second).containsExactly("schemakit: WARNING second",
        "schemakit: WARNING second, from a thread it started");
  }

  private static Void run(String name, List<String> lines, CountDownLatch bothRedirected) throws Exception {
    try (Progress.Redirect redirect = Progress.to(lines::add)) {
      bothRedirected.countDown();
      // both redirects are in force before either prints: one global sink would mix the lines
      assertThat(bothRedirected.await(10, TimeUnit.SECONDS)).isTrue();
      Progress.warning(name);
      Thread child = new Thread(() -> Progress.warning(name + ", from a thread it started"));
      child.start();
      child.join();
    }
    Progress.warning(name + " after the redirect, to standard error");
    return null;
  }

  @Test
  void aSlowStepPrintsItsLineOnlyWhenItSucceeded() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Progress.Redirect redirect = Progress.to(lines::add)) {
      assertThatThrownBy(() -> {
        try (Progress.Step step = Progress.step("built the template of version 2")) {
          Thread.sleep(Progress.THRESHOLD_MILLIS + 20);
          throw new IllegalStateException("V2 failed");
        }
      }).hasMessage("V2 failed");
      try (Progress.Step step = Progress.step("built the template of version 1")) {
        Thread.sleep(Progress.THRESHOLD_MILLIS + 20);
        step.succeeded();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      try (Progress.Step step = Progress.step("a quick step")) {
        step.succeeded();
      }
    }

    assertThat(lines).singleElement().asString().matches("schemakit: built the template of version 1 \\([0-9.]+ s\\)");
  }
}
