package dev.schemakit.flyway;

import dev.schemakit.chain.ClassPaths;
import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Lists a chain's migrations as Flyway itself finds and names them: Flyway's own scanner reads the locations
 * (folders, jars, wildcards, the encoding) and its own resource-name parser says which files are migrations, of
 * which kind, version and description, on the project's configuration (prefixes, separator, suffixes). Java
 * migrations are the classes Flyway's scanner finds, named by themselves ({@link JavaMigration#getVersion()}).
 *
 * <p>Flyway offers no public API that lists migrations without a database ({@code Flyway.info()} needs one), so
 * its internal scanner and parser are used, through {@link FlywayInternals}. The alternative, a copy of Flyway's
 * rules, disagreed with Flyway on real chains ({@code V6.3.0.2.sql}, a migration without a description, was
 * skipped).
 *
 * <p>Undo scripts ({@code U3__x.sql}) are a Flyway Teams feature that the community parser does not know; they are
 * parsed by the same parser with the undo prefix in place of the versioned one.
 */
final class MigrationScanner {

  private final MigrationSettings settings;
  private final FluentConfiguration configuration;
  private final Function<String, FlywayInternals.ParsedName> names;
  private final Function<String, FlywayInternals.ParsedName> undoNames;
  private final List<String> prefixes;
  private final String undoPrefix;
  private final String baselinePrefix;
  private final String separator;

  private final List<Migration> versioned = new ArrayList<>();
  private final List<Migration> undo = new ArrayList<>();
  private final List<Migration> baselines = new ArrayList<>();
  private final List<Migration> repeatable = new ArrayList<>();
  private final List<Migration> callbacks = new ArrayList<>();
  private final List<String> misnamed = new ArrayList<>();
  private final List<String> notMigrations = new ArrayList<>();
  private final List<String> invalidNames = new ArrayList<>();
  private final Map<String, String> scriptConfigs = new HashMap<>();

  MigrationScanner(MigrationSettings settings) {
    this.settings = settings;
    this.configuration = settings.configuration();
    this.names = FlywayInternals.nameParser(configuration);
    // Undo scripts are a Flyway Teams feature; the community edition has no getter, so take the property or "U".
    this.undoPrefix = settings.flywayProperties().getOrDefault("flyway.undoSqlMigrationPrefix", "U");
    this.undoNames = FlywayInternals.nameParser(new FluentConfiguration(settings.classLoader())
        .configuration(configuration).sqlMigrationPrefix(undoPrefix));
    // Flyway reads it through a configuration extension (flyway.baselineMigrationPrefix), not a getter
    this.baselinePrefix = settings.flywayProperties().getOrDefault("flyway.baselineMigrationPrefix", "B");
    this.prefixes = List.of(configuration.getSqlMigrationPrefix(), undoPrefix,
        configuration.getRepeatableSqlMigrationPrefix(), baselinePrefix);
    this.separator = configuration.getSqlMigrationSeparator();
  }

