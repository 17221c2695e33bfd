package dev.schemakit.model;

import java.util.List;
import java.util.Objects;

/** Validation shared by the compact constructors of the model records. */
final class ModelChecks {

  private ModelChecks() {}

  static String name(String name, String what) {
    Objects.requireNonNull(name, what + " name");
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " name must not be blank");
    }
    return name;
  }

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  static List<String> nonEmpty(List<String> values, String what) {
    List<String> copy = list(values);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one column");
    }
    return copy;
  }
}
