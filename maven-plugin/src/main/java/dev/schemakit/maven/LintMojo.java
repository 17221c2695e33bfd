package dev.schemakit.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the migration chain without a database: files Flyway would skip, undo scripts without a migration,
 * and (with a lock file) released migrations that were edited, renamed or deleted.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
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

  @Override
  String command() {
    return "lint";
  }

  @Override
  List<String> arguments() {
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
    return args;
  }
}
