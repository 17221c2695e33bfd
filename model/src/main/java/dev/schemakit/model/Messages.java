package dev.schemakit.model;

/**
 * The first line of what a database, a driver or a library said, for a message of ours: pgjdbc adds "Where:",
 * "Position:" and "Detail:" lines after the server's own sentence. The one helper every module's messages use
 * (but {@code schemakit-servers}, which depends on no other module and keeps its own).
 */
public final class Messages {

  private Messages() {
  }

  /** The first line of a message, stripped; {@code (no message)} when there is none. */
  public static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    return message.strip().lines().findFirst().orElse("").strip();
  }

  /** The first line of what a throwable says, or its type when it says nothing. */
  public static String firstLine(Throwable thrown) {
    return thrown.getMessage() == null || thrown.getMessage().isBlank() ? thrown.getClass().getSimpleName()
        : firstLine(thrown.getMessage());
  }
}
