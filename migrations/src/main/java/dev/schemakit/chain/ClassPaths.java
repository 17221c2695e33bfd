package dev.schemakit.chain;

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

  private static final String NAME = "schemakit-project";

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
    return new URLClassLoader(NAME, urls.toArray(URL[]::new), parent);
  }

  /** Whether a class loader was made by {@link #loader}: a project's class path, given from outside. */
  public static boolean isProjectClassPath(ClassLoader loader) {
    return loader instanceof URLClassLoader urls && NAME.equals(urls.getName());
  }

  /** The entries of a class loader made by {@link #loader}, for a message. */
  public static String describe(ClassLoader loader) {
    return isProjectClassPath(loader)
        ? Arrays.stream(((URLClassLoader) loader).getURLs()).map(URL::getPath).toList().toString() : "of this JVM";
  }
}
