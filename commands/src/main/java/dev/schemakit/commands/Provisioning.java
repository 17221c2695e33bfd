package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.DatabaseServerException;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.EmbeddedPostgresException;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.database.PostgresBinaries;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.flyway.FlywayConfigFiles;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.flyway.SpringFlywayFiles;
import dev.schemakit.liquibase.LiquibaseSettings;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.Databases;
import dev.schemakit.template.TemplateFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Options and steps the commands that migrate a database share. */
final class Provisioning {

  static final Set<String> MIGRATION_OPTIONS = Set.of("--migrations", "--flyway-schemas", "--placeholders",
      "--flyway-config", "--project-dir", "--flyway-maven-plugin", "--dialect", "--classes", "--init-script",
      "--changelog", "--search-path", "--contexts", "--labels", "--property", "--default-schema");
  static final Set<String> SERVER_OPTIONS = Set.of("--url", "--user", "--password", "--postgres");

  private Provisioning() {}

  /** These options and those of the commands that migrate a database on a server. */
  static Set<String> withMigrationAndServerOptions(String... options) {
    Set<String> all = new java.util.HashSet<>(Set.of(options));
    all.addAll(MIGRATION_OPTIONS);
    all.addAll(SERVER_OPTIONS);
    return all;
  }

  /** The migrations in {@code --migrations}, read by Flyway's naming rules, with the project's Flyway settings. */
  static MigrationChain chain(Options options, Console console) {
    return chain(options, console, false);
  }

  /**
   * The migrations in {@code --migrations}, for the commands that gate a merge ({@code verify}, {@code record}):
   * Flyway applies every one of them, as in production ({@link MigrationSettings#flywayOnly()}).
   */
  static MigrationChain chainAppliedByFlyway(Options options, Console console) {
    return chain(options, console, true);
  }

  private static MigrationChain chain(Options options, Console console, boolean flywayOnly) {
    if (options.value("--changelog").isPresent()) {
      return changelog(options);
    }
    for (String liquibaseOnly : List.of("--search-path", "--contexts", "--labels", "--property", "--default-schema")) {
      if (!options.values(liquibaseOnly).isEmpty()) {
        throw CliException.badInput(liquibaseOnly + " is an option of a Liquibase changelog, and no --changelog is"
            + " given. Add --changelog FILE (the master changelog), or drop " + liquibaseOnly + ".");
      }
    }
    Map<String, FlywayConfigFiles.Setting> flyway = flywaySettings(options);
    MigrationSettings.Builder settings = MigrationSettings.builder().flywayOnly(flywayOnly);
    // the locations go through locations() below: --migrations wins, and classpath: means the project's
    flyway.forEach((key, setting) -> {
      if (!key.equals("flyway.locations")) {
        settings.flywayProperty(key, setting.value());
      }
    });
    List<String> sources = new ArrayList<>();
    flyway.forEach((key, setting) -> sources.add(key.substring("flyway.".length()) + " from " + setting.source()));
    List<Path> classPath = classPath(options);
    ClassLoader projectClasses = null;
    if (!classPath.isEmpty()) {
      // classpath: locations and Java migrations are the project's, as Flyway sees them when the service runs
      projectClasses = dev.schemakit.chain.ClassPaths.loader(classPath, Provisioning.class.getClassLoader());
      settings.classLoader(projectClasses);
    }
    String where;
    String[] locations;
    if (!options.values("--migrations").isEmpty()) {
      locations = commandLineLocations(options);
      where = "--migrations " + String.join(",", locations);
    } else if (flyway.containsKey("flyway.locations")) {
      where = flyway.get("flyway.locations").value();
      locations = projectLocations(options, where, projectClasses);
    } else {
      throw CliException.badInput("--migrations is required (the folder with V1__...sql files), unless the project's"
          + " Flyway configuration names it: flyway.locations in flyway.conf, or locations under [flyway] in"
          + " flyway.toml (in the working directory, the home directory, or --flyway-config FILE).");
    }
    settings.locations(locations);
    // what the deployment makes before Flyway: run on every new database before the first migration
    options.values("--init-script").forEach(settings::initScripts);
    // Flyway's own setting (it creates those schemas); what is compared is --schemas, see compared()
    options.value("--flyway-schemas").ifPresent(s -> settings.schemas(s.split(",")));
    options.value("--placeholders").ifPresent(p -> Arrays.stream(p.split(",")).forEach(pair -> {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw CliException.badInput("--placeholders: '" + pair + "' is not name=value; write --placeholders "
            + "owner=app,region=eu");
      }
      settings.placeholder(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
    }));
    if (!sources.isEmpty()) {
      // one line, only when something besides the command line set the migrations up: the gate then says why it
      // may judge differently from a run without that file or variable
      console.error("settings: " + String.join("; ", sources) + " (command-line options win over these)");
    }
    Map<String, String> notRun = JavaMigrationSources.notOnTheClassPath(folders(locations),
        Path.of(options.value("--project-dir").orElse("")), projectClasses);
    if (!notRun.isEmpty()) {
      notRun.forEach(settings::javaMigrationNotRun);
      // said before migrating: a later SQL migration that needs one fails on a statement that is right
      console.error("schemakit: WARNING " + notRun.size() + " Java migration(s) of the project will not run, because"
          + " their classes are not on the class path: " + String.join(", ", notRun.values()) + ". Compile the"
          + " project and give --classes target/classes (with the jars they need) and their location"
          + " (--migrations classpath:<their package>).");
    }
    MigrationChain chain = MigrationChain.scan(settings.build());
    if (chain.versions().isEmpty() && chain.repeatable().isEmpty()) {
      throw CliException.badInput(where + " holds no migration (V1__name.sql, R__name.sql, or a Java migration"
          + " class). Point it at the folder Flyway reads, e.g. src/main/resources/db/migration.");
    }
    return chain;
  }

