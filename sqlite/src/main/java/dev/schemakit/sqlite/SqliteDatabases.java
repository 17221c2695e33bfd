package dev.schemakit.sqlite;

import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.template.Databases;
import dev.schemakit.template.Dialect;
import dev.schemakit.template.TemplateSeed;
import dev.schemakit.template.VersionedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite databases migrated to any version, as copies of cached template files: the template cache of
 * {@link dev.schemakit.template.TemplateFactory}, with a file copy instead of {@code CREATE DATABASE ...
 * TEMPLATE}. What {@code @MigrationTest(provider = SQLITE)} uses. Needs {@code org.xerial:sqlite-jdbc}.
 *
 * <pre>{@code
 * try (SqliteDatabases databases = SqliteDatabases.open()) {
 *   VersionedDatabase db = databases.create(MigrationChain.scan(settings), "3");
 * }
 * }</pre>
 *
 * <p>Templates ({@code t_<hash>_v<version>.db}, the hash of the Flyway settings and of every migration up to
 * the version) live in {@code <java.io.tmpdir>/schemakit-sqlite-<user>/templates} and survive the JVM; one not
 * used for 14 days is deleted. A template is built from the nearest lower one (from empty when the chain has
 * repeatable migrations or callbacks, whose order would differ), under a file lock, so parallel JVMs build
 * each once. Databases handed out are files in a directory of this run, deleted by {@link #close()}; every
 * connection enforces foreign keys ({@code PRAGMA foreign_keys = ON}), as an application should.
 */
public final class SqliteDatabases implements Databases {

  private static final Duration UNUSED = Duration.ofDays(14);

  private final Path templates;
  private final Path run;
  private final AtomicInteger sequence = new AtomicInteger();

  private SqliteDatabases(Path templates, Path run) {
    this.templates = templates;
    this.run = run;
  }

  /** Opens the template cache and a directory for this run's databases. */
  public static SqliteDatabases open() {
    requireDriver();
    Path root = Path.of(System.getProperty("java.io.tmpdir"),
        "schemakit-sqlite-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_"));
    try {
      Path templates = Files.createDirectories(root.resolve("templates"));
      pruneUnused(templates);
      return new SqliteDatabases(templates, Files.createTempDirectory(Files.createDirectories(root), "run-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Preparing SQLite test databases under " + root + " failed: " + e.getMessage()
          + ". Check that java.io.tmpdir is writable.", e);
    }
  }

  @Override
  public VersionedDatabase create(MigrationChain chain, Version version) {
    return create(chain, version, null);
  }

  @Override
  public VersionedDatabase create(MigrationChain chain, Version version, TemplateSeed seed) {
    Path template = seed == null ? template(chain, version) : seededTemplate(chain, version, seed);
    return copy(template, chain, version);
  }

  @Override
  public VersionedDatabase copy(VersionedDatabase source) {
    return copy(run.resolve(source.name()), source.chain(), source.migrationVersion());
  }

  private VersionedDatabase copy(Path source, MigrationChain chain, Version version) {
    Path file = run.resolve("c" + sequence.incrementAndGet() + ".db");
    try {
      Files.copy(source, file);
    } catch (IOException e) {
      throw new UncheckedIOException("Copying SQLite database " + source + " to " + file + " failed: "
          + e.getMessage(), e);
    }
    return new VersionedDatabase(Dialect.SQLITE, file.getFileName().toString(), url(file), dataSource(file), chain,
        version);
  }

  @Override
  public void drop(List<String> names) {
    for (String name : names) {
      try {
        Files.deleteIfExists(run.resolve(name));
      } catch (IOException e) {
        // close() deletes the run's directory; a file that cannot go now goes then
      }
    }
  }

  /** The template of a version with a seed's rows, built from the version's template when not cached yet. */
  private Path seededTemplate(MigrationChain chain, Version version, TemplateSeed seed) {
    Path base = template(chain, version);
    String name = base.getFileName().toString();
    Path template = templates.resolve("t_" + Hashes.sha256((chain.fingerprint(version) + "\n"
        + seed.fingerprint()).getBytes(StandardCharsets.UTF_8)).substring(0, 24)
        + name.substring(name.lastIndexOf("_v"), name.length() - ".db".length()) + "_s.db");
    return cached(template, "seeding the SQLite template of version '" + version + "' with " + seed.description(),
        staging -> {
          Files.copy(base, staging, StandardCopyOption.REPLACE_EXISTING);
          seed.apply(new VersionedDatabase(Dialect.SQLITE, staging.getFileName().toString(), url(staging),
              dataSource(staging), chain, version));
        });
  }

  private interface Build {
    void into(Path staging) throws IOException;
  }

  /** A template file, built into a staging file under the cache's file lock when no JVM has built it yet. */
  private Path cached(Path template, String doing, Build build) {
    if (Files.exists(template)) {
      touch(template);
      return template;
    }
    try (FileChannel lockFile = FileChannel.open(templates.resolve(".build.lock"), StandardOpenOption.CREATE,
             StandardOpenOption.WRITE);
         FileLock lock = lockFile.lock()) {
      if (Files.exists(template)) {
        return template; // another JVM built it while this one waited
      }
      Path staging = Files.createTempFile(templates, "staging-", ".db");
      try {
        build.into(staging);
        move(staging, template);
      } finally {
        Files.deleteIfExists(staging);
      }
      return template;
    } catch (IOException e) {
      throw new UncheckedIOException(doing + " in " + templates + " failed: " + e.getMessage(), e);
    }
  }

  /** The template file of a version, built when it is not cached yet. */
  public Path template(MigrationChain chain, Version version) {
    return cached(templates.resolve(templateName(chain, version)), "Building the SQLite template for version '"
        + version + "'", staging -> {
          Path base = nearestLower(chain, version);
          if (base != null) {
            Files.copy(base, staging, StandardCopyOption.REPLACE_EXISTING);
          }
          chain.settings().engine().migrateAsDeployed(chain, dataSource(staging), url(staging), version);
        });
  }

  /** Deletes this run's databases; the templates stay for the next run. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.list(run)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(run);
    } catch (IOException e) {
      throw new UncheckedIOException("Deleting the SQLite test databases in " + run + " failed: " + e.getMessage(), e);
    }
  }

  private Path nearestLower(MigrationChain chain, Version version) {
    if (!chain.repeatable().isEmpty() || !chain.callbacks().isEmpty()) {
      return null; // repeatables run after all versioned ones: a lower template's would run in another order
    }
    for (Version lower : chain.versionsBelow(version)) {
      Path candidate = templates.resolve(templateName(chain, lower));
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static String templateName(MigrationChain chain, Version version) {
    String readable = version.equals(Version.EMPTY) ? "empty" : version.getVersion().replace('.', '_');
    return "t_" + chain.fingerprint(version).substring(0, 24) + "_v" + readable + ".db";
  }

  /** A JDBC URL of a database file. */
  public static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /**
   * A session on a live SQLite file that writes nothing: opened read-only (a missing file is an error, never a new
   * empty one) and {@code query_only} on top. The read-only {@code check} and the rehearsal's source use it.
   */
  public static java.sql.Connection openReadOnly(String url) throws java.sql.SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
    config.setBusyTimeout(10_000);
    java.sql.Connection connection = config.createConnection(url);
    try (java.sql.Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = ON");
    }
    return connection;
  }

  /** A data source for a database file that enforces foreign keys on every connection. */
  public static DataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(url(file));
    return dataSource;
  }

  private static void move(Path staging, Path template) throws IOException {
    try {
      Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, template, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void touch(Path template) {
    try {
      Files.setLastModifiedTime(template, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // only the pruning age is off; the template is fine
    }
  }

  private static void pruneUnused(Path templates) throws IOException {
    Instant cutoff = Instant.now().minus(UNUSED);
    try (Stream<Path> files = Files.list(templates)) {
      List<Path> old = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".db"))
          .filter(f -> lastModified(f).isBefore(cutoff)).toList();
      for (Path file : old) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static Instant lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.now();
    }
  }

  private static void requireDriver() {
    try {
      Class.forName("org.sqlite.JDBC", false, SqliteDatabases.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("SQLite test databases need the SQLite JDBC driver: add org.xerial:sqlite-jdbc"
          + " (scope test) to the build.", e);
    }
  }
}
