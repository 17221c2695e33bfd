package dev.schemakit.chain;

/**
 * Migrations could not be found, read or applied. The message names the location, file, line and
 * statement where known, what the database said, and the fix.
 */
public class MigrationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }

  public MigrationException(String message) {
    super(message);
  }
}
