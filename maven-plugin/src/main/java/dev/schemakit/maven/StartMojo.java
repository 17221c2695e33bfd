package dev.schemakit.maven;

import dev.schemakit.commands.BuildDatabase;
import dev.schemakit.database.Progress;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a database migrated to a version for the rest of the build, before {@code generate-sources}: the embedded
 * server (no Docker) unless {@code url} is set, a new database on it, migrated as {@code verify} migrates, with the
 * project's Flyway settings. Its JDBC URL, user and password become the Maven properties
 * {@code schemakit.jdbc.url}, {@code schemakit.jdbc.user} and {@code schemakit.jdbc.password}, for
 * {@code jooq-codegen-maven} or any generator that reads a real schema. The {@code stop} goal drops it; the server
 * also stops when the build ends, failed or not.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StartMojo extends SchemakitMojo {

  /** Where {@link StopMojo} finds the database, in the plugin's context of this project. */
  static final String DATABASE = "schemakit.buildDatabase";

  /** The version to migrate to ({@code -Dschemakit.target}); default the latest. */
  @Parameter(property = "schemakit.target", defaultValue = "latest")
  String target;

  /** The prefix of the properties set: {@code <prefix>.url}, {@code .user}, {@code .password}. */
  @Parameter(property = "schemakit.propertyPrefix", defaultValue = "schemakit.jdbc")
  String propertyPrefix;

  @Override
  String command() {
    return "start";
  }

  @Override
  List<String> arguments() throws MojoExecutionException {
    List<String> args = new ArrayList<>();
    migrationArguments(args);
    serverArguments(args);
    add(args, "--target", target);
    return args;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("schemakit start skipped (schemakit.skip)");
      return;
    }
    if (getPluginContext().get(DATABASE) != null) {
      throw new MojoFailureException("schemakit start ran twice in " + project.getId() + " without stop between:"
          + " bind one execution of start and one of stop.");
    }
    FlywayMavenLog.routeTo(getLog(), verbose);
    BuildDatabase database;
    try (Progress.Redirect progress = Progress.to(getLog()::info);
         LineLog err = new LineLog(new SeverityLog(getLog()));
         PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      database = BuildDatabase.open(arguments(), errStream);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("schemakit start: " + e.getMessage().strip(), e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("schemakit start could not start the database: " + e.getMessage(), e);
    }
    getPluginContext().put(DATABASE, database);
    project.getProperties().setProperty(propertyPrefix + ".url", database.jdbcUrl());
    project.getProperties().setProperty(propertyPrefix + ".user", database.user() == null ? "" : database.user());
    project.getProperties().setProperty(propertyPrefix + ".password", url != null && password != null ? password : "");
    getLog().info("schemakit start: " + database.jdbcUrl() + " at version " + database.version() + " (properties "
        + propertyPrefix + ".url, .user, .password)");
  }
}
