package dev.schemakit.chain;

/**
 * Something wrong with a chain of migrations, found without a database.
 *
 * @param code stable name of the kind of problem
 * @param location the file concerned, e.g. {@code classpath:db/migration/V3__add.sql}
 * @param message what is wrong and the fix
 */
public record ChainProblem(Code code, String location, String message) {

  /** Kinds of problems. */
  public enum Code {
    /** Two migrations share a version. */
    DUPLICATE_VERSION,
    /** A file looks meant as a migration, but Flyway skips it. */
    IGNORED_FILE,
    /** An undo script whose versioned migration does not exist. */
    UNDO_WITHOUT_MIGRATION,
    /** A versioned migration without undo script (only when undo scripts are required). */
    MISSING_UNDO,
    /** A missing whole number between versions (only when contiguous numbering is required). */
    VERSION_GAP,
    /** A released migration (in the lock file) whose content changed. */
    RELEASED_EDITED,
    /** A released migration whose file name changed. */
    RELEASED_RENAMED,
    /** A released migration that is gone. */
    RELEASED_DELETED,
    /** A new migration with a version below the highest released one: Flyway refuses it on deployed databases. */
    OUT_OF_ORDER
  }

  @Override
  public String toString() {
    return code + " " + location + ": " + message;
  }
}
