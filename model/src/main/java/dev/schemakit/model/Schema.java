package dev.schemakit.model;

import java.util.List;
import java.util.Optional;

/**
 * One database schema (namespace): its tables, views, enum types and sequences.
 *
 * @param name schema name
 * @param tables tables, sorted by name
 * @param views views and materialized views, sorted by name
 * @param enums enum types, sorted by name
 * @param sequences sequences, sorted by name
 * @param strict contracts: whether tables, views and enum types not listed are drift
 * @param origin contract position of the first file that declared the schema, {@code null} for
 *     snapshots
 * @param routines functions and procedures, sorted by signature
 * @param domains domains, sorted by name
 */
public record Schema(
    String name,
    List<Table> tables,
    List<View> views,
    List<EnumType> enums,
    List<Sequence> sequences,
    boolean strict,
    Origin origin,
    List<Routine> routines,
    List<Domain> domains) {

  /** A schema without functions and domains. */
  public Schema(String name, List<Table> tables, List<View> views, List<EnumType> enums, List<Sequence> sequences,
      boolean strict, Origin origin) {
    this(name, tables, views, enums, sequences, strict, origin, List.of(), List.of());
  }

  public Schema {
    ModelChecks.name(name, "schema");
    tables = ModelChecks.list(tables);
    views = ModelChecks.list(views);
    enums = ModelChecks.list(enums);
    sequences = ModelChecks.list(sequences);
    routines = ModelChecks.list(routines);
    domains = ModelChecks.list(domains);
  }

  public Optional<Table> table(String tableName) {
    return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
  }

  public Schema withTables(List<Table> tables) {
    return new Schema(name, tables, views, enums, sequences, strict, origin, routines, domains);
  }

  /** This schema, and every table in it, strict or not: a strict expectation reports whatever it does not list. */
  public Schema withStrict(boolean strict) {
    return new Schema(name, tables.stream().map(t -> t.withStrict(strict)).toList(), views, enums, sequences, strict,
        origin, routines, domains);
  }
}