  MigrationChain scan() {
    Location[] locations = configuration.getLocations();
    for (Location location : locations) {
      requireReadable(location);
    }
    FlywayInternals.Found scanner = FlywayInternals.scan(configuration, locations, settings.locations().toString());
    for (LoadableResource resource : sorted(scanner.resources(configuration.getSqlMigrationSuffixes()))) {
      add(resource);
    }
    for (String suffix : configuration.getSqlMigrationSuffixes()) {
      // V3__index.sql.conf: Flyway's script configuration (executeInTransaction, encoding) for V3__index.sql
      for (LoadableResource config : scanner.resources(suffix + ".conf")) {
        String where = where(config);
        scriptConfigs.put(where.substring(0, where.length() - ".conf".length()),
            new String(bytes(config, where), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    for (Class<? extends JavaMigration> type : scanner.javaMigrations()) {
      addJava(type);
    }
    if (configuration.isValidateMigrationNaming() && !invalidNames.isEmpty()) {
      throw new MigrationException("Reading migrations from " + settings.locations() + " failed:"
          + " validateMigrationNaming is on, and Flyway refuses these file names:\n  "
          + String.join("\n  ", invalidNames)
          + "\nRename them (V<version>__<description>.sql), move them out of the locations, or turn"
          + " validateMigrationNaming off.");
    }
    rejectDuplicates(versioned, "versioned");
    rejectDuplicates(undo, "undo");
    rejectDuplicates(baselines, "baseline");
    return new MigrationChain(settings, versioned, undo, repeatable, callbacks, misnamed, notMigrations,
        scriptConfigs, baselines);
  }

  /** A location that is not there stops the scan with the fix; Flyway itself would only log a warning. */
  private void requireReadable(Location location) {
    if (location.getPathRegex() != null) {
      return; // a wildcard location may match nothing, as in Flyway
    }
    if (location.isFileSystem()) {
      Path root = Path.of(location.getRootPath());
      if (!Files.isDirectory(root) || !Files.isReadable(root)) {
        throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: "
            + root.toAbsolutePath() + (Files.exists(root) ? " is not a readable folder" : " does not exist")
            + ". Fix the path (relative paths start at " + Path.of("").toAbsolutePath()
            + ") or the locations setting.");
      }
    } else if (location.isClassPath()) {
      boolean found;
      try {
        found = settings.classLoader().getResources(location.getRootPath()).hasMoreElements();
      } catch (IOException e) {
        throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: "
            + e.getMessage() + ".", e);
      }
      if (!found && ClassPaths.isProjectClassPath(settings.classLoader())) {
        throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: no folder '"
            + location.getRootPath() + "' is on the class path " + ClassPaths.describe(settings.classLoader())
            + ". Add the classes folder or jar that holds it to --classes (the plugin: build the project first, so"
            + " that target/classes has it), or fix the locations.");
      }
      if (!found) {
        throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: no folder '"
            + location.getRootPath() + "' is on the classpath. Put the migrations in src/main/resources/"
            + location.getRootPath() + " (or src/test/resources/" + location.getRootPath() + "), or set the locations"
            + " (@MigrationTest(locations = ...), schemakit.locations or flyway.locations).");
      }
    } else {
      throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: only classpath:"
          + " and filesystem: locations are supported. Copy the migrations to one of those.");
    }
  }

  private void add(LoadableResource resource) {
    String name = resource.getFilename();
    String where = where(resource);
    FlywayInternals.ParsedName parsed = names.apply(name);
    if (!parsed.valid()) {
      FlywayInternals.ParsedName asUndo = undoNames.apply(name);
      if (asUndo.valid() && asUndo.version() != null && asUndo.prefix().equals(undoPrefix)) {
        undo.add(new Migration(Migration.Kind.UNDO, FlywaySupport.ours(asUndo.version()), asUndo.description(),
            where, hash(resource, where)));
        return;
      }
      invalidNames.add(name + ": " + parsed.validityMessage());
      (meantAsAMigration(name) ? misnamed : notMigrations).add(where);
      return;
    }
    String hash = hash(resource, where);
    // by the prefix the parser matched: Flyway 10 and 11 (Spring Boot 3.5's) have no ResourceName.getType()
    String prefix = parsed.prefix();
    if (prefix.equals(configuration.getSqlMigrationPrefix()) && parsed.version() != null) {
      versioned.add(new Migration(Migration.Kind.VERSIONED, FlywaySupport.ours(parsed.version()),
          parsed.description(), where, hash));
    } else if (prefix.equals(configuration.getRepeatableSqlMigrationPrefix())) {
      repeatable.add(new Migration(Migration.Kind.REPEATABLE, null, parsed.description(), where, hash));
    } else if (prefix.equals(baselinePrefix) && parsed.version() != null) {
      baselines.add(new Migration(Migration.Kind.BASELINE, FlywaySupport.ours(parsed.version()),
          parsed.description(), where, hash));
    } else if (java.util.Arrays.stream(Event.values()).anyMatch(event -> event.getId().equals(prefix))) {
      // beforeMigrate.sql, afterMigrate__grants.sql are callbacks: they change the result too
      callbacks.add(new Migration(Migration.Kind.REPEATABLE, null, parsed.withoutSuffix(), where, hash));
    } else {
      notMigrations.add(where);
    }
  }

  /** A Java migration, versioned or repeatable as it says itself; its class file is what changes its result. */
  private void addJava(Class<? extends JavaMigration> type) {
    if (Modifier.isAbstract(type.getModifiers()) || type.isEnum() || type.isAnonymousClass()) {
      return;
    }
    JavaMigration migration;
    try {
      migration = type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException t ? t.getCause() : e;
      throw new MigrationException("Reading the Java migration " + type.getName() + " failed: it cannot be created"
          + " with its no-argument constructor (" + cause + "). Flyway creates it the same way; give it a public"
          + " no-argument constructor, or put the classes it needs on the class path (--classes).", e);
    }
    String classFile = type.getName().replace('.', '/') + ".class";
    String where = "classpath:" + classFile;
    byte[] bytes;
    try (InputStream in = type.getClassLoader().getResourceAsStream(classFile)) {
      bytes = in == null ? type.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8) : in.readAllBytes();
    } catch (IOException e) {
      throw new MigrationException("Reading " + where + " failed: " + e.getMessage() + ".", e);
    }
    Version version = FlywaySupport.ours(migration.getVersion());
    String hash = Hashes.sha256(bytes);
    if (version == null) {
      repeatable.add(new Migration(Migration.Kind.REPEATABLE, null, migration.getDescription(), where, hash));
    } else {
      versioned.add(new Migration(Migration.Kind.VERSIONED, version, migration.getDescription(), where, hash));
    }
  }

  /**
   * A name a migration author meant as one, which Flyway skips: a migration prefix in any case followed by a digit
   * or the separator ({@code V3_add.sql}, {@code v3__add.sql}). Anything else ({@code update-sequences.sql}) Flyway
   * never considers.
   */
  private boolean meantAsAMigration(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (String prefix : prefixes) {
      if (lower.startsWith(prefix.toLowerCase(java.util.Locale.ROOT))) {
        String rest = name.substring(prefix.length());
        if (!rest.isEmpty() && (Character.isDigit(rest.charAt(0)) || rest.startsWith(separator))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Where a resource is, as {@link MigrationChain#read} reads it again: a class path or an absolute file path. */
  private static String where(LoadableResource resource) {
    // a folder's files as the location wrote it (a relative folder stays relative, as the user gave it)
    return (FlywayInternals.onFileSystem(resource) ? "filesystem:" : "classpath:") + resource.getAbsolutePath();
  }

  private String hash(LoadableResource resource, String where) {
    return Hashes.sha256(bytes(resource, where));
  }

  private byte[] bytes(LoadableResource resource, String where) {
    try {
      return MigrationChain.bytes(where, settings.classLoader());
    } catch (IOException e) {
      throw new MigrationException("Reading " + where + " failed: " + e.getMessage() + ".", e);
    }
  }

  /** Flyway's scanner gives a set; the chain is read in one order on every machine. */
  private static List<LoadableResource> sorted(java.util.Collection<LoadableResource> resources) {
    List<LoadableResource> list = new ArrayList<>(resources);
    list.sort(java.util.Comparator.comparing(LoadableResource::getAbsolutePath));
    return list;
  }

  private static void rejectDuplicates(List<Migration> migrations, String kind) {
    Map<Version, Migration> seen = new HashMap<>();
    for (Migration migration : migrations) {
      Migration earlier = seen.putIfAbsent(migration.version(), migration);
      if (earlier != null) {
        throw new MigrationException("Reading migrations failed: two " + kind + " migrations have version '"
            + migration.version().getVersion() + "': " + earlier.location() + " and " + migration.location()
            + ". Give one of them the next free version.");
      }
    }
  }
}
