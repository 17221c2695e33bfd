package dev.schemakit.model;

import java.util.Locale;

/** How a soft-deletable table marks deleted rows. */
public enum SoftDeleteKind {
  /** A nullable timestamp (or date): {@code NULL} means live, a value means deleted at that time. */
  TIMESTAMP,
  /** A {@code NOT NULL} boolean flag, {@code false} for live rows. */
  FLAG;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