  /**
   * A Liquibase changelog: {@code --changelog FILE} under the search path ({@code --search-path DIR[,DIR]}, default
   * the working directory) or on {@code --classes}, with {@code --contexts}, {@code --labels}, {@code --property
   * name=value} (repeatable) and {@code --default-schema}, as Liquibase's own command line takes them.
   */
  private static MigrationChain changelog(Options options) {
    String changelog = options.value("--changelog").orElseThrow();
    for (String flywayOnly : List.of("--migrations", "--flyway-schemas", "--placeholders", "--flyway-config",
        "--flyway-maven-plugin")) {
      if (!options.values(flywayOnly).isEmpty()) {
        throw CliException.badInput(flywayOnly + " is an option of a Flyway chain, and --changelog " + changelog
            + " names a Liquibase one: a command reads one chain. Drop " + flywayOnly + " (a changelog's properties"
            + " are --property name=value).");
      }
    }
    LiquibaseSettings.Builder settings = LiquibaseSettings.builder().changelog(changelog);
    List<String> searchPath = new ArrayList<>();
    options.values("--search-path").forEach(value -> Arrays.stream(value.split(",")).map(String::strip)
        .filter(folder -> !folder.isEmpty()).forEach(searchPath::add));
    if (searchPath.isEmpty()) {
      searchPath.add(".");
    }
    for (String folder : searchPath) {
      Path path = Path.of(folder);
      if (!Files.isDirectory(path)) {
        throw CliException.badInput("--search-path " + folder + " is not a folder (" + path.toAbsolutePath() + ")."
            + " Give the folders the changelog and its includes are relative to, separated by ','.");
      }
      settings.searchPath(path);
    }
    List<Path> classPath = classPath(options);
    if (!classPath.isEmpty()) {
      // classpath: changelogs and customChange classes are the project's
      settings.classLoader(dev.schemakit.chain.ClassPaths.loader(classPath, Provisioning.class.getClassLoader()));
    } else {
      settings.classLoader(Provisioning.class.getClassLoader());
    }
    options.value("--contexts").ifPresent(settings::contexts);
    options.value("--labels").ifPresent(settings::labels);
    options.value("--default-schema").ifPresent(settings::defaultSchema);
    for (String property : options.values("--property")) {
      int equals = property.indexOf('=');
      if (equals <= 0) {
        throw CliException.badInput("--property '" + property + "' is not name=value; write --property owner=app"
            + " (once per property).");
      }
      settings.property(property.substring(0, equals).strip(), property.substring(equals + 1).strip());
    }
    options.values("--init-script").forEach(settings::initScripts);
    MigrationChain chain = MigrationChain.scan(settings.build());
    if (chain.versions().isEmpty()) {
      throw CliException.badInput("--changelog " + changelog + " has no changeset that runs on PostgreSQL"
          + options.value("--contexts").map(contexts -> " with --contexts " + contexts).orElse("")
          + options.value("--labels").map(labels -> " and --labels " + labels).orElse("")
          + ". Check the file, its includes, and the contexts and labels given.");
    }
    return chain;
  }

