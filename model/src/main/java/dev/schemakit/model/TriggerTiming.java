package dev.schemakit.model;

import java.util.Locale;

/** When a trigger fires relative to its event. */
public enum TriggerTiming {
  BEFORE,
  AFTER,
  INSTEAD_OF;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
