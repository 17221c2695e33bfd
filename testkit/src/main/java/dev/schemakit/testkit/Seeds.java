package dev.schemakit.testkit;

import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.sql.SqlScript;
import dev.schemakit.template.TemplateSeed;
import dev.schemakit.template.VersionedDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed of a {@link MigrationTest} class: its {@code seed} scripts and {@code seeder} classes, read when the
 * settings are, so that a missing file fails before any database is made and the template's hash is the content.
 */
final class Seeds implements TemplateSeed {

  /** A seed script as read: where it was named, its file name for messages, its text. */
  record Script(String location, String fileName, String text) {
  }

  private final List<Script> scripts;
  private final List<Class<? extends Seeder>> seeders;
  private final String fingerprint;

  private Seeds(List<Script> scripts, List<Class<? extends Seeder>> seeders, String fingerprint) {
    this.scripts = scripts;
    this.seeders = seeders;
    this.fingerprint = fingerprint;
  }

  /**
   * Reads the scripts and checks the seeders.
   *
   * @return {@code null} when there is no seed
   * @throws MigrationTestSettings.Invalid naming the location or class and the fix
   */
  static Seeds read(String[] locations, Class<? extends Seeder>[] seeders, ClassLoader loader) {
    if (locations.length == 0 && seeders.length == 0) {
      return null;
    }
    List<Script> scripts = new ArrayList<>();
    StringBuilder hashed = new StringBuilder();
    for (String location : locations) {
      Script script = script(location.strip(), loader);
      scripts.add(script);
      hashed.append("script ").append(script.location()).append(' ')
          .append(Hashes.sha256(script.text().getBytes(StandardCharsets.UTF_8))).append('\n');
    }
    for (Class<? extends Seeder> seeder : seeders) {
      constructor(seeder);
      hashed.append("seeder ").append(seeder.getName()).append(' ').append(classFileHash(seeder)).append('\n');
    }
    return new Seeds(List.copyOf(scripts), List.of(seeders),
        Hashes.sha256(hashed.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static Script script(String location, ClassLoader loader) {
    try {
      if (location.startsWith("filesystem:")) {
        Path path = Path.of(location.substring("filesystem:".length()));
        if (!Files.isRegularFile(path)) {
          throw new MigrationTestSettings.Invalid("seed = \"" + location + "\": there is no file " + path.toAbsolutePath()
              + ". Fix the path (relative paths start at " + Path.of("").toAbsolutePath() + ").");
        }
        return new Script(location, path.getFileName().toString(), Files.readString(path));
      }
      String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
      resource = resource.startsWith("/") ? resource.substring(1) : resource;
      URL url = loader.getResource(resource);
      if (url == null) {
        throw new MigrationTestSettings.Invalid("seed = \"" + location + "\": no resource " + resource
            + " is on the test classpath. Put the script under src/test/resources/" + resource + ", or name a file"
            + " with filesystem:.");
      }
      try (InputStream in = url.openStream()) {
        return new Script(location, resource.substring(resource.lastIndexOf('/') + 1),
            new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new MigrationTestSettings.Invalid("Reading the seed script " + location + " failed: " + e.getMessage() + ".");
    }
  }

  private static Constructor<? extends Seeder> constructor(Class<? extends Seeder> seeder) {
    try {
      Constructor<? extends Seeder> constructor = seeder.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new MigrationTestSettings.Invalid("seeder = " + seeder.getName() + ".class has no constructor without"
          + " parameters. Add one; the seeder is made once, before any test database.");
    }
  }

  /** The class file's hash: a changed seeder rebuilds its template. */
  private static String classFileHash(Class<?> seeder) {
    String resource = seeder.getName().replace('.', '/') + ".class";
    ClassLoader loader = seeder.getClassLoader();
    try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
      return in == null ? seeder.getName() : Hashes.sha256(in.readAllBytes());
    } catch (IOException e) {
      throw new MigrationTestSettings.Invalid("Reading the class file of seeder " + seeder.getName() + " failed: "
          + e.getMessage() + ".");
    }
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String description() {
    List<String> parts = new ArrayList<>(scripts.stream().map(Script::location).toList());
    seeders.forEach(seeder -> parts.add(seeder.getSimpleName()));
    return String.join(", ", parts);
  }

  @Override
  public void apply(VersionedDatabase database) {
    String doing = "Seeding " + database.jdbcUrl() + " at version '" + database.version() + "'";
    for (Script script : scripts) {
      run(script, database, doing);
    }
    for (Class<? extends Seeder> seeder : seeders) {
      try {
        constructor(seeder).newInstance().seed(new MigratedDatabase(database));
      } catch (ReflectiveOperationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new MigrationException(doing + " failed in seeder " + seeder.getName() + ": " + cause, cause);
      } catch (Exception e) {
        throw new MigrationException(doing + " failed in seeder " + seeder.getName() + ": " + e.getMessage(), e);
      }
    }
  }

  /** One transaction per script: a failing statement leaves nothing of its script behind. */
  private static void run(Script script, VersionedDatabase database, String doing) {
    List<SqlScript.Statement> statements;
    try {
      statements = SqlScript.statements(script.text());
    } catch (IllegalArgumentException e) {
      throw new MigrationException(doing + " failed in " + script.fileName() + " (" + script.location() + "): "
          + e.getMessage());
    }
    try (Connection connection = database.connection(); Statement jdbc = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (SqlScript.Statement statement : statements) {
        try {
          jdbc.execute(statement.text());
        } catch (SQLException e) {
          String said = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("").strip();
          throw new MigrationException(doing + " failed in " + script.fileName() + " (" + script.location()
              + ") at line " + statement.line() + ": " + said
              + (e.getSQLState() == null ? "" : " [SQL state " + e.getSQLState() + "]")
              + "\nStatement:\n  " + statement.text().strip().replace("\n", "\n  ")
              + "\nFix that statement in " + script.fileName() + ".", e);
        }
      }
      connection.commit();
    } catch (SQLException e) {
      throw new MigrationException(doing + " failed in " + script.fileName() + ": " + e.getMessage(), e);
    }
  }
}
