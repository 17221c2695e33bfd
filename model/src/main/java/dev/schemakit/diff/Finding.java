package dev.schemakit.diff;

import dev.schemakit.model.Origin;
import java.util.Objects;

/**
 * One difference between what a contract expects and what the database has.
 *
 * @param code stable code, see {@link FindingCode}
 * @param severity error or warning
 * @param subject the object the finding is about, for grouping: {@code public.guilds}, {@code
 *     extensions}
 * @param path the element: {@code public.guilds.name}, {@code public.guilds.ix_guilds_name}
 * @param expected what the contract says, or {@code null} when the database has something the
 *     contract does not list
 * @param actual what the database has, or {@code null} when it is missing
 * @param message one sentence a reviewer can act on
 * @param origin the contract file:line the expectation came from, or {@code null}
 */
public record Finding(
    FindingCode code,
    Severity severity,
    String subject,
    String path,
    String expected,
    String actual,
    String message,
    Origin origin) {

  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** {@code CODE path: message (file:line:column)}, the one-line form used in logs. */
  @Override
  public String toString() {
    return code + " " + path + ": " + message + (origin == null ? "" : " (" + origin + ")");
  }
}
