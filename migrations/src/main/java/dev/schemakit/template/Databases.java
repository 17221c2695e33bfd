package dev.schemakit.template;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;

/**
 * Where migrated databases come from: {@link TemplateFactory} on a PostgreSQL server, {@code
 * dev.schemakit.sqlite.SqliteDatabases} as files. For implementors and tools (the CLI); test classes get
 * databases injected by the testkit's {@code @MigrationTest}.
 */
public interface Databases extends AutoCloseable {

  /** A new database at {@code version}, for the caller alone, dropped by {@link #close()}. */
  VersionedDatabase create(MigrationChain chain, Version version);

  /**
   * A new database at {@code version} with the rows of a seed, cloned from a template of that version and seed that
   * is built once and cached like the others.
   *
   * @param seed the rows, or {@code null} for none
   */
  VersionedDatabase create(MigrationChain chain, Version version, TemplateSeed seed);

  /**
   * A new database with the schema and rows of one handed out before, which must have no open connection while it is
   * copied: how every test method of a class gets a copy of the class's database.
   */
  VersionedDatabase copy(VersionedDatabase source);

  /** Drops databases handed out, before {@link #close()}: for runs that use many. Best effort. */
  void drop(java.util.List<String> names);

  /** A new database at a version of the chain or {@code latest}. */
  default VersionedDatabase create(MigrationChain chain, String target) {
    return create(chain, chain.resolve(target));
  }

  /** Drops every database handed out. */
  @Override
  void close();
}
