package dev.schemakit.database;

/** A database server could not be reached, started or used; the message says which server and the fix. */
public class DatabaseServerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DatabaseServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
