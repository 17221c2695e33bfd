package dev.schemakit.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the migration chain: files Flyway would skip, undo scripts without a migration, (with a lock file)
 * released migrations that were edited, renamed or deleted, and the deploy safety of the migrations not released
 * yet (static rules; with {@code dynamic}, each run on a seeded database). Fails the build on errors.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LintMojo extends SchemakitMojo {

  /** The lock file of released migrations; used when it exists. */
  @Parameter(property = "schemakit.lock", defaultValue = "${project.basedir}/schemakit.lock")
  File lock;

  /** Record new releases into the lock file instead of checking it ({@code -Dschemakit.updateLock}). */
  @Parameter(property = "schemakit.updateLock", defaultValue = "false")
  boolean updateLock;

  /** Every versioned migration needs an undo script. */
  @Parameter(property = "schemakit.requireUndo", defaultValue = "false")
  boolean requireUndo;

  /**
   * Also run each migration not in the lock on a seeded database at the version before it, and read what it
   * does to each table (locks, rewrites, scans); on the embedded server unless {@code url} is set.
   */
  @Parameter(property = "schemakit.dynamic", defaultValue = "false")
  boolean dynamic;

  /** Rows put into every table for the dynamic check; default 2000. */
  @Parameter(property = "schemakit.seedRows")
  Integer seedRows;

  @Override
  boolean writesHtml() {
    return true;
  }

  @Override
  String command() {
    return "lint";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    if (updateLock || lock.exists()) {
      add(args, "--lock", lock.getPath());
    }
    if (updateLock) {
      args.add("--update-lock");
    }
    if (requireUndo) {
      args.add("--require-undo");
    }
    if (dynamic) {
      args.add("--dynamic");
      if (seedRows != null) {
        add(args, "--seed-rows", seedRows.toString());
      }
      serverArguments(args);
    }
    return args;
  }
}
