package dev.schemakit.commands;

/** The CLI's exit codes, documented in docs/cli.md; scripts and CI depend on them. */
public final class ExitCodes {

  /** Nothing found: the schema is what the contract says, no breaking change, no problem. */
  public static final int CLEAN = 0;
  /** Findings: drift, pending migrations, breaking changes, chain problems, a failed stairway step. */
  public static final int FINDINGS = 1;
  /** Bad input: usage, a malformed contract, a SQL error in a migration, a missing directory. */
  public static final int BAD_INPUT = 2;
  /** The database could not be reached (or the embedded one not started). */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
