package dev.schemakit.testkit;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.TemplateSeed;
import dev.schemakit.template.VersionedDatabase;
import java.util.List;

/**
 * Hands out {@link MigratedDatabase}s migrated to any version, as clones of cached template databases: what
 * {@link MigrationTest} uses, and what a test outside the annotation uses directly.
 *
 * <pre>{@code
 * try (DatabaseFactory factory = DatabaseFactory.on(EmbeddedPostgres.shared())) {
 *   MigratedDatabase db = factory.create(MigrationChain.scan(settings), "3");
 * }
 * }</pre>
 *
 * <p>The cache itself (how templates are named, built, locked and kept) is {@link TemplateFactory} of
 * schemakit-migrations, which tools outside JUnit use; see there. Thread-safe.
 */
public final class DatabaseFactory implements TestDatabases {

  private final TemplateFactory templates;

  private DatabaseFactory(TemplateFactory templates) {
    this.templates = templates;
  }

  /**
   * A factory on a running server; see {@link TemplateFactory#on(PostgresServer)}.
   *
   * @throws dev.schemakit.database.DatabaseServerException when the server cannot be reached
   */
  public static DatabaseFactory on(PostgresServer server) {
    return new DatabaseFactory(TemplateFactory.on(server));
  }

  /** The server the databases are on. */
  public PostgresServer server() {
    return templates.server();
  }

  /** The template cache under this factory, for the parts of schemakit that take one (deploy safety). */
  public TemplateFactory templates() {
    return templates;
  }

  @Override
  public MigratedDatabase create(MigrationChain chain, Version version) {
    return new MigratedDatabase(templates.create(chain, version));
  }

  @Override
  public MigratedDatabase create(MigrationChain chain, Version version, TemplateSeed seed) {
    return new MigratedDatabase(templates.create(chain, version, seed));
  }

  @Override
  public MigratedDatabase copy(VersionedDatabase source) {
    return new MigratedDatabase(templates.copy(source));
  }

  @Override
  public void drop(List<String> names) {
    templates.drop(names);
  }

  /** The template database of a version, built if needed; see {@link TemplateFactory#template}. */
  public String template(MigrationChain chain, Version version) {
    return templates.template(chain, version);
  }

  /** The databases handed out and not yet dropped. */
  public List<String> createdDatabases() {
    return templates.createdDatabases();
  }

  /** Drops the databases handed out; see {@link TemplateFactory#close()}. */
  @Override
  public void close() {
    templates.close();
  }
}