  /**
   * The locations of {@code --migrations}, repeated or comma-separated: {@code classpath:} ones as written (read from
   * {@code --classes}), {@code filesystem:} ones and plain folders as folders, which must exist.
   */
  private static String[] commandLineLocations(Options options) {
    List<String> locations = new ArrayList<>();
    for (String value : options.values("--migrations")) {
      for (String location : value.split(",")) {
        String entry = location.strip();
        if (entry.isEmpty()) {
          continue;
        }
        if (entry.startsWith("classpath:")) {
          if (options.values("--classes").isEmpty()) {
            throw CliException.badInput("--migrations " + entry + " is on the class path, but no --classes says what"
                + " the class path is. Add --classes with the project's classes folder or jar (and the jars it needs,"
                + " separated by '" + java.io.File.pathSeparator + "').");
          }
          locations.add(entry);
          continue;
        }
        String folder = entry.startsWith("filesystem:") ? entry.substring("filesystem:".length()) : entry;
        if (!folder.contains("*") && !Files.isDirectory(Path.of(folder))) {
          throw CliException.badInput("--migrations " + entry + " is not a directory (the folder with V1__...sql"
              + " files; classpath:db/migration with --classes reads folders and jars).");
        }
        locations.add("filesystem:" + folder);
      }
    }
    return locations.toArray(String[]::new);
  }

  /** The folders of the {@code filesystem:} locations among these. */
  private static List<Path> folders(String[] locations) {
    return Arrays.stream(locations).filter(location -> location.startsWith("filesystem:"))
        .map(location -> Path.of(location.substring("filesystem:".length()))).toList();
  }

  /** The entries of {@code --classes} (repeated, or a path list as for {@code java -cp}). */
  static List<Path> classPath(Options options) {
    return options.values("--classes").stream()
        .flatMap(value -> dev.schemakit.chain.ClassPaths.split(value).stream()).toList();
  }

  /**
   * Locations from the project's settings as this process can read them. A {@code classpath:} location is read from
   * {@code --classes}, as Flyway reads it when the service runs, where that class path holds it; else (no
   * {@code --classes}, or a build that has not copied its resources yet) {@code classpath:db/migration} is looked up
   * in the project's {@code src/main/resources} (then {@code src/test/resources}). A relative {@code filesystem:}
   * path starts at the project directory.
   */
  private static String[] projectLocations(Options options, String locations, ClassLoader projectClasses) {
    Path project = Path.of(options.value("--project-dir").orElse("")).toAbsolutePath();
    return Arrays.stream(locations.split(",")).map(String::strip).filter(location -> !location.isEmpty())
        .map(location -> {
          String path = location.startsWith("classpath:")
              ? location.substring("classpath:".length()).replaceFirst("^/", "") : null;
          // before the build copies the resources (a goal bound to validate), the sources are what there is
          if (path != null && (projectClasses == null || projectClasses.getResource(path) == null)) {
            Path main = project.resolve("src/main/resources").resolve(path);
            return "filesystem:" + (Files.isDirectory(main) ? main : project.resolve("src/test/resources").resolve(path));
          }
          if (location.startsWith("filesystem:") && !Path.of(location.substring("filesystem:".length())).isAbsolute()) {
            return "filesystem:" + project.resolve(location.substring("filesystem:".length())).normalize();
          }
          return location;
        }).toArray(String[]::new);
  }

