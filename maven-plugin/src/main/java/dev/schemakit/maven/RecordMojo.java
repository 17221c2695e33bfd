package dev.schemakit.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes or refreshes the contracts from the migrated schema ({@code mvn schemakit:record}), keeping files,
 * table order and comments.
 */
@Mojo(name = "record", threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RecordMojo extends SchemakitMojo {

  /** The version to record (default {@code latest}). */
  @Parameter(property = "schemakit.target", defaultValue = "latest")
  String target;

  @Override
  String command() {
    return "record";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    comparedSchemaArguments(args);
    add(args, "--contracts", contractsDirectory().getPath());
    add(args, "--target", target);
    serverArguments(args);
    return args;
  }
}
