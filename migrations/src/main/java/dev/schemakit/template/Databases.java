package dev.schemakit.template;

import dev.schemakit.migration.MigrationChain;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where migrated databases come from: {@link TemplateFactory} on a PostgreSQL server, {@code
 * dev.schemakit.sqlite.SqliteDatabases} as files. For implementors and tools (the CLI); test classes get
 * databases injected by the testkit's {@code @MigrationTest}.
 */
public interface Databases extends AutoCloseable {

  /** A new database at {@code version}, for the caller alone, dropped by {@link #close()}. */
  VersionedDatabase create(MigrationChain chain, MigrationVersion version);

  /** A new database at a version of the chain or {@code latest}. */
  default VersionedDatabase create(MigrationChain chain, String target) {
    return create(chain, chain.resolve(target));
  }

  /** Drops every database handed out. */
  @Override
  void close();
}
