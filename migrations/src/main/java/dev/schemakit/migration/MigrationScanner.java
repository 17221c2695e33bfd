package dev.schemakit.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Lists migration files by Flyway's naming rules, from the classpath (folders and jars) and the file system. */
final class MigrationScanner {

  private final MigrationSettings settings;
  private final String versionedPrefix;
  private final String undoPrefix;
  private final String repeatablePrefix;
  private final String baselinePrefix;
  private final String separator;
  private final List<String> suffixes;

  private final List<Migration> versioned = new ArrayList<>();
  private final List<Migration> undo = new ArrayList<>();
  private final List<Migration> baselines = new ArrayList<>();
  private final List<Migration> repeatable = new ArrayList<>();
  private final List<Migration> callbacks = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();
  private final java.util.Map<String, String> scriptConfigs = new java.util.HashMap<>();

  MigrationScanner(MigrationSettings settings) {
    this.settings = settings;
    FluentConfiguration configuration = settings.configuration();
    this.versionedPrefix = configuration.getSqlMigrationPrefix();
    this.repeatablePrefix = configuration.getRepeatableSqlMigrationPrefix();
    // Undo scripts are a Flyway Teams feature; the community edition has no getter, so take the property or "U".
    this.undoPrefix = settings.flywayProperties().getOrDefault("flyway.undoSqlMigrationPrefix", "U");
    // Flyway reads it through a configuration extension (flyway.baselineMigrationPrefix), not a getter
    this.baselinePrefix = settings.flywayProperties().getOrDefault("flyway.baselineMigrationPrefix", "B");
    this.separator = configuration.getSqlMigrationSeparator();
    this.suffixes = List.of(configuration.getSqlMigrationSuffixes());
  }

