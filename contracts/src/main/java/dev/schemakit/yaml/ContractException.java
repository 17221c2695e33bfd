package dev.schemakit.yaml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when contract files cannot be read: every problem found in every file, each with its
 * file, line and column. Nothing is returned from a contract with problems.
 */
public final class ContractException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ContractProblem> problems;

  public ContractException(List<ContractProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public ContractException(List<ContractProblem> problems, Throwable cause) {
    super(render(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file and line order. */
  public List<ContractProblem> problems() {
    return problems;
  }

  private static String render(List<ContractProblem> problems) {
    String head = problems.size() == 1
        ? "Reading the contract failed:"
        : "Reading the contract failed with " + problems.size() + " problems:";
    return problems.stream()
        .map(p -> "  " + p)
        .collect(Collectors.joining("\n", head + "\n", ""));
  }
}
