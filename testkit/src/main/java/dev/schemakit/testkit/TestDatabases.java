package dev.schemakit.testkit;

import dev.schemakit.migration.MigrationChain;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where migrated databases come from: {@link DatabaseFactory} on a PostgreSQL server, {@link
 * dev.schemakit.sqlite.SqliteDatabases} as files. For implementors; users get databases injected by
 * {@link MigrationTest}.
 */
public interface TestDatabases extends AutoCloseable {

  /** A new database at {@code version}, for the caller alone, dropped by {@link #close()}. */
  MigratedDatabase create(MigrationChain chain, MigrationVersion version);

  /** A new database at a version of the chain or {@code latest}. */
  default MigratedDatabase create(MigrationChain chain, String target) {
    return create(chain, chain.resolve(target));
  }

  /** Drops every database handed out. */
  @Override
  void close();
}
