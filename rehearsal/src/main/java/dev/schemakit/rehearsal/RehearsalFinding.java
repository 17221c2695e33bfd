package dev.schemakit.rehearsal;

import java.util.Objects;

/**
 * Something the rehearsal measured that stops the release.
 *
 * @param code what kind of problem
 * @param where the migration's {@code file:line}, or the table or entity the finding is about
 * @param message one sentence: what was measured, against what budget or expectation, and the fix
 */
public record RehearsalFinding(Code code, String where, String message) {

  /** The kinds of error a rehearsal reports; every one makes the rehearsal fail (exit 1). */
  public enum Code {
    /** The source's schema is not what its migrations build at its version: the rehearsal would mean nothing. */
    SOURCE_DRIFT,
    /** A migration failed on the copy (a statement error other than a timeout). */
    MIGRATION_FAILED,
    /** A statement ran past {@code --statement-timeout}; the server stopped it. */
    STATEMENT_TIMEOUT,
    /** A lock that blocks reads or writes on an existing table was held longer than {@code --lock-budget}. */
    LOCK_BUDGET_EXCEEDED,
    /** The release drops, renames or tightens something the running version's entities still use. */
    BREAKS_RUNNING_VERSION,
    /** The undo removed rows of a table that existed before the release. */
    UNDO_LOSES_ROWS,
    /** The undo did not bring the schema back to what it was before the release. */
    UNDO_CHANGES_SCHEMA,
    /** The undo itself failed. */
    UNDO_FAILED,
    /** The schema after the release differs from the contracts. */
    CONTRACT_DRIFT
  }

  public RehearsalFinding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + " " + where + ": " + message;
  }
}
