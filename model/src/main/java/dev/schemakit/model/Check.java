package dev.schemakit.model;

import java.util.Objects;

/**
 * A {@code CHECK} constraint. Not-null constraints are columns' {@code nullable}, never checks.
 *
 * @param name constraint name, or {@code null} when a contract matches it by its expression
 * @param expression the boolean expression, without the {@code CHECK} keyword
 * @param origin contract position, {@code null} for snapshots
 */
public record Check(String name, String expression, Origin origin) {

  public Check {
    Objects.requireNonNull(expression, "expression");
  }
}
