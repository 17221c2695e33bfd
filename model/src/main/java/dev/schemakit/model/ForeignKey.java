package dev.schemakit.model;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key constraint.
 *
 * @param name constraint name, or {@code null} when a contract matches it by its columns
 * @param columns referencing columns, in key order
 * @param referencedSchema schema of the referenced table
 * @param referencedTable referenced table
 * @param referencedColumns referenced columns, in key order
 * @param onDelete {@code ON DELETE} action; {@code null} in a contract means not asserted
 * @param onUpdate {@code ON UPDATE} action; {@code null} in a contract means not asserted
 * @param deferrable {@code DEFERRABLE}; {@code null} in a contract means not asserted
 * @param initiallyDeferred {@code INITIALLY DEFERRED}; {@code null} in a contract means not asserted
 * @param origin contract position, {@code null} for snapshots
 */
public record ForeignKey(
    String name,
    List<String> columns,
    String referencedSchema,
    String referencedTable,
    List<String> referencedColumns,
    ReferentialAction onDelete,
    ReferentialAction onUpdate,
    Boolean deferrable,
    Boolean initiallyDeferred,
    Origin origin) {

  public ForeignKey {
    columns = ModelChecks.nonEmpty(columns, "a foreign key");
    Objects.requireNonNull(referencedSchema, "referencedSchema");
    ModelChecks.name(referencedTable, "referenced table");
    referencedColumns = ModelChecks.list(referencedColumns);
  }

  /** {@code schema.table(col, ...)} of the referenced side. */
  public String referenceText() {
    return referencedSchema + "." + referencedTable + "(" + String.join(", ", referencedColumns) + ")";
  }
}
