package dev.schemakit.model;

/**
 * A sequence. In a contract a {@code null} attribute is not asserted.
 *
 * @param name sequence name
 * @param increment increment
 * @param minValue minimum value
 * @param maxValue maximum value
 * @param cycle whether it wraps around
 * @param origin contract position, {@code null} for snapshots
 */
public record Sequence(
    String name, Long increment, Long minValue, Long maxValue, Boolean cycle, Origin origin) {

  public Sequence {
    ModelChecks.name(name, "sequence");
  }
}
