package dev.schemakit.model;

import java.util.Locale;

/** The statement kinds a trigger fires on. */
public enum TriggerEvent {
  INSERT,
  UPDATE,
  DELETE,
  TRUNCATE;

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
