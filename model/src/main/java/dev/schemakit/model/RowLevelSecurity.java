package dev.schemakit.model;

import java.util.List;

/**
 * Row-level security of a table.
 *
 * @param enabled {@code ALTER TABLE ... ENABLE ROW LEVEL SECURITY}
 * @param forced {@code FORCE ROW LEVEL SECURITY} (applies to the table owner too)
 * @param policies the policies on the table, sorted by name
 * @param origin contract position, {@code null} for snapshots
 */
public record RowLevelSecurity(boolean enabled, boolean forced, List<Policy> policies, Origin origin) {

  public RowLevelSecurity {
    policies = ModelChecks.list(policies).stream().sorted(java.util.Comparator.comparing(Policy::name)).toList();
  }

  /** The policies' names, sorted. */
  public List<String> policyNames() {
    return policies.stream().map(Policy::name).toList();
  }

  /** The policy of this name, if there is one. */
  public java.util.Optional<Policy> policy(String name) {
    return policies.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** What a table without row-level security has. */
  public static RowLevelSecurity disabled() {
    return new RowLevelSecurity(false, false, List.of(), null);
  }
}
