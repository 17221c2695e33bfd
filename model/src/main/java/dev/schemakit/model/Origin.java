package dev.schemakit.model;

import java.util.Objects;

/**
 * Where a model element was declared: a position in a contract file (1-based line and column).
 * Elements read from a database have no origin ({@code null}).
 */
public record Origin(String file, int line, int column) {

  public Origin {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
