package dev.schemakit.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The CLI's {@code stairway}: for each version, migrate up, run its undo script, compare, migrate up again (bound to
 * {@code verify} when listed). Fails the build when a step fails.
 */
@Mojo(name = "stairway", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StairwayMojo extends SchemakitMojo {

  /** Versions to leave out, comma-separated ({@code -Dschemakit.exclude=3,7}). */
  @Parameter(property = "schemakit.exclude")
  String exclude;

  @Override
  boolean writesHtml() {
    return true;
  }

  @Override
  String command() {
    return "stairway";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    add(args, "--exclude", exclude);
    serverArguments(args);
    return args;
  }
}
