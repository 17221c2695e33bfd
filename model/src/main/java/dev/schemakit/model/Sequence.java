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
 * @param start {@code START WITH}
 * @param cache {@code CACHE}
 * @param ownedBy {@code OWNED BY} as {@code table.column} (schema-qualified when the table is in another schema),
 *     or {@code none}; {@code null} in a contract is not asserted
 */
public record Sequence(
    String name, Long increment, Long minValue, Long maxValue, Boolean cycle, Origin origin, Long start, Long cache,
    String ownedBy) {

  /** A sequence whose start, cache and owner are not asserted. */
  public Sequence(String name, Long increment, Long minValue, Long maxValue, Boolean cycle, Origin origin) {
    this(name, increment, minValue, maxValue, cycle, origin, null, null, null);
  }

  public Sequence {
    ModelChecks.name(name, "sequence");
  }
}
