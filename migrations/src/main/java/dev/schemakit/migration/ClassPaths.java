package dev.schemakit.migration;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A project's class path outside its own JVM (the command line's {@code --classes}, the Maven plugin's project):
 * the folders and jars that {@code classpath:} locations and Java migrations are read from, in a class loader whose
 * parent is schemakit's, so that a migration's {@code BaseJavaMigration} is the Flyway that runs it.
 * For implementors of build integrations.
 */
public final class ClassPaths {

  private ClassPaths() {
  }

  /**
   * The entries of a path list as Java's {@code -cp} writes it ({@code target/classes:lib/a.jar}, with the
   * platform's separator); commas separate entries too.
   */
  public static List<Path> split(String pathList) {
    return Arrays.stream(pathList.split("[,\\" + File.pathSeparator + "]")).map(String::strip)
        .filter(entry -> !entry.isEmpty()).map(Path::of).toList();
  }

  /**
   * A class loader over these folders and jars, above the given parent.
   *
   * @throws MigrationException naming the first entry that does not exist
   */
  public static ClassLoader loader(List<Path> entries, ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.exists(entry)) {
        throw new MigrationException("Reading the class path " + entries + " failed: " + entry.toAbsolutePath()
            + " does not exist. Compile the project first (mvn compile) or fix the path.");
      }
      try {
        urls.add(entry.toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException e) {
        throw new MigrationException("Reading the class path entry " + entry + " failed: " + e.getMessage(), e);
      }
    }
    return new URLClassLoader("schemakit-project", urls.toArray(URL[]::new), parent);
  }

  /** The entries of a class loader made by {@link #loader}, for a message; other loaders are "of this JVM". */
  static String describe(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls && "schemakit-project".equals(urls.getName())) {
      return Arrays.stream(urls.getURLs()).map(URL::getPath).toList().toString();
    }
    return "of this JVM";
  }
}
