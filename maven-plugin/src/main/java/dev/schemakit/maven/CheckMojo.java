package dev.schemakit.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * A read-only check of a live database ({@code -Dschemakit.url=...}): connectivity, version, pending
 * migrations, drift. Writes {@code target/schemakit/check.json}; fails the build when the database is not
 * healthy. For deploy pipelines.
 */
@Mojo(name = "check", threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends SchemakitMojo {

  @Override
  boolean writesReports() {
    return true;
  }

  @Override
  String command() {
    return "check";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    if (url == null || url.isBlank()) {
      throw new MojoExecutionException("schemakit check needs the database to check: set <url> or "
          + "-Dschemakit.url=jdbc:postgresql://host:port/db");
    }
    List<String> args = new ArrayList<>();
    connectionArguments(args);
    add(args, "--contracts", contractsDirectory().getPath());
    if (migrations.isDirectory()) {
      migrationArguments(args);
    }
    add(args, "--format", "json");
    add(args, "--out", new File(reportDirectory, "check.json").getPath());
    return args;
  }
}
