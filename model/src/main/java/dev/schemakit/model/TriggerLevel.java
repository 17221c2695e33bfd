package dev.schemakit.model;

import java.util.Locale;

/** Whether a trigger fires once per row or once per statement. */
public enum TriggerLevel {
  ROW,
  STATEMENT;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
