package dev.schemakit.database;

/** Thrown when the embedded PostgreSQL server cannot be prepared or started; says why and what to do. */
public final class EmbeddedPostgresException extends DatabaseServerException {

  private static final long serialVersionUID = 1L;

  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
