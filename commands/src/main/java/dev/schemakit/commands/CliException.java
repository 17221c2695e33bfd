package dev.schemakit.commands;

/** A failure the CLI reports in one or two lines and turns into its exit code. */
public final class CliException extends RuntimeException {

  private final int exitCode;

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Bad usage or bad input: exit code 2. */
  static CliException badInput(String message) {
    return new CliException(ExitCodes.BAD_INPUT, message, null);
  }

  /** The exit code: see {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }
}
