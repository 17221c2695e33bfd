package dev.schemakit.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A project's Java migrations found in its sources ({@code src/main/java/.../V6_0__Uuid_migration.java}) whose
 * classes the given class path does not hold, so that they will not run: a later SQL migration that depends on one
 * would fail on a statement that is right. Read from the sources because the classes are what is missing.
 */
final class JavaMigrationSources {

  private static final Pattern NAME = Pattern.compile("V([0-9][0-9_.]*)__[^/\\\\]*\\.java");
  /**
   * A class that names its own version ({@code MigrationVersion.fromVersion("44.3")} in {@code getVersion()}) need
   * not follow Flyway's naming: Marquez's {@code V44_3_BackfillJobsWithParents} has one underscore, which Flyway's
   * name parser would not read.
   */
  private static final Pattern OWN_VERSION = Pattern.compile("MigrationVersion\\.fromVersion\\(\\s*\"([^\"]+)\"");

  private JavaMigrationSources() {}

  /**
   * By version, the sources of the Java migrations in the projects of these folders (the part before
   * {@code src/main/resources}, else {@code project}) that {@code classes} cannot load; {@code classes} may be null.
   */
  static Map<String, String> notOnTheClassPath(List<Path> folders, Path project, ClassLoader classes) {
    Map<String, String> found = new LinkedHashMap<>();
    for (Path root : folders.stream().map(folder -> projectOf(folder, project)).distinct().toList()) {
      Path sources = root.resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          Optional<String> version = javaMigrationVersion(file);
          if (version.isPresent()) {
            String className = sources.relativize(file).toString().replace('\\', '/').replaceAll("\\.java$", "");
            if (classes == null || classes.getResource(className + ".class") == null) {
              found.putIfAbsent(version.get(), file.getFileName().toString());
            }
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // a folder that cannot be read hides no more than it did before: the chain is read as given
      }
    }
    return found;
  }

  private static Path projectOf(Path folder, Path project) {
    String path = folder.toAbsolutePath().normalize().toString().replace('\\', '/');
    int resources = path.indexOf("/src/main/resources/");
    return resources < 0 ? project : Path.of(path.substring(0, resources));
  }

  /**
   * The version of a concrete Java migration class: the one it names in {@code getVersion()}, else the one in its
   * name as Flyway reads it ({@code V6_0__Uuid_migration} is 6.0); empty for any other source.
   */
  private static Optional<String> javaMigrationVersion(Path file) {
    String fileName = file.getFileName().toString();
    // only files named as migrations are read: a project's other sources may be thousands
    if (!fileName.matches("V[0-9].*\\.java")) {
      return Optional.empty();
    }
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    String className = fileName.substring(0, fileName.length() - ".java".length());
    // a project's abstract base for its migrations is not one
    boolean abstractBase = Pattern.compile("abstract\\s+class\\s+" + className + "\\b").matcher(source).find();
    if (!source.contains("JavaMigration") || abstractBase) {
      return Optional.empty();
    }
    Matcher own = OWN_VERSION.matcher(source);
    if (own.find()) {
      return Optional.of(own.group(1));
    }
    Matcher name = NAME.matcher(fileName);
    return name.matches() ? Optional.of(name.group(1).replace('_', '.')) : Optional.empty();
  }
}
