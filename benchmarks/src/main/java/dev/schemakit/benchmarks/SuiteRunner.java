package dev.schemakit.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.HashMap;
import java.util.Map;
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
    launcher.execute(request, summary);
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
}
