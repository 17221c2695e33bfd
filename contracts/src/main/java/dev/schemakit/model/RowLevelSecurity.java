package dev.schemakit.model;

import java.util.List;

/**
 * Row-level security of a table.
 *
 * @param enabled {@code ALTER TABLE ... ENABLE ROW LEVEL SECURITY}
 * @param forced {@code FORCE ROW LEVEL SECURITY} (applies to the table owner too)
 * @param policies names of the policies on the table, sorted
 * @param origin contract position, {@code null} for snapshots
 */
public record RowLevelSecurity(boolean enabled, boolean forced, List<String> policies, Origin origin) {

  public RowLevelSecurity {
    policies = ModelChecks.list(policies).stream().sorted().toList();
  }

  /** What a table without row-level security has. */
  public static RowLevelSecurity disabled() {
    return new RowLevelSecurity(false, false, List.of(), null);
  }
}
