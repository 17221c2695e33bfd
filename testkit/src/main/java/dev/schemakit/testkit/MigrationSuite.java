package dev.schemakit.testkit;

import dev.schemakit.chain.ChainChecks;
import dev.schemakit.chain.ChainProblem;
import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationLock;
import dev.schemakit.chain.Version;
import dev.schemakit.safety.DeploySafety;
import dev.schemakit.safety.SafetyFinding;
import dev.schemakit.safety.SafetyReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The migration suite as generated tests: extend it, and the service's migrations get chain checks,
 * the lock on released migrations, upgrade from empty (and from chosen baselines), the stairway,
 * and the deploy safety of each migration not released yet ({@link #deploySafety()}), each check and
 * each stairway step a test of its own in the report. For users.
 *
 * <pre>{@code
 * class MigrationSuiteTests extends MigrationSuite { }     // settings as for @MigrationTest
 *
 * class StrictSuiteTests extends MigrationSuite {
 *   @Override protected boolean requireUndo() { return true; }
 *   @Override protected Map<String, String> stairwayExclusions() { return Map.of("7", "drops a column"); }
 * }
 * }</pre>
 *
 * <p>Settings (locations, schemas, placeholders, provider) come from {@code schemakit.properties},
 * system properties and {@code flyway.conf}, as for {@link MigrationTest} with no attributes, or from a
 * {@code @MigrationTest} on the suite class ({@code @MigrationTest(provider = Provider.SQLITE, locations =
 * "classpath:db/sqlite")}); override {@link #settings()} to set them in code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MigrationSuite {

  private TestDatabases factory;
  private MigrationChain chain;

  /** The chain's settings; default: as {@code @MigrationTest} resolves them. */
  protected ChainSettings settings() {
    return resolved().migrations();
  }

  /** The lock file of released migrations; default {@code schemakit.lock} in the working directory (the module). */
  protected Path lockFile() {
    return Path.of(MigrationLock.FILE_NAME);
  }

  /** Whether every versioned migration needs an undo script; default false. */
  protected boolean requireUndo() {
    return false;
  }

  /** Whether whole-number versions must have no gaps; default false. */
  protected boolean contiguousVersions() {
    return false;
  }

  /** Released versions the head must also be reachable from; default none (empty only). */
  protected List<String> baselines() {
    return List.of();
  }

  /** Versions left out of the stairway, with the reason printed; default none. */
  protected Map<String, String> stairwayExclusions() {
    return Map.of();
  }

  /** Whether to run the stairway; default: when the chain has undo scripts. */
  protected boolean stairway() {
    return !chain().undo().isEmpty();
  }

  /**
   * System property that turns the lock check into recording: {@code mvn test -Dtest=MigrationSuiteTests
   * -Dschemakit.lock.record=true} adds every migration not in the lock file yet (at a release). It refuses
   * when released migrations were changed.
   */
  public static final String RECORD_PROPERTY = "schemakit.lock.record";

  @TestFactory
  Stream<DynamicTest> chainChecks() {
    MigrationChain migrations = chain();
    if (Boolean.getBoolean(RECORD_PROPERTY)) {
      return Stream.of(DynamicTest.dynamicTest("record new releases into " + lockFile(), () ->
          MigrationLock.read(lockFile()).withNewReleases(migrations).write(lockFile())));
    }
    List<ChainProblem> problems = ChainChecks.defaults().requireUndo(requireUndo())
        .contiguousVersions(contiguousVersions()).check(migrations);
    List<ChainProblem> released = MigrationLock.read(lockFile()).check(migrations);
    return Stream.of(
        check("files " + chain().settings().engine().name() + " would skip, undo scripts without migration" + (requireUndo() ? ", missing undo" : "")
            + (contiguousVersions() ? ", version gaps" : ""), problems),
        check("released migrations unchanged (" + lockFile() + ")", released));
  }

  @TestFactory
  Stream<DynamicTest> upgrades() {
    Stream<DynamicTest> fromEmpty = Stream.of(DynamicTest.dynamicTest("upgrade from empty to head",
        () -> upgradeAsDeployed(factory().create(chain(), Version.EMPTY))));
    Stream<DynamicTest> fromBaselines = baselines().stream().map(baseline -> DynamicTest.dynamicTest(
        "upgrade from " + baseline + " to head", () -> upgradeAsDeployed(factory().create(chain(), baseline))));
    return Stream.concat(fromEmpty, fromBaselines);
  }

  /**
   * The upgrade a deployment makes: the engine applies every migration itself, reading each script its own way, not
   * the direct way {@code migrateTo} takes for speed (see docs/migration-test.md, "How migrations are applied").
   */
  private void upgradeAsDeployed(MigratedDatabase database) {
    chain().settings().engine().migrateAsDeployed(chain(), database.dataSource(), database.jdbcUrl(),
        chain().resolve(MigrationChain.LATEST));
  }

  @TestFactory
  Stream<DynamicTest> stairwaySteps() {
    if (!stairway()) {
      return Stream.empty();
    }
    Stairway stairway = Stairway.of(factory(), chain());
    stairwayExclusions().forEach(stairway::exclude);
    return stairway.tests();
  }

  /**
   * Whether the migrations not in the lock file also run on a seeded database at the version before
   * each (the dynamic deploy-safety check, PostgreSQL only); default true. The static rules always run.
   */
  protected boolean dynamicDeploySafety() {
    return true;
  }

  /**
   * One test per migration not in the lock file yet (all of them without one): it fails on a deploy-safety
   * error (a lock or rewrite that blocks a live table, a change that breaks the running version), with
   * the findings as the message; warnings, waivers and disproved findings are printed.
   */
  @TestFactory
  Stream<DynamicTest> deploySafety() {
    MigrationChain migrations = chain();
    DeploySafety safety = DeploySafety.of(migrations);
    if (java.nio.file.Files.exists(lockFile())) {
      safety.released(MigrationLock.read(lockFile()));
    }
    if (safety.unreleased().isEmpty()) {
      return Stream.empty();
    }
    SafetyReport report = dynamicDeploySafety() && factory() instanceof DatabaseFactory databases
        ? safety.check(databases) : safety.check();
    return report.checked().stream().map(file -> DynamicTest.dynamicTest("deploy safety of " + file, () -> {
      List<SafetyFinding> findings = report.findings().stream().filter(f -> f.file().equals(file)).toList();
      String text = String.join("", findings.stream().map(SafetyFinding::render).toList());
      if (findings.stream().anyMatch(SafetyFinding::isError)) {
        throw new AssertionError(findings.stream().filter(SafetyFinding::isError).count() + " deploy-safety "
            + "error(s) in " + file + ":\n" + text);
      }
      if (!text.isEmpty()) {
        System.out.print(text);
      }
    }));
  }

  @AfterAll
  void dropDatabases() {
    if (factory != null) {
      factory.close();
    }
  }

  private static DynamicTest check(String name, List<ChainProblem> problems) {
    return DynamicTest.dynamicTest(name, () -> {
      if (!problems.isEmpty()) {
        throw new AssertionError(problems.size() + " problem(s):\n" + String.join("\n",
            problems.stream().map(ChainProblem::toString).toList()));
      }
    });
  }

  private MigrationChain chain() {
    if (chain == null) {
      chain = MigrationChain.scan(settings());
    }
    return chain;
  }

  private TestDatabases factory() {
    if (factory == null) {
      factory = MigrationTestExtension.databases(resolved());
    }
    return factory;
  }

  /** The suite class's own {@code @MigrationTest} (locations, provider, ...) when it has one, else the defaults. */
  private MigrationTestSettings resolved() {
    MigrationTest defaults = org.junit.platform.commons.support.AnnotationSupport
        .findAnnotation(getClass(), MigrationTest.class)
        .orElse(Defaults.class.getAnnotation(MigrationTest.class));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return MigrationTestSettings.resolve(defaults, loader != null ? loader : getClass().getClassLoader(), getClass());
  }

  /** Carries the annotation's defaults. */
  @MigrationTest
  private static final class Defaults {
  }
}
