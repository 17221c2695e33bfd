package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A migrated database kept open for the rest of a build: what the Maven plugin's {@code start} goal hands to code
 * generators (jOOQ's) that read a real schema, and its {@code stop} goal closes. On the embedded server (a server of
 * its own, stopped by {@link #close()} or when the JVM exits, also when the build fails) unless {@code --url} names
 * one. Takes the options of {@code verify}: {@code --migrations}, {@code --target}, {@code --postgres}, the project's
 * Flyway settings.
 */
public final class BuildDatabase implements AutoCloseable {

  private final PostgresServer server;
  private final String user;
  private final boolean ownServer;
  private final TemplateFactory factory;
  private final VersionedDatabase database;

  private BuildDatabase(PostgresServer server, String user, boolean ownServer, TemplateFactory factory,
      VersionedDatabase database) {
    this.server = server;
    this.user = user;
    this.ownServer = ownServer;
    this.factory = factory;
    this.database = database;
  }

  /**
   * Starts the server (or connects to {@code --url}) and migrates a new database to {@code --target}.
   *
   * @param args the options, as on the command line
   * @param err where the "settings came from" line and progress go
   * @throws IllegalArgumentException with the command line's message for bad input or a failing migration
   */
  public static BuildDatabase open(List<String> args, PrintStream err) {
    Set<String> valued = new HashSet<>(Provisioning.MIGRATION_OPTIONS);
    valued.addAll(Provisioning.SERVER_OPTIONS);
    valued.add("--target");
    Options options;
    MigrationChain chain;
    try {
      options = Options.parse("start", args, valued, Set.of("--verbose"));
      if (Provisioning.sqlite(options)) {
        throw CliException.badInput("start makes a PostgreSQL database for the build; a SQLite chain needs none: point"
            + " the generator at a SQLite file (jdbc:sqlite:...) migrated by Flyway.");
      }
      chain = Provisioning.chainAppliedByFlyway(options, new Console(err, err));
      chain.resolve(options.value("--target").orElse("latest"));
    } catch (CliException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    PostgresServer server;
    boolean ownServer = options.value("--url").isEmpty();
    if (ownServer) {
      // a server of its own: the build's tests may start the JVM-wide one, which this must not stop
      server = EmbeddedPostgres.start(Provisioning.major(options));
    } else {
      server = ExternalPostgres.connect(options.value("--url").get(), options.value("--user").orElse(null),
          Provisioning.password(options));
    }
    TemplateFactory factory = null;
    try {
      factory = TemplateFactory.on(server);
      VersionedDatabase database = factory.create(chain, options.value("--target").orElse("latest"));
      return new BuildDatabase(server, ownServer ? EmbeddedPostgres.USER : options.value("--user").orElse(null),
          ownServer, factory, database);
    } catch (RuntimeException e) {
      if (factory != null) {
        factory.close();
      }
      if (ownServer) {
        ((EmbeddedPostgres) server).close();
      }
      throw e;
    }
  }

  /** The migrated database's JDBC URL, without password. */
  public String jdbcUrl() {
    return database.jdbcUrl();
  }

  /** The user to connect as. */
  public String user() {
    return user;
  }

  /** The version the database is at. */
  public String version() {
    return database.version();
  }

  /** Drops the database and stops the server when it is the build's own. */
  @Override
  public void close() {
    try {
      factory.close();
    } finally {
      if (ownServer) {
        ((EmbeddedPostgres) server).close();
      }
    }
  }
}
