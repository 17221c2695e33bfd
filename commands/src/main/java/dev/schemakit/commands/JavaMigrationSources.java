package dev.schemakit.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
          Matcher name = NAME.matcher(file.getFileName().toString());
          if (name.matches() && isJavaMigration(file)) {
            String className = sources.relativize(file).toString().replace('\\', '/').replaceAll("\\.java$", "");
            if (classes == null || classes.getResource(className + ".class") == null) {
              found.putIfAbsent(name.group(1).replace('_', '.'), file.getFileName().toString());
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

  private static boolean isJavaMigration(Path file) {
    try {
      String source = Files.readString(file);
      return source.contains("JavaMigration");
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }
}
