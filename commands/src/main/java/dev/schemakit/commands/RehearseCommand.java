package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.rehearsal.Rehearsal;
import dev.schemakit.rehearsal.RehearsalReport;
import dev.schemakit.yaml.ContractReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code rehearse}: the release on a copy of real data (or in place on a clone), measured. */
final class RehearseCommand implements Command {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

  @Override
  public Set<String> options() {
    Set<String> options = new java.util.HashSet<>(Provisioning.MIGRATION_OPTIONS);
    options.addAll(Set.of("--from", "--on", "--user", "--password", "--contracts", "--lock-budget",
        "--statement-timeout", "--previous-classes", "--sample", "--format", "--out"));
    return options;
  }

  @Override
  public String usage() {
    return """
          rehearse (--migrations LOC | --changelog FILE) (--from SOURCE | --on JDBC) [--user U --password P]
                   [--contracts DIR] [--lock-budget 2s] [--statement-timeout 5m] [--previous-classes DIR|JAR]
                   [--sample ROWS] [--format text|markdown|json] [--out FILE]
                   The pending migrations applied to a copy of real data, one at a time, each measured: time,
                   the locks held on existing tables and for how long, rewrites, rows written; row counts and the
                   match rates of added or filled keys; the contracts; the undo; the running version's entities
                   (--previous-classes). SOURCE: jdbc:postgresql://... (read-only; copied, or --sample ROWS per
                   table), a pg_dump file, or a SQLite file. --on works in place on a clone and changes it.
                   Exits 0 when every budget held and nothing broke, 1 on any error finding.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    String from = options.value("--from").orElse(null);
    String on = options.value("--on").orElse(null);
    if ((from == null) == (on == null)) {
      throw CliException.badInput("rehearse: give one of --from SOURCE (a copy is made; the source is only read) and"
          + " --on JDBC (a clone the storage made, changed in place)" + (from != null ? ", not both." : "."));
    }
    MigrationChain chain = Provisioning.chain(options, console);
    Rehearsal rehearsal = Rehearsal.of(chain).progress(console::progress)
        .lockBudget(duration(options, "--lock-budget", Duration.ofSeconds(2)))
        .statementTimeout(duration(options, "--statement-timeout", Duration.ofMinutes(5)));
    if (options.value("--contracts").isPresent()) {
      rehearsal.contracts(ContractReader.readDirectory(options.directory("--contracts",
          "the folder with the YAML contracts")));
    }
    options.value("--previous-classes").ifPresent(classes -> {
      if (!Files.exists(Path.of(classes))) {
        throw CliException.badInput("rehearse: --previous-classes " + classes + " does not exist. Name the running"
            + " release's target/classes folder or its jar.");
      }
      rehearsal.runningVersion(EntityReader.defaults().readClasses(Path.of(classes)));
    });
    options.value("--sample").ifPresent(rows -> {
      try {
        rehearsal.sample(Long.parseLong(rows.strip()));
      } catch (NumberFormatException e) {
        throw CliException.badInput("rehearse: --sample '" + rows + "' is not a number of rows per table.");
      }
    });
    String format = options.choice("--format", "text", List.of("text", "markdown", "json"));
    String user = options.value("--user").orElse(null);
    String password = Provisioning.password(options);
    RehearsalReport report;
    try {
      if (on != null) {
        report = rehearsal.inPlace(on, user, password);
      } else if (from.startsWith("jdbc:postgresql:")) {
        report = rehearsal.fromPostgres(from, user, password);
      } else if (from.startsWith("jdbc:sqlite:")) {
        report = rehearsal.fromSqlite(Path.of(from.substring("jdbc:sqlite:".length())));
      } else if (from.startsWith("jdbc:")) {
        throw CliException.badInput("rehearse: --from '" + dev.schemakit.database.ExternalPostgres.redact(from)
            + "' is neither PostgreSQL (jdbc:postgresql://host:port/db) nor SQLite (jdbc:sqlite:file.db).");
      } else if (sqliteFile(Path.of(from))) {
        report = rehearsal.fromSqlite(Path.of(from));
      } else {
        report = rehearsal.fromDump(Path.of(from));
      }
    } catch (UncheckedIOException e) {
      throw CliException.badInput("rehearse: " + e.getMessage());
    }
    console.report(options, switch (format) {
      case "markdown" -> report.markdown();
      case "json" -> report.json();
      default -> report.text();
    });
    return report.passed() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }

  /** Whether the file starts with SQLite's header. */
  private static boolean sqliteFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(16), StandardCharsets.US_ASCII).equals("SQLite format 3\0");
    } catch (IOException e) {
      throw CliException.badInput("rehearse: --from " + file + " cannot be read: " + e.getMessage());
    }
  }

  /** {@code 2s}, {@code 500ms}, {@code 5m}, {@code 1.5s}. */
  static Duration duration(Options options, String name, Duration fallback) {
    String value = options.value(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw CliException.badInput("rehearse: " + name + " '" + value + "' is not a duration; write it as 500ms, 2s,"
          + " 1.5s, 5m or 1h.");
    }
    double amount = Double.parseDouble(matcher.group(1));
    double millis = switch (matcher.group(2)) {
      case "ms" -> amount;
      case "s" -> amount * 1000;
      case "m", "min" -> amount * 60_000;
      default -> amount * 3_600_000;
    };
    return Duration.ofMillis(Math.round(millis));
  }
}
