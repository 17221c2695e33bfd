package dev.schemakit.testkit;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.template.Databases;
import dev.schemakit.template.TemplateSeed;
import dev.schemakit.template.VersionedDatabase;
import java.util.List;

/**
 * Where a test's databases come from: {@link DatabaseFactory} on a PostgreSQL server, SQLite files
 * ({@code provider = SQLITE}). The {@link Databases} of schemakit-migrations, handing out {@link MigratedDatabase}s.
 * For implementors; users get databases injected by {@link MigrationTest}.
 */
public interface TestDatabases extends Databases {

  @Override
  MigratedDatabase create(MigrationChain chain, Version version);

  @Override
  MigratedDatabase create(MigrationChain chain, Version version, TemplateSeed seed);

  @Override
  MigratedDatabase copy(VersionedDatabase source);

  @Override
  default MigratedDatabase create(MigrationChain chain, String target) {
    return create(chain, chain.resolve(target));
  }

  /** Test databases from any {@link Databases}, e.g. the SQLite files of schemakit-sqlite. */
  static TestDatabases over(Databases databases) {
    return new TestDatabases() {
      @Override
      public MigratedDatabase create(MigrationChain chain, Version version) {
        return new MigratedDatabase(databases.create(chain, version));
      }

      @Override
      public MigratedDatabase create(MigrationChain chain, Version version, TemplateSeed seed) {
        return new MigratedDatabase(databases.create(chain, version, seed));
      }

      @Override
      public MigratedDatabase copy(VersionedDatabase source) {
        return new MigratedDatabase(databases.copy(source));
      }

      @Override
      public void drop(List<String> names) {
        databases.drop(names);
      }

      @Override
      public void close() {
        databases.close();
      }
    };
  }
}
