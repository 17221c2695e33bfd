package dev.schemakit.safety;

import dev.schemakit.safety.SafetyCode.Severity;
import dev.schemakit.safety.SafetyFinding.Status;
import java.util.List;
import java.util.Map;

/**
 * The deploy-safety findings of the unreleased migrations.
 *
 * @param checked  file names of the migrations checked, lowest version first
 * @param findings every finding, open, waived or disproved, in migration and line order
 * @param notes    what the check could not do (a table it could not seed, a waiver that matched nothing)
 * @param dynamicMillis per migration, how long the dynamic check took (clone, seed, run); empty without it
 * @param dynamic  whether the migrations were run on a database
 */
public record SafetyReport(List<String> checked, List<SafetyFinding> findings, List<String> notes,
    Map<String, Long> dynamicMillis, boolean dynamic) {


  public SafetyReport {
    checked = List.copyOf(checked);
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
    dynamicMillis = Map.copyOf(dynamicMillis);
  }

  /** Whether any finding fails the lint. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(SafetyFinding::isError);
  }

  /** How many open findings have this severity. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.status() == Status.OPEN && f.code().severity() == severity).count();
  }

  /** How many findings have this status. */
  public long count(Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  /** The findings, the notes and a summary line. */
  public String render() {
    return renderFindings() + summary() + '\n';
  }

  /** The findings and the notes, without the summary line (the CLI prints it after the chain's own). */
  public String renderFindings() {
    StringBuilder text = new StringBuilder();
    findings.forEach(f -> text.append(f.render()));
    notes.forEach(n -> text.append("note: ").append(n).append('\n'));
    return text.toString();
  }

  /**
   * {@code deploy safety of 2 unreleased migration(s): 1 error(s), 0 warning(s), 1 waived, 1 disproved (...)}; with the
   * dynamic check, its total time, the time per migration and the longest migration's.
   */
  public String summary() {
    if (checked.isEmpty()) {
      return "deploy safety: every migration is released (in the lock), nothing to check";
    }
    StringBuilder text = new StringBuilder("deploy safety of ").append(checked.size())
        .append(" unreleased migration(s)").append(dynamic ? " (static and dynamic)" : " (static; --dynamic runs them)")
        .append(": ").append(count(Severity.ERROR)).append(" error(s), ").append(count(Severity.WARNING))
        .append(" warning(s)");
    long waived = count(Status.WAIVED);
    long disproved = count(Status.DISPROVED);
    if (waived > 0) {
      text.append(", ").append(waived).append(" waived");
    }
    if (disproved > 0) {
      text.append(", ").append(disproved).append(" disproved by the dynamic check");
    }
    if (!dynamicMillis.isEmpty()) {
      long total = dynamicMillis.values().stream().mapToLong(Long::longValue).sum();
      text.append(String.format(java.util.Locale.ROOT, "; dynamic check %.1f s, %.2f s per migration", total / 1000.0,
          total / 1000.0 / dynamicMillis.size()));
      // the longest, first in chain order among equals: on a long chain the one to look at
      String longest = checked.stream().filter(dynamicMillis::containsKey)
          .reduce((a, b) -> dynamicMillis.get(b) > dynamicMillis.get(a) ? b : a).orElseThrow();
      text.append(String.format(java.util.Locale.ROOT, ", the longest %s %.1f s", longest,
          dynamicMillis.get(longest) / 1000.0));
    }
    return text.toString();
  }
}
