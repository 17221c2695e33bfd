package dev.schemakit.check;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.report.Reports;
import java.util.List;

/**
 * What {@link LiveCheck} found.
 *
 * @param database the JDBC URL, password redacted
 * @param serverVersion PostgreSQL's {@code server_version} ({@code SQLite 3.45.1} for a SQLite file), or {@code null}
 *     when unreachable
 * @param currentVersion the highest successfully applied migration, or {@code null} (none, or no history table)
 * @param latestVersion the newest migration in the given chain, or {@code null} when none was given
 * @param pending versions in the chain the database has not applied
 * @param failed versions Flyway recorded as failed
 * @param drift the contract comparison, or {@code null} when no contract was given or unreachable
 * @param error why the database could not be reached, or {@code null}
 * @param millis how long the check took
 */
public record CheckReport(
    String database, String serverVersion, String currentVersion, String latestVersion, List<String> pending,
    List<String> failed, DiffResult drift, String error, long millis) {

  public CheckReport {
    pending = List.copyOf(pending);
    failed = List.copyOf(failed);
  }

  static CheckReport unreachable(String database, String error, long millis) {
    return new CheckReport(database, null, null, null, List.of(), List.of(), null, error, millis);
  }

  /** Whether the database could be reached. */
  public boolean reachable() {
    return error == null;
  }

  /** Reachable, no pending or failed migration, no error-level drift. */
  public boolean healthy() {
    return reachable() && pending.isEmpty() && failed.isEmpty() && (drift == null || drift.passed());
  }

  /** {@code ok}, {@code unreachable}, {@code failed-migration}, {@code drift} or {@code pending}: the worst first. */
  public String status() {
    if (!reachable()) {
      return "unreachable";
    }
    if (!failed.isEmpty()) {
      return "failed-migration";
    }
    if (drift != null && !drift.passed()) {
      return "drift";
    }
    return pending.isEmpty() ? "ok" : "pending";
  }

  /** One JSON object, for a health endpoint or a deploy gate. */
  public String json() {
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"status\": ").append(Reports.jsonString(status())).append(",\n");
    out.append("  \"healthy\": ").append(healthy()).append(",\n");
    out.append("  \"database\": ").append(Reports.jsonString(database)).append(",\n");
    out.append("  \"reachable\": ").append(reachable()).append(",\n");
    out.append("  \"error\": ").append(Reports.jsonString(error)).append(",\n");
    out.append("  \"serverVersion\": ").append(Reports.jsonString(serverVersion)).append(",\n");
    out.append("  \"currentVersion\": ").append(Reports.jsonString(currentVersion)).append(",\n");
    out.append("  \"latestVersion\": ").append(Reports.jsonString(latestVersion)).append(",\n");
    out.append("  \"pending\": ").append(list(pending)).append(",\n");
    out.append("  \"failed\": ").append(list(failed)).append(",\n");
    if (drift == null) {
      out.append("  \"drift\": null,\n");
    } else {
      out.append("  \"drift\": {\"passed\": ").append(drift.passed()).append(", \"errors\": ")
          .append(drift.errors().size()).append(", \"warnings\": ").append(drift.warnings().size())
          .append(", \"findings\": ").append(list(drift.findings().stream().map(Finding::toString).toList()))
          .append("},\n");
    }
    out.append("  \"millis\": ").append(millis).append("\n}\n");
    return out.toString();
  }

  /** A few lines for a terminal. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("database:  ").append(database).append('\n');
    if (!reachable()) {
      return out.append("status:    unreachable: ").append(error).append('\n').toString();
    }
    out.append("server:    ").append(serverVersion.startsWith("SQLite ") ? "" : "PostgreSQL ").append(serverVersion)
        .append('\n');
    out.append("migration: ").append(currentVersion == null ? "none applied" : currentVersion)
        .append(latestVersion == null ? "" : " (latest in the migrations: " + latestVersion + ")").append('\n');
    if (!pending.isEmpty()) {
      out.append("pending:   ").append(String.join(", ", pending)).append('\n');
    }
    if (!failed.isEmpty()) {
      out.append("failed:    ").append(String.join(", ", failed)).append('\n');
    }
    if (drift != null) {
      out.append("contract:  ").append(drift.passed() ? "matches" : drift.errors().size() + " error(s)")
          .append(drift.warnings().isEmpty() ? "" : ", " + drift.warnings().size() + " warning(s)").append('\n');
      drift.findings().forEach(f -> out.append("  ").append(f).append('\n'));
    }
    return out.append("status:    ").append(status()).append('\n').toString();
  }

  private static String list(List<String> values) {
    return "[" + String.join(", ", values.stream().map(Reports::jsonString).toList()) + "]";
  }
}
