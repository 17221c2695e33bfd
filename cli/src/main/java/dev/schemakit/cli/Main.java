package dev.schemakit.cli;

import dev.schemakit.commands.Commands;

/**
 * {@code java -jar schemakit.jar <command> [options]}: the command line, one executable jar. The commands are
 * {@link Commands} (schemakit-commands), which the Maven plugin runs in process too; this is only the process's
 * entry point, whose exit status is the command's exit code.
 */
public final class Main {

  private Main() {}

  /** Runs the command in {@code args} and exits with its exit code (0 clean, 1 findings, 2 bad input, 3 unreachable). */
  public static void main(String[] args) {
    System.exit(Commands.run(args, System.out, System.err));
  }
}
