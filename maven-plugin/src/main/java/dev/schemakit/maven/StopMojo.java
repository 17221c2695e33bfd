package dev.schemakit.maven;

import dev.schemakit.commands.BuildDatabase;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Drops the database {@code start} made and stops its server, after {@code generate-sources}. A build that fails
 * before this goal leaves no server either: the server stops when Maven's JVM exits.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class StopMojo extends SchemakitMojo {

  @Override
  String command() {
    return "stop";
  }

  @Override
  List<String> arguments() {
    return List.of();
  }

  @Override
  public void execute() throws MojoExecutionException {
    Object database = getPluginContext().remove(StartMojo.DATABASE);
    if (database == null) {
      getLog().info("schemakit stop: no database was started in this project (bind the start goal before it)");
      return;
    }
    ((BuildDatabase) database).close();
    getLog().info("schemakit stop: the database of start is dropped and its server stopped");
  }
}
