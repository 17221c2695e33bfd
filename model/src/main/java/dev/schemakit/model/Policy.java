package dev.schemakit.model;

import java.util.List;

/**
 * A row-level security policy ({@code CREATE POLICY}). In a contract a {@code null} attribute is not asserted.
 *
 * @param name policy name
 * @param command {@code all}, {@code select}, {@code insert}, {@code update} or {@code delete}
 * @param permissive {@code true} for {@code PERMISSIVE} (the default), {@code false} for {@code RESTRICTIVE}
 * @param roles the roles it applies to, sorted ({@code public} for every role)
 * @param using the {@code USING} expression, or {@code null} when it has none
 * @param withCheck the {@code WITH CHECK} expression, or {@code null} when it has none
 * @param origin contract position, {@code null} for snapshots
 */
public record Policy(String name, String command, Boolean permissive, List<String> roles, String using,
    String withCheck, Origin origin) {

  public Policy {
    ModelChecks.name(name, "policy");
    roles = roles == null ? null : List.copyOf(roles).stream().sorted().toList();
  }

  /** A policy a contract names and asserts nothing else of. */
  public static Policy named(String name, Origin origin) {
    return new Policy(name, null, null, null, null, null, origin);
  }
}
