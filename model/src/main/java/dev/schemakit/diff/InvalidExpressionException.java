package dev.schemakit.diff;

/** Thrown by an {@link ExpressionNormalizer} when the database cannot parse an expression. */
public final class InvalidExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
