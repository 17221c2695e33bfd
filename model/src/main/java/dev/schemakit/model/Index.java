package dev.schemakit.model;

import java.util.List;
import java.util.Objects;

/**
 * An index that does not back a primary key or unique constraint.
 *
 * @param name index name, or {@code null} when a contract matches it by its shape
 * @param elements indexed columns or expressions, in order, as PostgreSQL prints them
 * @param unique whether the index is unique
 * @param where partial-index predicate, or {@code null}
 * @param method access method ({@code btree}, {@code gin}, ...)
 * @param origin contract position, {@code null} for snapshots
 */
public record Index(
    String name, List<String> elements, boolean unique, String where, String method, Origin origin) {

  public Index {
    elements = ModelChecks.list(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("an index must have at least one column or expression");
    }
    Objects.requireNonNull(method, "method");
  }

  /** Whether {@code element} is a plain column name rather than an expression. */
  public static boolean isColumnName(String element) {
    return element.matches("[A-Za-z_][A-Za-z0-9_$]*|\"[^\"]+\"");
  }
}
