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
 * Migrates a fresh database (embedded unless {@code url} is set) and compares it with the contracts; fails
 * the build on drift. Writes text, Markdown, JSON and JUnit XML reports to {@code target/schemakit}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class VerifyMojo extends SchemakitMojo {

  /** The version to migrate to (default {@code latest}). */
  @Parameter(property = "schemakit.target", defaultValue = "latest")
  String target;

  /** Also compare the JPA entities compiled into {@code target/classes} (three-way drift). */
  @Parameter(property = "schemakit.checkEntities", defaultValue = "false")
  boolean checkEntities;

  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
  File classes;

  /** Whether drift fails the build (default true). */
  @Parameter(property = "schemakit.failOnFindings", defaultValue = "true")
  boolean failOnFindings;

  @Override
  boolean writesReports() {
    return true;
  }

  @Override
  boolean writesHtml() {
    return true;
  }

  @Override
  String command() {
    return "verify";
  }

  @Override
  boolean failOnFindings() {
    return failOnFindings;
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    comparedSchemaArguments(args);
    add(args, "--contracts", contractsDirectory().getPath());
    add(args, "--target", target);
    serverArguments(args);
    add(args, "--report-dir", reportDirectory.getPath());
    if (!checkEntities && args.contains("--classes")) {
      args.add("--no-entities");
    } else if (checkEntities && !args.contains("--classes")) {
      add(args, "--classes", classes.getPath());
    }
    return args;
  }
}