  /**
   * The project's Flyway settings, the later ones winning: Spring Boot's {@code spring.flyway.*} from the project's
   * {@code src/main/resources/application.yml} (and {@code .yaml}, {@code .properties}, profiles); the pom's
   * {@code flyway-maven-plugin} configuration (the Maven plugin hands it over in {@code --flyway-maven-plugin FILE});
   * {@code flyway.conf} then {@code flyway.toml} in the home directory, the same in the project directory
   * ({@code --project-dir}, default the working directory), as Flyway's command line finds them; the file
   * {@code --flyway-config} names; {@code FLYWAY_*} environment variables; {@code -Dflyway.*} system properties.
   * Command-line options win over all of them. The connection ({@code url}, {@code user}, {@code password}) is never
   * taken from them: schemakit migrates databases of its own.
   */
  static Map<String, FlywayConfigFiles.Setting> flywaySettings(Options options) {
    Map<String, FlywayConfigFiles.Setting> merged = new LinkedHashMap<>();
    Path project = Path.of(options.value("--project-dir").orElse("")).toAbsolutePath();
    try {
      merged.putAll(springBoot(project.resolve("src/main/resources")));
      if (options.value("--flyway-maven-plugin").isPresent()) {
        merged.putAll(FlywayConfigFiles.read(Path.of(options.value("--flyway-maven-plugin").get())));
      }
      for (Path folder : List.of(Path.of(System.getProperty("user.home", ".")), project)) {
        for (String name : List.of("flyway.conf", "flyway.toml")) {
          Path file = folder.resolve(name);
          if (Files.isRegularFile(file)) {
            merged.putAll(FlywayConfigFiles.read(file));
          }
        }
      }
      if (options.value("--flyway-config").isPresent()) {
        Path file = Path.of(options.value("--flyway-config").get());
        if (!Files.isRegularFile(file)) {
          throw CliException.badInput("--flyway-config " + file + ": there is no such file. Name a flyway.conf or"
              + " flyway.toml.");
        }
        merged.putAll(FlywayConfigFiles.read(file));
      }
      merged.putAll(FlywayConfigFiles.environment(System.getenv()));
      merged.putAll(FlywayConfigFiles.systemProperties());
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("reading the project's Flyway configuration: " + e.getMessage());
    }
    // the connection is never theirs; and the version is --target's: a production pin must not stop the gate early
    for (String notTaken : List.of("flyway.url", "flyway.user", "flyway.password", "flyway.driver", "flyway.target")) {
      merged.remove(notTaken);
    }
    return merged;
  }

  /** A Spring Boot project's {@code spring.flyway.*}, when its resources hold an {@code application.*} file. */
  private static Map<String, FlywayConfigFiles.Setting> springBoot(Path resources) {
    boolean springBoot = List.of("application.yml", "application.yaml", "application.properties").stream()
        .anyMatch(name -> Files.isRegularFile(resources.resolve(name)));
    if (!springBoot) {
      return Map.of();
    }
    try (java.net.URLClassLoader files = new java.net.URLClassLoader(new java.net.URL[] {resources.toUri().toURL()},
        null)) {
      Map<String, FlywayConfigFiles.Setting> settings = new LinkedHashMap<>();
      // its sources are URLs of the files: the file name and line say enough
      SpringFlywayFiles.read(files, List.of(), Map.of()).forEach((key, setting) -> settings.put(key,
          new FlywayConfigFiles.Setting(setting.value(), setting.source().substring(
              setting.source().lastIndexOf('/') + 1) + " (spring.flyway)")));
      return settings;
    } catch (java.io.IOException e) {
      throw CliException.badInput("reading " + resources + " for Spring Boot's spring.flyway settings failed: "
          + e.getMessage());
    }
  }

  /**
   * {@code --schemas}: the schemas to compare, or an empty list for every schema the migrations created
   * ({@link dev.schemakit.template.VersionedDatabase#schemas()}).
   */
  static java.util.List<String> compared(Options options) {
    return options.value("--schemas").map(s -> Arrays.stream(s.split(",")).map(String::strip)
        .filter(name -> !name.isEmpty()).toList()).orElse(java.util.List.of());
  }

  /** What SQLite can and cannot compare, said where a SQLite chain is verified (as in docs/sqlite.md). */
  static final String SQLITE_COMPARES = "SQLite: compared are tables, columns, declared types, NOT NULL, defaults,"
      + " keys, foreign keys and their actions, indexes (partial, expression), unique constraints, checks, views and"
      + " triggers (a trigger's body); SQLite has no enums, sequences, extensions, identity columns, comments,"
      + " row-level security, domains, functions, exclusion constraints or partitions, and its expressions are"
      + " compared as text.";

