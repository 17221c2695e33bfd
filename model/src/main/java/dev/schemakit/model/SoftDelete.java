package dev.schemakit.model;

import java.util.Objects;

/**
 * The soft-delete rule of a table (contracts only; a database has no notion of it).
 *
 * @param column the column that marks deleted rows
 * @param kind timestamp or flag; {@code null} to infer it from the column's type
 * @param uniqueExcludesDeleted whether every unique index on the table (other than the primary
 *     key) must be partial and exclude deleted rows; default {@code true}
 * @param origin contract position
 */
public record SoftDelete(String column, SoftDeleteKind kind, boolean uniqueExcludesDeleted, Origin origin) {

  public SoftDelete {
    Objects.requireNonNull(column, "column");
  }
}
