package dev.schemakit.snapshot;

import dev.schemakit.model.Catalog;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads what a live database has into the {@link Catalog} model. Implementations only read: they
 * run no DDL and change no data.
 *
 * <pre>{@code
 * Catalog actual = SnapshotReader.forPostgres().read(dataSource, List.of("public"));
 * }</pre>
 */
public interface SnapshotReader {

  /**
   * Snapshots the given schemas.
   *
   * @param dataSource where to connect; connections are closed before this returns
   * @param schemas schema names to read; schemas that do not exist are absent from the result
   * @throws SnapshotException when the database cannot be read, naming the URL (never a password)
   */
  Catalog read(DataSource dataSource, List<String> schemas);

  /** The fast reader over {@code pg_catalog}: the default on PostgreSQL. */
  static SnapshotReader forPostgres() {
    return new PgCatalogSnapshotReader();
  }

  /**
   * The SQLite reader: SchemaCrawler and its SQLite plugin, plus the statements SQLite stores; one schema,
   * {@code main}. Needs the xerial {@code sqlite-jdbc} driver on the class path.
   */
  static SnapshotReader forSqlite() {
    return new SqliteSnapshotReader();
  }

  /** The portable reader over SchemaCrawler (JDBC metadata and its PostgreSQL plugin). */
  static SnapshotReader schemaCrawler() {
    return new SchemaCrawlerSnapshotReader();
  }
}
