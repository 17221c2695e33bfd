package dev.schemakit.change;

import java.util.Objects;

/**
 * One change between two versions of a contract (a pull request's base and head).
 *
 * @param category additive, changed or destructive
 * @param breaking whether an application version written against the base breaks on the head schema
 *     (it reads or writes something that is gone, or its writes are now rejected)
 * @param subject the object ({@code public.guilds}), for grouping
 * @param path the element ({@code public.guilds.realm})
 * @param description one sentence: what changed and, when breaking, why
 */
public record Change(Category category, boolean breaking, String subject, String path, String description) {

  public Change {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(description, "description");
  }

  /** What kind of change it is. */
  public enum Category {
    /** Something new that nothing depends on yet: a table, a nullable column, an index. */
    ADDITIVE,
    /** Something that exists is different: a type, a default, an action, a constraint. */
    CHANGED,
    /** Something is gone, with its data: a table, a column, an index. */
    DESTRUCTIVE
  }
}
