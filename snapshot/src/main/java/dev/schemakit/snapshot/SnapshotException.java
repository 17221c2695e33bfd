package dev.schemakit.snapshot;

/** Thrown when a snapshot cannot be taken; the message names the database and what failed. */
public final class SnapshotException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