  MigrationChain scan() {
    for (Location location : settings.configuration().getLocations()) {
      if (location.getDescriptor().contains("*")) {
        throw new MigrationException("Reading migrations from " + location.getDescriptor()
            + " failed: wildcard locations are not supported by schemakit. List the folders instead.");
      }
      if (location.isClassPath()) {
        scanClasspath(location);
      } else if (location.isFileSystem()) {
        Path root = Path.of(location.getRootPath());
        if (!Files.isDirectory(root) || !Files.isReadable(root)) {
          throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: "
              + root.toAbsolutePath() + (Files.exists(root) ? " is not a readable folder" : " does not exist")
              + ". Fix the path (relative paths start at " + Path.of("").toAbsolutePath() + ") or the locations setting.");
        }
        scanFolder(location, root, false);
      } else {
        throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: only classpath:"
            + " and filesystem: locations are supported. Copy the migrations to one of those.");
      }
    }
    rejectDuplicates(versioned, "versioned");
    rejectDuplicates(undo, "undo");
    rejectDuplicates(baselines, "baseline");
    return new MigrationChain(settings, versioned, undo, repeatable, callbacks, ignored, scriptConfigs, baselines);
  }

  private void scanClasspath(Location location) {
    String path = location.getRootPath();
    List<URL> roots;
    try {
      roots = Collections.list(settings.classLoader().getResources(path));
    } catch (IOException e) {
      throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: "
          + e.getMessage() + ".", e);
    }
    if (roots.isEmpty()) {
      throw new MigrationException("Reading migrations from " + location.getDescriptor() + " failed: no folder '"
          + path + "' is on the classpath. Put the migrations in src/main/resources/" + path
          + " (or src/test/resources/" + path + "), or set the locations (@MigrationTest(locations = ...),"
          + " schemakit.locations or flyway.locations).");
    }
    for (URL root : roots) {
      try {
        switch (root.getProtocol()) {
          case "file" -> scanFolder(location, Path.of(root.toURI()), true);
          case "jar" -> scanJar(location, root);
          default -> throw new MigrationException("Reading migrations from " + location.getDescriptor()
              + " failed: " + root + " is neither a folder nor a jar. Put the migrations in a folder or jar.");
        }
      } catch (IOException | URISyntaxException e) {
        throw new MigrationException("Reading migrations from " + location.getDescriptor() + " (" + root
            + ") failed: " + e.getMessage() + ".", e);
      }
    }
  }

  private void scanFolder(Location location, Path root, boolean classpath) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        add(location, relative, classpath, Files.readAllBytes(file));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new MigrationException("Reading migrations from " + location.getDescriptor() + " (" + root
          + ") failed: " + e.getMessage() + ". Check the folder's permissions.", e);
    }
  }

  private void scanJar(Location location, URL root) throws IOException {
    JarURLConnection connection = (JarURLConnection) root.openConnection();
    connection.setUseCaches(false);
    String prefix = location.getRootPath().endsWith("/") ? location.getRootPath() : location.getRootPath() + "/";
    try (JarFile jar = connection.getJarFile()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
          try (InputStream in = jar.getInputStream(entry)) {
            add(location, entry.getName().substring(prefix.length()), true, in.readAllBytes());
          }
        }
      }
    }
  }

  private void add(Location location, String relative, boolean classpath, byte[] content) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    String where = location.getDescriptor().replaceAll("/+$", "") + "/" + relative;
    String hash = MigrationSettings.sha256(content);
    if (classpath && name.endsWith(".class")) {
      String simple = name.substring(0, name.length() - ".class".length());
      if (!simple.contains("$")) {
        Migration java = parse(simple, where, hash, versionedPrefix, Migration.Kind.VERSIONED);
        if (java != null) {
          versioned.add(java);
        }
      }
      return;
    }
    String configured = suffixes.stream().filter(x -> name.endsWith(x + ".conf")).findFirst().orElse(null);
    if (configured != null) {
      // V3__index.sql.conf: Flyway's script configuration (executeInTransaction, encoding) for V3__index.sql
      scriptConfigs.put(where.substring(0, where.length() - ".conf".length()),
          new String(content, java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    String suffix = suffixes.stream().filter(name::endsWith).findFirst().orElse(null);
    if (suffix == null) {
      if (looksLikeAMigration(name)) {
        ignored.add(where);
      }
      return;
    }
    String base = name.substring(0, name.length() - suffix.length());
    Migration migration;
    if ((migration = parse(base, where, hash, repeatablePrefix, Migration.Kind.REPEATABLE)) != null) {
      repeatable.add(migration);
    } else if ((migration = parse(base, where, hash, versionedPrefix, Migration.Kind.VERSIONED)) != null) {
      versioned.add(migration);
    } else if ((migration = parse(base, where, hash, undoPrefix, Migration.Kind.UNDO)) != null) {
      undo.add(migration);
    } else if ((migration = parse(base, where, hash, baselinePrefix, Migration.Kind.BASELINE)) != null) {
      baselines.add(migration);
    } else if (isCallback(base)) {
      // beforeMigrate.sql, afterMigrate__grants.sql are callbacks: they change the result too
      callbacks.add(new Migration(Migration.Kind.REPEATABLE, null, base, where, hash));
    } else {
      ignored.add(where);
    }
  }

  /** A name a migration author meant as one: a V/U/R/B prefix in any case followed by a digit or a separator. */
  private boolean looksLikeAMigration(String name) {
    return name.matches("(?i)^[vurb]\\d.*") || name.contains(separator);
  }

  /** Whether Flyway runs a script of this name as a callback: an event's id, optionally with a description. */
  private boolean isCallback(String base) {
    int split = base.indexOf(separator);
    String event = split < 0 ? base : base.substring(0, split);
    return Arrays.stream(Event.values()).anyMatch(e -> e.getId().equals(event));
  }

  /** The migration a base name describes under one prefix, or {@code null} when it does not follow the rules. */
  private Migration parse(String base, String where, String hash, String prefix, Migration.Kind kind) {
    if (!base.startsWith(prefix)) {
      return null;
    }
    int split = base.indexOf(separator, prefix.length());
    if (split < 0) {
      return null;
    }
    String version = base.substring(prefix.length(), split);
    String description = base.substring(split + separator.length()).replace('_', ' ');
    if (kind == Migration.Kind.REPEATABLE) {
      return version.isEmpty() ? new Migration(kind, null, description, where, hash) : null;
    }
    if (version.isEmpty() || !version.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '_')) {
      return null;
    }
    try {
      return new Migration(kind, MigrationVersion.fromVersion(version), description, where, hash);
    } catch (FlywayException e) {
      return null;
    }
  }

  private static void rejectDuplicates(List<Migration> migrations, String kind) {
    Map<MigrationVersion, Migration> seen = new HashMap<>();
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
