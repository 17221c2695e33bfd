package dev.schemakit.model;

import java.util.List;

/**
 * A view or materialized view.
 *
 * @param name view name
 * @param materialized whether it is a materialized view
 * @param columns output column names in order; empty in a contract means not asserted
 * @param definition the query as PostgreSQL prints it ({@code pg_get_viewdef}), or {@code null}
 *     when a contract does not assert it
 * @param comment comment, or {@code null}
 * @param origin contract position, {@code null} for snapshots
 */
public record View(
    String name,
    boolean materialized,
    List<String> columns,
    String definition,
    String comment,
    Origin origin) {

  public View {
    ModelChecks.name(name, "view");
    columns = ModelChecks.list(columns);
  }
}
