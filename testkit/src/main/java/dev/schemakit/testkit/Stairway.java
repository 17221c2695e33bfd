package dev.schemakit.testkit;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.template.Databases;
import dev.schemakit.template.StairwayClimb;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The stairway test as JUnit dynamic tests: for every version, migrate up, undo, compare with the version
 * before, migrate up again and compare with the first time; last, undo everything down to empty.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> stairway() {
 *   return Stairway.of(factory, chain).exclude("7", "drops a column; its data cannot come back").tests();
 * }
 * }</pre>
 *
 * <p>The steps themselves, their outcomes and causes are {@link StairwayClimb} of schemakit-migrations, which the
 * CLI's {@code stairway} command climbs too: {@code Stairway.Step}, {@code Stairway.causes(steps)} and
 * {@link #climb()} are its.
 */
public final class Stairway extends StairwayClimb {

  private Stairway(Databases factory, MigrationChain chain) {
    super(factory, chain);
  }

  /** A stairway over a chain, on databases from the factory (PostgreSQL) or SQLite files. */
  public static Stairway of(Databases factory, MigrationChain chain) {
    return new Stairway(factory, chain);
  }

  @Override
  public Stairway exclude(String version, String reason) {
    super.exclude(version, reason);
    return this;
  }

  @Override
  public Stairway from(String version) {
    super.from(version);
    return this;
  }

  @Override
  public Stairway to(String version) {
    super.to(version);
    return this;
  }

  /**
   * The steps as JUnit dynamic tests, run lazily in order: one per version, then "down to empty" (for the whole
   * chain). An excluded version is an aborted test, a failed step a failed one.
   */
  public Stream<DynamicTest> tests() {
    Stream<DynamicTest> up = chain().versioned().stream()
        .filter(migration -> slice().contains(migration.version()))
        .map(migration -> DynamicTest.dynamicTest(
            "stairway " + migration.version().getVersion() + " (" + migration.fileName() + ")",
            () -> report(step(migration.version()))));
    if (isSlice()) {
      return up.onClose(this::finish);
    }
    return Stream.concat(up, Stream.of(DynamicTest.dynamicTest("stairway down to empty", () -> report(downToEmpty()))))
        .onClose(this::finish);
  }

  private static void report(Step step) {
    if (step.outcome() == Outcome.EXCLUDED) {
      Assumptions.abort("version " + step.version() + " is excluded: " + step.detail());
    }
    if (step.outcome() == Outcome.FAILED) {
      throw new AssertionError(step.detail());
    }
  }
}
