package dev.schemakit.model;

import java.util.Locale;

/** A foreign key's ON DELETE / ON UPDATE action. */
public enum ReferentialAction {
  NO_ACTION,
  RESTRICT,
  CASCADE,
  SET_NULL,
  SET_DEFAULT;

  /** The spelling used in contracts: {@code no_action}, {@code cascade}, ... */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The SQL spelling: {@code NO ACTION}, {@code SET NULL}, ... */
  public String sql() {
    return name().replace('_', ' ');
  }
}
