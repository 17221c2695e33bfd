package dev.schemakit.diff;

import java.util.List;

/**
 * The outcome of comparing a contract with a database.
 *
 * @param findings every difference, in contract order (schema, then table, then element)
 * @param subjects everything that was compared ({@code public.guilds}, {@code public.enum
 *     guild_status}, {@code extensions}), in order; reports make one test case of each
 */
public record DiffResult(List<Finding> findings, List<String> subjects) {

  public DiffResult {
    findings = List.copyOf(findings);
    subjects = List.copyOf(subjects);
  }

  /** Whether nothing at error severity was found. */
  public boolean passed() {
    return errors().isEmpty();
  }

  public List<Finding> errors() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  public List<Finding> warnings() {
    return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
  }

  /** The findings about one subject. */
  public List<Finding> findingsFor(String subject) {
    return findings.stream().filter(f -> f.subject().equals(subject)).toList();
  }
}
