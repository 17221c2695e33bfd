package dev.schemakit.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The version of a step of a migration chain, schemakit's own, whatever engine runs the chain: numbers separated by
 * dots or underscores ({@code 3}, {@code 1.2}, {@code 6_3_0_2}, {@code 2.15.0.20241203000001}), compared number by
 * number, a missing number counting as zero ({@code 1} and {@code 1.0} are the same version). It reads and orders
 * versions exactly as Flyway's {@code MigrationVersion} does, so a Flyway chain's versions are written the same way
 * in both; its method names follow Flyway's for that reason.
 *
 * <pre>{@code
 * Version.fromVersion("1_2").getVersion();                       // "1.2"
 * Version.fromVersion("1.10").compareTo(Version.fromVersion("1.9")); // > 0
 * }</pre>
 */
public final class Version implements Comparable<Version> {

  /** Before every version: a database no migration has run on. */
  public static final Version EMPTY = new Version(List.of(), null);

  private final List<BigInteger> numbers;
  private final String text;

  private Version(List<BigInteger> numbers, String text) {
    this.numbers = numbers;
    this.text = text;
  }

  /**
   * The version a text names: digits separated by {@code .} or {@code _}, leading zeros kept in the text
   * ({@code 001} is written {@code 001} and equals {@code 1}).
   *
   * @throws IllegalArgumentException when the text is empty or holds anything else
   */
  public static Version fromVersion(String text) {
    Objects.requireNonNull(text, "text");
    String dotted = text.strip().replace('_', '.');
    if (!dotted.matches("[0-9]+(\\.[0-9]+)*")) {
      throw new IllegalArgumentException("'" + text + "' is not a version: digits separated by '.' or '_' (e.g. '3'"
          + " or '1.2')");
    }
    List<BigInteger> numbers = new ArrayList<>();
    for (String part : dotted.split("\\.")) {
      numbers.add(new BigInteger(part));
    }
    return new Version(List.copyOf(numbers), dotted);
  }

  /** The version as written, underscores as dots ({@code 1.2}); {@code null} for {@link #EMPTY}. */
  public String getVersion() {
    return text;
  }

  /** Its first number: {@code 6} of {@code 6.3.0.2}. */
  public BigInteger getMajor() {
    return numbers.isEmpty() ? BigInteger.ZERO : numbers.get(0);
  }

  @Override
  public int compareTo(Version other) {
    if (this == EMPTY || other == EMPTY) {
      return this == other ? 0 : this == EMPTY ? -1 : 1;
    }
    for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
      int compared = number(i).compareTo(other.number(i));
      if (compared != 0) {
        return compared;
      }
    }
    return 0;
  }

  private BigInteger number(int index) {
    return index < numbers.size() ? numbers.get(index) : BigInteger.ZERO;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Version that && compareTo(that) == 0;
  }

  @Override
  public int hashCode() {
    if (this == EMPTY) {
      return -1;
    }
    int last = numbers.size();
    while (last > 1 && numbers.get(last - 1).signum() == 0) {
      last--;
    }
    return numbers.subList(0, last).hashCode();
  }

  /** The version as written; {@code << Empty Schema >>} for {@link #EMPTY}, as Flyway prints it. */
  @Override
  public String toString() {
    return this == EMPTY ? "<< Empty Schema >>" : text;
  }
}
