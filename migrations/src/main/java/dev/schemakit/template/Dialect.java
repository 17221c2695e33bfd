package dev.schemakit.template;

import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.snapshot.PostgresExpressionNormalizer;
import dev.schemakit.snapshot.SnapshotReader;
import java.sql.Connection;
import java.util.List;

/** The SQL dialect of a {@link VersionedDatabase}: how it is read and how its expressions are compared. */
public enum Dialect {
  /** PostgreSQL: the pg_catalog reader, expressions normalised by the server. */
  POSTGRESQL,
  /** SQLite: SchemaCrawler's SQLite support, one schema ({@code main}), expressions compared as text. */
  SQLITE;

  SnapshotReader reader() {
    return this == SQLITE ? SnapshotReader.forSqlite() : SnapshotReader.forPostgres();
  }

  ExpressionNormalizer normalizer(Connection connection) {
    return this == SQLITE ? ExpressionNormalizer.textual() : new PostgresExpressionNormalizer(connection);
  }

  /** The schemas to snapshot: the managed ones on PostgreSQL, {@code main} on SQLite. */
  List<String> schemas(List<String> managed) {
    return this == SQLITE ? List.of("main") : managed;
  }
}
