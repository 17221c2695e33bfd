package dev.schemakit.model;

import java.util.List;
import java.util.Optional;

/**
 * What a contract declares or a snapshot found: the schemas of one database and its extensions.
 *
 * <p>This is the meeting point of schemakit: contract reader, snapshot readers and (later) the
 * entity reader produce it; the diff and the contract writer consume it. Only readers build it.
 *
 * @param schemas schemas, sorted by name
 * @param extensions installed extensions (other than {@code plpgsql}), sorted by name
 */
public record Catalog(List<Schema> schemas, List<Extension> extensions) {

  public Catalog {
    schemas = ModelChecks.list(schemas);
    extensions = ModelChecks.list(extensions);
  }

  public Optional<Schema> schema(String schemaName) {
    return schemas.stream().filter(s -> s.name().equals(schemaName)).findFirst();
  }

  /** The table {@code schema.table}, if present. */
  public Optional<Table> table(String schemaName, String tableName) {
    return schema(schemaName).flatMap(s -> s.table(tableName));
  }

  /** Number of tables over all schemas. */
  public int tableCount() {
    return schemas.stream().mapToInt(s -> s.tables().size()).sum();
  }

  /** This catalog without the tables of this name in any schema (Flyway's history table, for one). */
  public Catalog withoutTable(String tableName) {
    return withoutTables(java.util.List.of(tableName));
  }

  /** The same catalog without the tables of these names in any schema (a migration engine's own tables). */
  public Catalog withoutTables(java.util.Collection<String> tableNames) {
    return new Catalog(schemas.stream().map(s -> s.withTables(s.tables().stream()
        .filter(t -> !tableNames.contains(t.name())).toList())).toList(), extensions);
  }

  /**
   * Every schema and table strict or not. A snapshot compared as the expected side should be strict,
   * so that anything the other side has in addition is reported.
   */
  public Catalog withStrict(boolean strict) {
    return new Catalog(schemas.stream().map(s -> s.withStrict(strict)).toList(), extensions);
  }
}
