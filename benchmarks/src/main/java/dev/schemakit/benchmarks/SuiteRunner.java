package dev.schemakit.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The JVM of one way of {@link SuiteBenchmark}: runs every test class of a package through the JUnit Platform
 * launcher, as Surefire would, and exits 1 when a test failed. {@code args}: the package, then {@code parallel}
 * to run classes concurrently on 2 threads.
 */
final class SuiteRunner {

  private SuiteRunner() {}

  public static void main(String[] args) {
    Map<String, String> configuration = new HashMap<>();
    if (args.length > 1 && args[1].equals("parallel")) {
      configuration.put("junit.jupiter.execution.parallel.enabled", "true");
      configuration.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
      configuration.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
      configuration.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
      configuration.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage(args[0]))
        .configurationParameters(configuration).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    ClassTimes times = new ClassTimes();
    launcher.execute(request, summary, times);
    times.print();
    TestExecutionSummary result = summary.getSummary();
    System.out.println("SUITE " + result.getContainersSucceededCount() + " containers, " + result.getTestsSucceededCount()
        + " tests passed, " + result.getTotalFailureCount() + " failed");
    if (result.getTotalFailureCount() > 0 || result.getTestsSucceededCount() == 0) {
      result.getFailures().forEach(failure -> System.out.println(failure.getTestIdentifier().getDisplayName() + ": "
          + failure.getException()));
      System.exit(1);
    }
    System.exit(0);
  }

  /**
   * Where a way's wall time went, printed into its log: the JVM's start to the first class, each class's time
   * (its database included) and the slowest classes, so the benchmark's breakdown is measured, not guessed.
   */
  private static final class ClassTimes implements TestExecutionListener {
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> took = new ConcurrentHashMap<>();
    private volatile long planStarted;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      planStarted = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
      if (isClass(identifier)) {
        started.put(identifier.getUniqueId(), System.nanoTime());
      }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
      Long start = started.get(identifier.getUniqueId());
      if (start != null && isClass(identifier)) {
        took.put(identifier.getDisplayName(), System.nanoTime() - start);
        finished.add(identifier.getDisplayName());
      }
    }

    private static boolean isClass(TestIdentifier identifier) {
      return identifier.getSource().filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance)
          .isPresent();
    }

    void print() {
      long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
      long sinceJvm = System.currentTimeMillis() - jvmStart;
      long plan = (System.nanoTime() - planStarted) / 1_000_000;
      System.out.printf(Locale.ROOT, "TIMES jvm start to plan start %d ms, plan %d ms, classes sum %d ms%n",
          sinceJvm - plan, plan, took.values().stream().mapToLong(Long::longValue).sum() / 1_000_000);
      StringBuilder line = new StringBuilder("TIMES per class (run order):");
      synchronized (finished) {
        for (String name : finished) {
          line.append(' ').append(name.replace("Test", "")).append('=').append(took.get(name) / 1_000_000);
        }
      }
      System.out.println(line);
    }
  }
}
