package dev.schemakit.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Classifies the changes between a base contract directory (e.g. the target branch's, checked out by CI)
 * and this project's contracts, and writes {@code target/schemakit/contract-diff.md} for a pull request
 * comment and {@code contract-diff.json}.
 */
@Mojo(name = "diff", threadSafe = true)
public class DiffMojo extends SchemakitMojo {

  /** The contracts before the change ({@code -Dschemakit.base=../base/src/main/contracts}). */
  @Parameter(property = "schemakit.base", required = true)
  File base;

  /** {@code breaking} (default), {@code destructive}, {@code any} or {@code none}. */
  @Parameter(property = "schemakit.failOn", defaultValue = "breaking")
  String failOn;

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
    return "diff";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    add(args, "--base", base.getPath());
    add(args, "--head", contractsDirectory().getPath());
    add(args, "--fail-on", failOn);
    add(args, "--format", "markdown");
    add(args, "--out", new File(reportDirectory, "contract-diff.md").getPath());
    return args;
  }
}
