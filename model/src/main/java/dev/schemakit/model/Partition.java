package dev.schemakit.model;

/**
 * A partition of a partitioned table, listed under its parent: its columns, keys and indexes are the parent's.
 *
 * @param name the partition's table name (in the parent's schema)
 * @param bound {@code FOR VALUES FROM (...) TO (...)}, {@code FOR VALUES IN (...)}, {@code FOR VALUES WITH (...)} or
 *     {@code DEFAULT}, as the server prints it (timestamps in UTC); in a contract {@code null} is not asserted
 * @param origin contract position, {@code null} for snapshots
 */
public record Partition(String name, String bound, Origin origin) {

  public Partition {
    ModelChecks.name(name, "partition");
  }
}
