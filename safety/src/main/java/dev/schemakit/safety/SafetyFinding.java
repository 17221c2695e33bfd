package dev.schemakit.safety;

import dev.schemakit.safety.SafetyCode.Severity;
import java.util.Objects;

/**
 * One deploy-safety finding of a migration.
 *
 * @param code       what kind of finding
 * @param status     whether it counts, was waived, or was disproved by the dynamic check
 * @param file       the migration's file name, e.g. {@code V7__index_email.sql}
 * @param line       the line the statement starts on
 * @param statement  the statement as written
 * @param table      the table concerned, {@code null} when the finding is about the script
 * @param detail     what this statement does, in words (names the table, column, lock)
 * @param measured   what the dynamic check saw, {@code null} without it
 * @param waiver     the waiver's reason when {@code status} is {@link Status#WAIVED}
 */
public record SafetyFinding(SafetyCode code, Status status, String file, int line, String statement, String table,
    String detail, String measured, String waiver) {

  /** Whether a finding counts. */
  public enum Status {
    /** It counts, at its code's severity. */
    OPEN,
    /** A {@code -- schemakit:allow} comment waived it. */
    WAIVED,
    /** The dynamic check saw that the statement neither rewrote nor scanned the table under a strong lock. */
    DISPROVED
  }

  public SafetyFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(detail, "detail");
  }

  /** Its severity: the code's while open; {@link Severity#INFO} once waived or disproved. */
  public Severity severity() {
    return status == Status.OPEN ? code.severity() : Severity.INFO;
  }

  /** Whether it fails the lint. */
  public boolean isError() {
    return severity() == Severity.ERROR;
  }

  /** {@code V7__index_email.sql:4}. */
  public String location() {
    return file + ":" + line;
  }

  SafetyFinding withStatus(Status newStatus, String newWaiver) {
    return new SafetyFinding(code, newStatus, file, line, statement, table, detail, measured, newWaiver);
  }

  SafetyFinding withMeasured(String newMeasured) {
    return new SafetyFinding(code, status, file, line, statement, table, detail, newMeasured, waiver);
  }

  /** The finding as the CLI prints it: a headline, the statement, why, the fix, and what was measured. */
  public String render() {
    String label = switch (status) {
      case OPEN -> severity().name();
      case WAIVED -> "WAIVED";
      case DISPROVED -> "DISPROVED";
    };
    StringBuilder text = new StringBuilder(label).append(' ').append(code).append(' ').append(location()).append(": ")
        .append(detail).append('\n');
    text.append("  statement: ").append(oneLine(statement)).append('\n');
    if (status == Status.WAIVED) {
      text.append("  waived: ").append(waiver).append('\n');
    } else if (status == Status.OPEN) {
      text.append("  why: ").append(code.why()).append('\n');
      text.append("  fix: ").append(code.fixFor(file)).append('\n');
    }
    if (measured != null) {
      text.append("  measured: ").append(measured).append('\n');
    }
    return text.toString();
  }

  private static String oneLine(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
  }
}
