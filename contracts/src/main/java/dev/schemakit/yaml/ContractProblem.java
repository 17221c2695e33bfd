package dev.schemakit.yaml;

import dev.schemakit.model.Origin;

/**
 * One thing wrong in a contract file.
 *
 * @param origin file, line and column of the offending element
 * @param message what was expected, what was found and, where known, the fix
 */
public record ContractProblem(Origin origin, String message) {

  @Override
  public String toString() {
    return origin + ": " + message;
  }
}
