package dev.schemakit.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Checks, as JUnit's launcher opens a session and before any engine looks for tests, that the JUnit jars on the class
 * path belong together. A mixed class path (a Jupiter API of one version, the engine and platform of another) mostly
 * fails in the engine's discovery, before any {@code @MigrationTest} class could say why: Surefire then reports
 * "There was an error in the forked process" and "TestEngine with ID 'junit-jupiter' failed to discover tests".
 * This fails the session with one message naming the versions found and the fix instead. Registered as a service of
 * the testkit jar for JUnit's launcher (Surefire, Gradle, IDEs); not for users.
 */
public final class JUnitVersionCheck implements LauncherSessionListener {

  /** Created by JUnit's launcher through {@link java.util.ServiceLoader}. */
  public JUnitVersionCheck() {
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    JUnitVersions.mismatch(JUnitVersions.found(loader != null ? loader : JUnitVersionCheck.class.getClassLoader()))
        .ifPresent(problem -> {
          throw new IllegalStateException("schemakit: " + problem);
        });
  }
}
