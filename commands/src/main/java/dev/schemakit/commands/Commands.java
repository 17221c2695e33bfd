package dev.schemakit.commands;

import dev.schemakit.chain.MigrationException;
import dev.schemakit.database.DatabaseServerException;
import dev.schemakit.entity.EntityMappingException;
import dev.schemakit.snapshot.SnapshotException;
import dev.schemakit.yaml.ContractException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schemakit commands ({@code verify}, {@code record}, {@code diff}, {@code check}, {@code lint}, {@code
 * stairway}, {@code rehearse}, {@code init}) and their options: what {@code java -jar schemakit.jar <command>
 * [options]} runs (schemakit-cli) and what each goal of the Maven plugin runs in the Maven JVM. For users: see
 * {@code schemakit help} and docs/cli.md;
 * {@link #run(String[], PrintStream, PrintStream)} runs a command in process and returns its exit code ({@link
 * ExitCodes}).
 */
public final class Commands {

  static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of(
      "verify", new VerifyCommand(),
      "record", new RecordCommand(),
      "diff", new DiffCommand(),
      "check", new CheckCommand(),
      "lint", new LintCommand(),
      "stairway", new StairwayCommand(),
      "rehearse", new RehearseCommand(),
      "init", new InitCommand()));

  private Commands() {}

  /**
   * Runs one command.
   *
   * @param args the command and its options
   * @param out where reports go (unless {@code --out} names a file)
   * @param err where errors and progress go
   * @return the exit code: 0 clean, 1 findings, 2 bad input, 3 database unreachable
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("schemakit: no command given.");
      err.print(usage());
      return ExitCodes.BAD_INPUT;
    }
    String name = args[0];
    if (List.of("help", "--help", "-h").contains(name)) {
      out.print(usage());
      return ExitCodes.CLEAN;
    }
    Command command = COMMANDS.get(name);
    if (command == null) {
      err.println("schemakit: unknown command '" + name + "'. Commands: " + String.join(", ", COMMANDS.keySet())
          + ". Run `schemakit help` for their options.");
      return ExitCodes.BAD_INPUT;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    boolean verbose = rest.contains("--verbose");
    try {
      Options options = Options.parse(name, rest, command.options(), command.flags());
      return command.run(options, new Console(out, err));
    } catch (CliException e) {
      return fail(err, e.getMessage(), e, e.exitCode(), verbose);
    } catch (MigrationException e) {
      // a failed migration's message ends with the statement and the fix: keep what failed and the fix
      List<String> lines = e.getMessage().strip().lines().toList();
      String brief = lines.size() <= 2 || verbose ? e.getMessage().strip()
          : lines.get(0) + "\n" + lines.get(lines.size() - 1).strip();
      return fail(err, name + ": " + brief, e, ExitCodes.BAD_INPUT, verbose, lines.size() > 2 && !verbose);
    } catch (ContractException | EntityMappingException | IllegalArgumentException e) {
      return fail(err, name + ": " + e.getMessage().strip(), e, ExitCodes.BAD_INPUT, verbose);
    } catch (DatabaseServerException | SnapshotException e) {
      String where = name.equals("rehearse") ? "--from or --on, --user, --password" : "--url, --user, --password";
      return fail(err, name + ": " + e.getMessage().strip() + " (on the command line: " + where + ")",
          e, ExitCodes.UNREACHABLE, verbose);
    } catch (RuntimeException e) {
      return fail(err, name + " failed unexpectedly: " + e + ". Run again with --verbose for the stack trace and "
          + "report it.", e, ExitCodes.BAD_INPUT, verbose);
    }
  }

  private static int fail(PrintStream err, String message, Throwable e, int code, boolean verbose) {
    return fail(err, message, e, code, verbose, false);
  }

  private static int fail(PrintStream err, String message, Throwable e, int code, boolean verbose,
      boolean condensed) {
    err.println("schemakit " + message);
    if (verbose) {
      e.printStackTrace(err);
    } else if (condensed || e.getCause() != null) {
      err.println("  (--verbose shows more)");
    }
    return code;
  }

  /** schemakit's own version, as the build wrote it ({@code 0.1.0}). */
  static String version() {
    java.util.Properties properties = new java.util.Properties();
    try (java.io.InputStream in = Commands.class.getResourceAsStream("schemakit.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/schemakit/commands/schemakit.properties is missing from the class path:"
            + " the build writes it (mvn package)");
      }
      properties.load(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Reading schemakit's version failed: " + e.getMessage(), e);
    }
    return properties.getProperty("version");
  }

  /** The help text: every command with its options, the exit codes, where passwords come from. */
  public static String usage() {
    StringBuilder out = new StringBuilder("""
        schemakit: migration tests and schema contracts for PostgreSQL + Flyway or Liquibase.

        Usage: java -jar schemakit.jar <command> [options]

        """);
    COMMANDS.forEach((name, command) -> out.append(command.usage()).append('\n'));
    out.append("""
        Exit codes: 0 clean; 1 findings (drift, pending migrations, breaking changes, chain problems, a failed
        stairway step); 2 bad input (usage, malformed contract, SQL error in a migration); 3 database unreachable.
        Passwords: --password, else SCHEMAKIT_PASSWORD or PGPASSWORD from the environment.
        Server: the embedded PostgreSQL (--postgres 14..18 picks the major, default 18) unless --url names one.
        Migrations: --migrations takes Flyway locations, repeated or comma-separated (a folder, filesystem:DIR,
        classpath:db/migration); without it, flyway.locations from the project's Flyway settings. --classes
        DIR|JAR[:MORE...] is the project's class path: classpath: locations and Java migrations are read from it.
        --init-script FILE (repeatable) runs before the first migration on every new database, as the server's
        user: the roles, schemas and extensions a deployment makes before Flyway.
        Liquibase: --changelog FILE instead of --migrations, found under --search-path DIR[,DIR] (default the
        working directory) or on --classes; --contexts, --labels, --property name=value (repeatable) and
        --default-schema as Liquibase's command line takes them. Each changeset is a step; a target is a tag, a
        changeset id (id::author where the id alone is ambiguous) or latest.
        """);
    return out.toString();
  }
}
