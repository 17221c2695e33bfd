package dev.schemakit.maven;

import dev.schemakit.commands.Commands;
import dev.schemakit.commands.ExitCodes;
import dev.schemakit.database.Progress;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every schemakit goal shares: where migrations and contracts are, which server, and how a CLI exit code
 * becomes a build result. Each goal runs the CLI command of the same name in the Maven JVM.
 */
abstract class SchemakitMojo extends AbstractMojo {

  /** The Flyway migrations (a folder of {@code V1__name.sql} files). */
  @Parameter(property = "schemakit.migrations", defaultValue = "${project.basedir}/src/main/resources/db/migration")
  File migrations;

  /**
   * The YAML contracts. Default: {@code src/main/contracts}, or {@code contracts} when only that exists.
   */
  @Parameter(property = "schemakit.contracts")
  File contracts;

  /** A PostgreSQL server to use instead of the embedded one ({@code jdbc:postgresql://host:port/db}). */
  @Parameter(property = "schemakit.url")
  String url;

  /** Login for {@link #url}. */
  @Parameter(property = "schemakit.user")
  String user;

  /** Password for {@link #url}; better from the environment ({@code SCHEMAKIT_PASSWORD} or {@code PGPASSWORD}). */
  @Parameter(property = "schemakit.password")
  String password;

  /**
   * The PostgreSQL major of the embedded server, {@code 14} to {@code 18} (default the newest): the one production
   * runs. Majors other than the plugin's own binaries come from the local Maven repository or Maven Central.
   */
  @Parameter(property = "schemakit.postgres.version")
  String postgres;

  /**
   * Schemas {@code verify} and {@code record} compare, comma-separated (default: every schema the migrations
   * create, Flyway's first).
   */
  @Parameter(property = "schemakit.schemas")
  String schemas;

  /** Flyway's {@code schemas} setting, comma-separated: it creates them (default: Flyway's, {@code public}). */
  @Parameter(property = "schemakit.flywaySchemas")
  String flywaySchemas;

  /** Flyway placeholders. */
  @Parameter
  Map<String, String> placeholders;

  /**
   * {@code sqlite} for a SQLite chain ({@code verify}, {@code record}, {@code lint}: migrated into SQLite files);
   * default {@code postgresql}, or {@code sqlite} when {@code url} is a {@code jdbc:sqlite:} one.
   */
  @Parameter(property = "schemakit.dialect")
  String dialect;

  /** Where reports go. */
  @Parameter(property = "schemakit.reportDirectory", defaultValue = "${project.build.directory}/schemakit")
  File reportDirectory;

  /** Skips the goal. */
  @Parameter(property = "schemakit.skip", defaultValue = "false")
  boolean skip;

  /** Log the whole statement and the causes of a failure, with stack traces ({@code -Dschemakit.verbose}). */
  @Parameter(property = "schemakit.verbose", defaultValue = "false")
  boolean verbose;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Parameter(defaultValue = "${project}", readonly = true)
  org.apache.maven.project.MavenProject project;

  /** The CLI command this goal runs. */
  abstract String command();

  /** The command's options from the goal's parameters. */
  abstract List<String> arguments() throws MojoExecutionException;

  /** Whether the goal writes reports into {@code reportDirectory}. */
  boolean writesReports() {
    return false;
  }

  /** Whether the goal writes an HTML report, {@code <reportDirectory>/<goal>.html}, listed in its {@code index.html}. */
  boolean writesHtml() {
    return false;
  }