  /** Whether the chain is SQLite's: {@code --dialect sqlite}, or {@code --url jdbc:sqlite:...}. */
  static boolean sqlite(Options options) {
    String dialect = options.value("--dialect").map(String::strip).orElse(null);
    if (dialect != null && !dialect.equals("postgresql") && !dialect.equals("sqlite")) {
      throw CliException.badInput("--dialect is '" + dialect + "', expected postgresql (the default) or sqlite.");
    }
    return "sqlite".equals(dialect) || options.value("--url").filter(url -> url.startsWith("jdbc:sqlite:")).isPresent();
  }

  /**
   * Where the command's databases come from: SQLite files (copies of cached template files) for a SQLite chain,
   * else template databases on the server ({@link #server}). The caller closes it.
   */
  static Databases databases(Options options, Console console) {
    if (!sqlite(options)) {
      return TemplateFactory.on(server(options, console));
    }
    if (options.value("--url").isPresent() || options.value("--postgres").isPresent()) {
      throw CliException.badInput("--url and --postgres name a PostgreSQL server; a SQLite chain is migrated into"
          + " SQLite files of schemakit's own (--dialect sqlite). Leave them out.");
    }
    console.progress("migrating into SQLite files");
    return SqliteDatabases.open();
  }

  /** Where a command's databases are, for its progress line. */
  static String where(Databases databases) {
    return databases instanceof TemplateFactory factory ? factory.server().description() : "SQLite files";
  }

  /**
   * The server: {@code --url} names one (it needs CREATEDB), else the embedded one of the {@code --postgres} major
   * (else {@value PostgresBinaries#VERSION_PROPERTY}, else the newest) is started.
   */
  static PostgresServer server(Options options, Console console) {
    OptionalInt major = major(options);
    if (options.value("--url").isPresent()) {
      String url = options.value("--url").get();
      try {
        PostgresServer server = ExternalPostgres.connect(url, options.value("--user").orElse(null), password(options));
        if (major.isPresent() && server.majorVersion() != major.getAsInt()) {
          throw CliException.badInput("--postgres " + major.getAsInt() + " asks for PostgreSQL " + major.getAsInt()
              + ", but " + server.description() + " runs " + server.majorVersion() + ". Point --url at a server of"
              + " that major, or leave --postgres out to use this one.");
        }
        return server;
      } catch (DatabaseServerException e) {
        if (!(e.getCause() instanceof SQLException sql)) {
          throw e; // not a connection failure: no CREATEDB, or a malformed URL; its message says what to do
        }
        throw new CliException(ExitCodes.UNREACHABLE, "cannot connect to " + ExternalPostgres.redact(url)
            + options.value("--user").map(u -> " as " + u).orElse("") + ": "
            + ExternalPostgres.redact(sql.getMessage().lines().findFirst().orElse("").strip())
            + " Check that the server runs, and --url, --user and --password (or SCHEMAKIT_PASSWORD).", e);
      }
    }
    console.progress("starting the embedded PostgreSQL" + (major.isPresent() ? " " + major.getAsInt() : ""));
    return EmbeddedPostgres.shared(major);
  }

  /** {@code --postgres 16}, else the configured major ({@value PostgresBinaries#VERSION_PROPERTY}), else none. */
  static OptionalInt major(Options options) {
    try {
      Optional<String> given = options.value("--postgres");
      return given.isPresent() ? OptionalInt.of(PostgresBinaries.parseMajor(given.get(), "--postgres"))
          : PostgresBinaries.configuredMajor();
    } catch (EmbeddedPostgresException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  /** {@code --password}, else {@code SCHEMAKIT_PASSWORD}, else {@code PGPASSWORD}, else none. */
  static String password(Options options) {
    return options.value("--password").orElseGet(() -> {
      String fromEnv = System.getenv("SCHEMAKIT_PASSWORD");
      return fromEnv != null ? fromEnv : System.getenv("PGPASSWORD");
    });
  }
}
