package dev.schemakit.model;

import java.util.List;

/**
 * An enum type with its labels in sort order.
 *
 * @param name type name
 * @param labels labels in their declared sort order
 * @param origin contract position, {@code null} for snapshots
 */
public record EnumType(String name, List<String> labels, Origin origin) {

  public EnumType {
    ModelChecks.name(name, "enum type");
    labels = ModelChecks.list(labels);
  }
}
