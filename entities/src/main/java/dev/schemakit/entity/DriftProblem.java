package dev.schemakit.entity;

import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.Severity;
import dev.schemakit.model.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * One disagreement of {@link EntityDrift}, with what each side that disagrees says (the migrated database, the
 * contract): the sides are merged into one finding, and a side met more than once (the entities of one SINGLE_TABLE
 * hierarchy share their columns) says it once.
 */
final class DriftProblem {

  private final Severity severity;
  private final FindingCode code;
  private final String subject;
  private final String path;
  private final String statement;
  private final String expected;
  private Origin origin;
  private final List<String> says = new ArrayList<>();
  private final List<String> actuals = new ArrayList<>();

  DriftProblem(Severity severity, FindingCode code, String subject, String path, String statement, String expected) {
    this.severity = severity;
    this.code = code;
    this.subject = subject;
    this.path = path;
    this.statement = statement;
    this.expected = expected;
  }

  /** The contract's file:line is the most useful origin; the database side has none. */
  void add(String side, String sideSays, String actual, Origin sideOrigin) {
    if (origin == null) {
      origin = sideOrigin;
    }
    String sideActual = side + ": " + (actual == null ? "(none)" : actual);
    if (!actuals.contains(sideActual)) {
      // both sides may say the same words (the foreign key they both have references another table): said once
      if (!says.contains(sideSays)) {
        says.add(sideSays);
      }
      actuals.add(sideActual);
    }
  }

  Finding finding() {
    return new Finding(code, severity, subject, path, expected, String.join("; ", actuals),
        statement + "; " + String.join(" and ", says), origin);
  }
}
