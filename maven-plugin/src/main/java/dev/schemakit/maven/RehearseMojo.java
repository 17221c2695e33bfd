package dev.schemakit.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The CLI's {@code rehearse}: the pending migrations applied to a copy of real data ({@code -Dschemakit.from=}, a live
 * PostgreSQL database read-only, a {@code pg_dump} file or a SQLite file) or in place on a clone ({@code
 * -Dschemakit.on=}), each measured. Writes {@code target/schemakit/rehearsal.md} (or {@code .json}) and logs it; fails
 * the build when a budget was exceeded or something broke. Bound to no phase: a deploy pipeline runs it.
 */
@Mojo(name = "rehearse", threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RehearseMojo extends SchemakitMojo {

  /** The source to copy: {@code jdbc:postgresql://...}, a {@code pg_dump} file, or a SQLite file. */
  @Parameter(property = "schemakit.from")
  String from;

  /** A clone the storage made, rehearsed in place (it is changed): {@code jdbc:postgresql://...}. */
  @Parameter(property = "schemakit.on")
  String on;

  /** How long a lock that blocks reads or writes may be held, e.g. {@code 2s}. */
  @Parameter(property = "schemakit.lockBudget")
  String lockBudget;

  /** How long one statement may run before the server stops it, e.g. {@code 5m}. */
  @Parameter(property = "schemakit.statementTimeout")
  String statementTimeout;

  /** The release running in production: its {@code target/classes} or jar, whose entities must keep working. */
  @Parameter(property = "schemakit.previousClasses")
  File previousClasses;

  /** Rows per table copied from a live source (foreign keys kept); all when unset. */
  @Parameter(property = "schemakit.sample")
  String sample;

  /** {@code markdown} (for the pull request) or {@code json}. */
  @Parameter(property = "schemakit.format", defaultValue = "markdown")
  String format;

  /** Compare the schema after the release with the contracts ({@code contracts}, when the folder exists). */
  @Parameter(property = "schemakit.rehearsal.contracts", defaultValue = "true")
  boolean compareContracts;

  @Override
  boolean writesReports() {
    return true;
  }

  @Override
  String command() {
    return "rehearse";
  }

  private File report() {
    return new File(reportDirectory, "rehearsal." + ("json".equals(format) ? "json" : "md"));
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    if ((from == null || from.isBlank()) == (on == null || on.isBlank())) {
      throw new MojoExecutionException("schemakit rehearse needs one source: -Dschemakit.from=SOURCE (a live"
          + " jdbc:postgresql://... database, read-only; a pg_dump file; a SQLite file) or -Dschemakit.on=JDBC"
          + " (a clone, changed in place)" + (from != null && on != null ? ", not both" : ""));
    }
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    add(args, "--from", from);
    add(args, "--on", on);
    add(args, "--user", user);
    add(args, "--password", password);
    add(args, "--lock-budget", lockBudget);
    add(args, "--statement-timeout", statementTimeout);
    add(args, "--previous-classes", previousClasses == null ? null : previousClasses.getPath());
    add(args, "--sample", sample);
    if (compareContracts && contractsDirectory().isDirectory()) {
      add(args, "--contracts", contractsDirectory().getPath());
    }
    add(args, "--format", "json".equals(format) ? "json" : "markdown");
    report().getParentFile().mkdirs();
    add(args, "--out", report().getPath());
    return args;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    try {
      super.execute();
    } finally {
      // the report is what a reviewer reads: in the build log as well as in the file
      File report = report();
      if (!skip && report.isFile()) {
        try {
          Files.readAllLines(report.toPath(), StandardCharsets.UTF_8).forEach(getLog()::info);
        } catch (IOException e) {
          getLog().warn("could not read " + report + ": " + e.getMessage());
        }
      }
    }
  }
}
