package dev.schemakit.testkit;

import dev.schemakit.migration.MigrationChain;
import dev.schemakit.template.Databases;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Where a test's databases come from: {@link DatabaseFactory} on a PostgreSQL server, SQLite files
 * ({@code provider = SQLITE}). The {@link Databases} of schemakit-migrations, handing out {@link MigratedDatabase}s.
 * For implementors; users get databases injected by {@link MigrationTest}.
 */
public interface TestDatabases extends Databases {

  @Override
  MigratedDatabase create(MigrationChain chain, MigrationVersion version);

  @Override
  default MigratedDatabase create(MigrationChain chain, String target) {
    return create(chain, chain.resolve(target));
  }

  /** Test databases from any {@link Databases}, e.g. the SQLite files of schemakit-sqlite. */
  static TestDatabases over(Databases databases) {
    return new TestDatabases() {
      @Override
      public MigratedDatabase create(MigrationChain chain, MigrationVersion version) {
        return new MigratedDatabase(databases.create(chain, version));
      }

      @Override
      public void close() {
        databases.close();
      }
    };
  }
}
