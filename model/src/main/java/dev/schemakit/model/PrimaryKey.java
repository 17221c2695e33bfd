package dev.schemakit.model;

import java.util.List;

/**
 * A primary key.
 *
 * @param name constraint name, or {@code null} when a contract does not assert it
 * @param columns key columns in key order
 * @param origin contract position, {@code null} for snapshots
 */
public record PrimaryKey(String name, List<String> columns, Origin origin) {

  public PrimaryKey {
    columns = ModelChecks.nonEmpty(columns, "a primary key");
  }
}