  /** Whether findings (exit code 1) fail the build. */
  boolean failOnFindings() {
    return true;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("schemakit " + command() + " skipped (schemakit.skip)");
      return;
    }
    List<String> args = new ArrayList<>();
    args.add(command());
    args.addAll(arguments());
    File html = writesHtml() ? new File(reportDirectory, command() + ".html") : null;
    if (html != null) {
      add(args, "--html", html.getPath());
    }
    if (verbose) {
      args.add("--verbose");
    }
    int exit;
    ErrorLog errors = new ErrorLog(getLog());
    // slow steps (binaries, initdb, template builds) and Flyway say so through Maven's log, not raw on stderr
    FlywayMavenLog.routeTo(getLog(), verbose);
    try (Progress.Redirect progress = Progress.to(getLog()::info);
         LineLog out = new LineLog(new SeverityLog(getLog())); LineLog err = new LineLog(errors);
         PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Commands.run(args.toArray(String[]::new), outStream, errStream);
    }
    if (writesReports() && (exit == ExitCodes.CLEAN || exit == ExitCodes.FINDINGS)) {
      getLog().info("schemakit " + command() + ": reports in " + reportDirectory);
    }
    if (html != null && html.isFile()) {
      getLog().info("schemakit " + command() + ": HTML report " + HtmlIndex.write(reportDirectory));
    }
    switch (exit) {
      case ExitCodes.CLEAN -> { }
      case ExitCodes.FINDINGS -> {
        String message = "schemakit " + command() + " found problems (see above and " + reportDirectory + ")";
        if (failOnFindings()) {
          throw new MojoFailureException(message);
        }
        getLog().warn(message + "; the build goes on (failOnFindings = false)");
      }
      // the build's last line, which CI views show first, names the problem itself
      case ExitCodes.BAD_INPUT -> throw new MojoFailureException(errors.first()
          .map(error -> error + " (the whole message is above)")
          .orElse("schemakit " + command() + " could not run: bad input (the reason is logged above)"));
      default -> throw new MojoExecutionException("schemakit " + command() + " could not reach the database"
          + errors.first().map(error -> ": " + error.substring(error.indexOf(':') + 1).strip())
              .orElse(" (the reason is logged above)"));
    }
  }

  /**
   * The CLI's report lines at Maven's level for their severity, so that a CI view showing errors and
   * warnings shows each finding: {@code ERROR ...} and the lines indented under it at [ERROR], {@code WARNING}
   * at [WARNING], chain problems ({@code IGNORED_FILE filesystem:...}) and failed stairway steps at [ERROR],
   * everything else at [INFO].
   */
  static final class SeverityLog implements Consumer<CharSequence> {
    private static final java.util.regex.Pattern CHAIN_PROBLEM =
        java.util.regex.Pattern.compile("^[A-Z][A-Z_]+ (filesystem|classpath):.*");
    private final org.apache.maven.plugin.logging.Log log;
    private Consumer<CharSequence> current;

    SeverityLog(org.apache.maven.plugin.logging.Log log) {
      this.log = log;
      this.current = log::info;
    }

    @Override
    public void accept(CharSequence line) {
      String text = line.toString();
      if (!text.startsWith(" ") || text.isBlank()) {
        if (text.startsWith("ERROR ") || text.startsWith("FAILED ") || text.startsWith("BREAKING ")
            || CHAIN_PROBLEM.matcher(text).matches()) {
          current = log::error;
        } else if (text.startsWith("WARNING ")) {
          current = log::warn;
        } else {
          current = log::info;
        }
      }
      current.accept(text); // indented lines belong to the finding above them
    }
  }

  /**
   * The CLI's stderr through Maven's log: an error ({@code schemakit ...}) at [ERROR] with every line of its message
   * (the statement, the fix), so that a CI view showing errors shows the whole of it; the hint to see more, a stack
   * trace ({@code verbose}) and the notes (where a report went) at [INFO].
   */
  static final class ErrorLog implements Consumer<CharSequence> {
    private static final java.util.regex.Pattern THROWABLE =
        java.util.regex.Pattern.compile("^([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)(: .*)?$");
    private final org.apache.maven.plugin.logging.Log log;
    private boolean inError;
    private String first;

    ErrorLog(org.apache.maven.plugin.logging.Log log) {
      this.log = log;
    }

    /** The first line of the first error, e.g. {@code schemakit verify: Migrating ... failed in V2__email.sql ...}. */
    java.util.Optional<String> first() {
      return java.util.Optional.ofNullable(first);
    }

    @Override
    public void accept(CharSequence line) {
      String text = line.toString();
      if (text.startsWith("schemakit ")) {
        inError = true;
        first = first == null ? text : first;
      } else if (text.strip().equals("(--verbose shows more)") || text.startsWith("report written to ")
          || THROWABLE.matcher(text).matches()) {
        inError = false;
        text = text.replace("(--verbose shows more)", "(<verbose>true</verbose> or -Dschemakit.verbose shows more)");
      }
      if (inError) {
        log.error(text);
      } else {
        log.info(text);
      }
    }
  }

  /** The contract directory: the parameter, else src/main/contracts, else contracts. */
  File contractsDirectory() {
    if (contracts != null) {
      return contracts;
    }
    File main = new File(basedir, "src/main/contracts");
    File top = new File(basedir, "contracts");
    return !main.isDirectory() && top.isDirectory() ? top : main;
  }

  /**
   * SQL scripts a deployment runs before Flyway (roles, schemas, extensions, grants), run on every new database
   * before the first migration, as the server's user, in this order.
   */
  @Parameter(property = "schemakit.initScripts")
  List<File> initScripts;

  /**
   * A Liquibase master changelog instead of Flyway migrations: a file of the project
   * ({@code src/main/resources/db/changelog/db.changelog-master.yaml}) or a class-path resource. Default: the
   * {@code changeLogFile} of the pom's {@code liquibase-maven-plugin}, else none (the chain is Flyway's).
   */
  @Parameter(property = "schemakit.changelog")
  String changelog;

  /** Liquibase contexts in force; default the {@code liquibase-maven-plugin}'s, else every changeset runs. */
  @Parameter(property = "schemakit.contexts")
  String contexts;

  /** A Liquibase label expression in force; default the {@code liquibase-maven-plugin}'s. */
  @Parameter(property = "schemakit.labels")
  String labels;

  /** --migrations and the Flyway settings, or --changelog and the Liquibase settings. */
  void migrationArguments(List<String> args) throws MojoExecutionException {
    add(args, "--project-dir", basedir.getPath());
    LiquibasePluginConfiguration liquibase = LiquibasePluginConfiguration.read(project);
    String changelogFile = changelog != null ? changelog : liquibase.changelog();
    if (changelogFile != null && !changelogFile.isBlank()) {
      changelogArguments(args, changelogFile, liquibase);
      return;
    }
    // the project's own Flyway settings: its flyway.conf or flyway.toml, its flyway-maven-plugin configuration and
    // its application.yml count as they do for Flyway; the goal's parameters win over them
    File flywayPlugin = FlywayPluginConfiguration.write(project, new File(reportDirectory, "flyway-maven-plugin.conf"));
    if (flywayPlugin != null) {
      add(args, "--flyway-maven-plugin", flywayPlugin.getPath());
    }
    if (migrations.isDirectory()) {
      add(args, "--migrations", location(migrations));
    }
    // the project's runtime class path, its own classes first: classpath: locations and Java migrations are read
    // from it, as Flyway reads them when the service runs (before compile, only the jars it needs are there)
    List<String> classPath = runtimeClassPath();
    if (!classPath.isEmpty()) {
      add(args, "--classes", String.join(File.pathSeparator, classPath));
    }
    add(args, "--dialect", dialect);
    if (initScripts != null) {
      initScripts.forEach(script -> add(args, "--init-script", script.getPath()));
    }
    add(args, "--flyway-schemas", flywaySchemas);
    if (placeholders != null && !placeholders.isEmpty()) {
      add(args, "--placeholders", String.join(",", placeholders.entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
  }

  /**
   * A changelog as the service runs it: one under {@code src/main/resources} by its class-path name (the name
   * Liquibase records in its history when Spring runs it), read from that folder; any other from the project folder.
   */
  private void changelogArguments(List<String> args, String changelogFile, LiquibasePluginConfiguration liquibase)
      throws MojoExecutionException {
    java.nio.file.Path resources = new File(basedir, "src/main/resources").toPath().toAbsolutePath().normalize();
    String file = changelogFile.replaceFirst("^classpath:/?", "");
    java.nio.file.Path asFile = basedir.toPath().resolve(file).toAbsolutePath().normalize();
    if (asFile.startsWith(resources) && java.nio.file.Files.isRegularFile(asFile)) {
      add(args, "--changelog", resources.relativize(asFile).toString().replace(File.separatorChar, '/'));
      add(args, "--search-path", resources.toString());
    } else if (java.nio.file.Files.isRegularFile(asFile)) {
      add(args, "--changelog", basedir.toPath().toAbsolutePath().relativize(asFile).toString()
          .replace(File.separatorChar, '/'));
      add(args, "--search-path", basedir.getPath());
    } else {
      add(args, "--changelog", file);
      add(args, "--search-path", resources.toFile().isDirectory() ? resources.toString() : basedir.getPath());
    }
    // customChange classes and class-path includes are the project's
    List<String> classPath = runtimeClassPath();
    if (!classPath.isEmpty()) {
      add(args, "--classes", String.join(File.pathSeparator, classPath));
    }
    add(args, "--contexts", contexts != null ? contexts : liquibase.contexts());
    add(args, "--labels", labels != null ? labels : liquibase.labels());
    add(args, "--default-schema", liquibase.defaultSchema());
    liquibase.properties().forEach((name, value) -> args.addAll(List.of("--property", name + "=" + value)));
    if (placeholders != null) {
      placeholders.forEach((name, value) -> args.addAll(List.of("--property", name + "=" + value)));
    }
    if (initScripts != null) {
      initScripts.forEach(script -> add(args, "--init-script", script.getPath()));
    }
  }

  /**
   * Where Flyway finds these migrations when the service runs: a folder under {@code src/main/resources} that the
   * build has copied into the classes folder is {@code classpath:} (so that Java migrations compiled into the same
   * package run with the SQL ones); any other folder is read as it is.
   */
  private String location(File folder) {
    if (project == null) {
      return folder.getPath();
    }
    java.nio.file.Path resources = new File(basedir, "src/main/resources").toPath().toAbsolutePath().normalize();
    java.nio.file.Path path = folder.toPath().toAbsolutePath().normalize();
    if (path.startsWith(resources) && !path.equals(resources)) {
      String relative = resources.relativize(path).toString().replace(File.separatorChar, '/');
      if (new File(project.getBuild().getOutputDirectory(), relative).isDirectory()) {
        return "classpath:" + relative;
      }
    }
    return folder.getPath();
  }

  /** The project's output folder (when compiled) and runtime dependencies; empty outside a project. */
  private List<String> runtimeClassPath() throws MojoExecutionException {
    if (project == null) {
      return List.of();
    }
    try {
      return project.getRuntimeClasspathElements().stream().filter(entry -> new File(entry).exists()).toList();
    } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("schemakit " + command() + ": the runtime class path of " + project.getId()
          + " is not resolved: " + e.getMessage(), e);
    }
  }

  /** --schemas, the schemas to compare, when configured. */
  void comparedSchemaArguments(List<String> args) {
    add(args, "--schemas", schemas);
  }

  /** --url, --user, --password when a server is configured, and --postgres when a major is. */
  void serverArguments(List<String> args) {
    connectionArguments(args);
    add(args, "--postgres", postgres);
  }

  /** --url, --user, --password: a live database, whose major is what it is. */
  void connectionArguments(List<String> args) {
    add(args, "--url", url);
    add(args, "--user", user);
    add(args, "--password", password);
  }

  static void add(List<String> args, String option, String value) {
    if (value != null && !value.isBlank()) {
      args.add(option);
      args.add(value);
    }
  }

  /** Hands every printed line to Maven's log. */
  static final class LineLog extends OutputStream {
    private final Consumer<CharSequence> log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineLog(Consumer<CharSequence> log) {
      this.log = log;
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        flushLine();
      } else {
        line.write(b);
      }
    }

    private void flushLine() {
      log.accept(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }

    @Override
    public void close() {
      if (line.size() > 0) {
        flushLine();
      }
    }
  }
}
