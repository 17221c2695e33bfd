package dev.schemakit.commands;

import java.util.Set;

/** One CLI command. */
interface Command {

  /** Options that take a value. */
  Set<String> options();

  /** Options without a value. */
  default Set<String> flags() {
    return Set.of("--verbose");
  }

  /** The usage lines shown by {@code schemakit help}. */
  String usage();

  /** Runs the command; returns its exit code or throws {@link CliException}. */
  int run(Options options, Console console);
}
