package dev.schemakit.commands;

import dev.schemakit.check.CheckReport;
import dev.schemakit.check.LiveCheck;
import dev.schemakit.yaml.ContractReader;
import java.util.List;
import java.util.Set;

/** {@code check}: a read-only look at a live database, for deploy gates and health endpoints. */
final class CheckCommand implements Command {

  @Override
  public Set<String> options() {
    Set<String> options = new java.util.HashSet<>(Provisioning.MIGRATION_OPTIONS);
    options.addAll(Set.of("--url", "--user", "--password", "--contracts", "--format", "--out", "--history-table"));
    return options;
  }

  @Override
  public String usage() {
    return """
          check    --url JDBC --contracts DIR [--migrations DIR | --changelog FILE] [--user U --password P]
                   [--format text|json] [--out FILE] [--history-table flyway_schema_history]
                   Read-only (the session is read-only on the server): connectivity, server version, current
                   migration version, pending and failed migrations (with --migrations, from Flyway's history;
                   with --changelog, the changesets databasechangelog has not run), drift against the contract.
                   Exits 0 healthy, 1 drift/pending/failed, 3 unreachable.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    String url = options.required("--url", "the database to check, jdbc:postgresql://host:port/db");
    if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
      throw CliException.badInput("check: --url '" + dev.schemakit.database.ExternalPostgres.redact(url)
          + "' is neither a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database) nor a SQLite file"
          + " (jdbc:sqlite:path/to/file.db).");
    }
    LiveCheck check = LiveCheck.of(url, options.value("--user").orElse(null), Provisioning.password(options))
        .contracts(ContractReader.readDirectory(options.directory("--contracts", "the folder with the YAML contracts")));
    if (options.value("--migrations").isPresent() || options.value("--changelog").isPresent()) {
      check.migrations(Provisioning.chain(options, console));
    }
    options.value("--history-table").ifPresent(check::historyTable);
    String format = options.choice("--format", "text", List.of("text", "json"));
    CheckReport report = check.run();
    console.report(options, format.equals("json") ? report.json() : report.text());
    if (!report.reachable()) {
      // the driver's message usually ends in a full stop of its own
      String error = report.error().strip().replaceAll("\\.+$", "");
      console.error("schemakit check: " + report.database() + " is unreachable: " + error
          + (url.startsWith("jdbc:sqlite:") ? ". Check the file's path (it is opened read-only, never created)."
              : ". Check that the server runs and --url, --user, --password."));
      return ExitCodes.UNREACHABLE;
    }
    return report.healthy() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }
}
