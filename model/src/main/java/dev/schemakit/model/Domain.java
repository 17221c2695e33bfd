package dev.schemakit.model;

import java.util.List;

/**
 * A domain ({@code CREATE DOMAIN}): a base type with constraints. In a contract a {@code null} attribute is not
 * asserted.
 *
 * @param name domain name
 * @param type the base type, in {@code format_type} spelling
 * @param nullable {@code false} for {@code NOT NULL}
 * @param defaultValue the default expression, or {@code null}
 * @param checks its {@code CHECK} constraints ({@code VALUE > 0})
 * @param origin contract position, {@code null} for snapshots
 */
public record Domain(String name, String type, Boolean nullable, String defaultValue, List<Check> checks,
    Origin origin) {

  public Domain {
    ModelChecks.name(name, "domain");
    checks = ModelChecks.list(checks);
  }
}
