package dev.schemakit.model;

import java.util.List;

/**
 * A {@code UNIQUE} table constraint.
 *
 * @param name constraint name, or {@code null} when a contract matches it by its columns
 * @param columns constrained columns, in order
 * @param origin contract position, {@code null} for snapshots
 */
public record UniqueConstraint(String name, List<String> columns, Origin origin) {

  public UniqueConstraint {
    columns = ModelChecks.nonEmpty(columns, "a unique constraint");
  }
}
