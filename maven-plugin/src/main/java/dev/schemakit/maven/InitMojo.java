package dev.schemakit.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Adopts schemakit on a service that already has migrations ({@code mvn schemakit:init}): records the contracts,
 * writes the lock with every migration present released, and shows in the log the pom lines and the CI step that
 * turn the gate on. Run again, it changes nothing.
 */
@Mojo(name = "init", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class InitMojo extends SchemakitMojo {

  /** The lock file of released migrations, which init writes. */
  @Parameter(property = "schemakit.lock", defaultValue = "${project.basedir}/schemakit.lock")
  File lock;

  @Override
  String command() {
    return "init";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    comparedSchemaArguments(args);
    add(args, "--contracts", contractsDirectory().getPath());
    add(args, "--lock", lock.getPath());
    serverArguments(args);
    return args;
  }
}
