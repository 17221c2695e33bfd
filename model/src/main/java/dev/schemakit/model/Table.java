package dev.schemakit.model;

import java.util.List;
import java.util.Optional;

/**
 * A table with everything that hangs off it.
 *
 * <p>Snapshots list columns in table order and everything else sorted by name. In a contract the
 * lists hold what the contract asserts; {@code strict} says whether anything not listed is drift.
 *
 * @param name table name
 * @param columns columns in table order
 * @param primaryKey the primary key, or {@code null}
 * @param foreignKeys foreign keys
 * @param indexes indexes other than those backing the primary key and unique constraints
 * @param uniqueConstraints unique constraints
 * @param checks check constraints (never not-null constraints)
 * @param triggers triggers
 * @param rowLevelSecurity RLS state; in a contract {@code null} means not asserted
 * @param softDelete soft-delete rule (contracts only), or {@code null}
 * @param comment {@code COMMENT ON TABLE} text, or {@code null}
 * @param strict contracts: whether unlisted columns, keys, indexes, checks and triggers are drift
 * @param origin contract position, {@code null} for snapshots
 * @param exclusions exclusion constraints
 * @param partitionBy the partition key of a partitioned table ({@code RANGE (measured_at)}), or {@code null}
 * @param partitions its partitions with their bounds; a partition is listed here, not as a table of its own
 */
public record Table(
    String name,
    List<Column> columns,
    PrimaryKey primaryKey,
    List<ForeignKey> foreignKeys,
    List<Index> indexes,
    List<UniqueConstraint> uniqueConstraints,
    List<Check> checks,
    List<Trigger> triggers,
    RowLevelSecurity rowLevelSecurity,
    SoftDelete softDelete,
    String comment,
    boolean strict,
    Origin origin,
    List<Exclusion> exclusions,
    String partitionBy,
    List<Partition> partitions) {

  /** A table without exclusion constraints, not partitioned. */
  public Table(String name, List<Column> columns, PrimaryKey primaryKey, List<ForeignKey> foreignKeys,
      List<Index> indexes, List<UniqueConstraint> uniqueConstraints, List<Check> checks, List<Trigger> triggers,
      RowLevelSecurity rowLevelSecurity, SoftDelete softDelete, String comment, boolean strict, Origin origin) {
    this(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks, triggers, rowLevelSecurity,
        softDelete, comment, strict, origin, List.of(), null, List.of());
  }

  public Table {
    ModelChecks.name(name, "table");
    columns = ModelChecks.list(columns);
    foreignKeys = ModelChecks.list(foreignKeys);
    indexes = ModelChecks.list(indexes);
    uniqueConstraints = ModelChecks.list(uniqueConstraints);
    checks = ModelChecks.list(checks);
    triggers = ModelChecks.list(triggers);
    exclusions = ModelChecks.list(exclusions);
    partitions = ModelChecks.list(partitions);
  }

  /** The column with this name, if the table has (or the contract lists) it. */
  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public Table withColumns(List<Column> columns) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withIndexes(List<Index> indexes) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withForeignKeys(List<ForeignKey> foreignKeys) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withStrict(boolean strict) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withSoftDelete(SoftDelete softDelete) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withPartitioning(String partitionBy, List<Partition> partitions) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withExclusions(List<Exclusion> exclusions) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }

  public Table withRowLevelSecurity(RowLevelSecurity rowLevelSecurity) {
    return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueConstraints, checks,
        triggers, rowLevelSecurity, softDelete, comment, strict, origin, exclusions, partitionBy, partitions);
  }
}
