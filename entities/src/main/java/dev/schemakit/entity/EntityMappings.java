package dev.schemakit.entity;

import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.Schema;
import dev.schemakit.model.SoftDelete;
import dev.schemakit.model.Table;
import dev.schemakit.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JPA entities of an application as {@link EntityReader} read them.
 *
 * @param entities one per entity class, sorted by class name, then one per collection that maps a table or column
 *     of its own (a join table, a collection table, a join column in another entity's table), named
 *     {@code Owner$field}
 */
public record EntityMappings(List<MappedEntity> entities) {

  public EntityMappings {
    entities = List.copyOf(entities);
  }

  /** The entities that map {@code schema.table} (several with single-table inheritance). */
  public List<MappedEntity> mapping(String schema, String table) {
    return entities.stream().filter(e -> e.schema().equals(schema) && e.table().equals(table)).toList();
  }

  /** The entity of this class, if it was read. */
  /**
   * The fields whose column type the class files do not say (a converter, a custom type, {@code @JdbcTypeCode}, an
   * array of strings, a type Hibernate maps by itself), as {@code Entity.field}: their columns are compared for
   * existence and nullability only, and a report should say so rather than guess.
   */
  public List<String> typesNotCompared() {
    return entities.stream().flatMap(entity -> entity.columns().stream()
            .filter(column -> column.rule() == TypeRule.UNCHECKED)
            .map(column -> entity.className().substring(entity.className().lastIndexOf('.') + 1) + "."
                + column.field()))
        .distinct().sorted().toList();
  }

  public Optional<MappedEntity> entity(String className) {
    return entities.stream().filter(e -> e.className().equals(className)).findFirst();
  }

  /**
   * What the entities say, in schemakit's schema model: a partial contract (not strict) with the columns,
   * keys, foreign keys, indexes, unique constraints and soft-delete columns the entities map. Types are
   * those Hibernate would create the columns with, left out where a converter decides.
   */
  public Catalog catalog() {
    Map<String, Map<String, List<MappedEntity>>> bySchema = new TreeMap<>();
    for (MappedEntity entity : entities) {
      bySchema.computeIfAbsent(entity.schema(), s -> new TreeMap<>())
          .computeIfAbsent(entity.table(), t -> new ArrayList<>()).add(entity);
    }
    List<Schema> schemas = new ArrayList<>();
    bySchema.forEach((schema, tables) -> schemas.add(new Schema(schema,
        tables.values().stream().map(EntityMappings::table).toList(), List.of(), List.of(), List.of(), false, null)));
    return new Catalog(schemas, List.of());
  }

  private static Table table(List<MappedEntity> sharing) {
    MappedEntity first = sharing.get(0);
    Map<String, Column> columns = new LinkedHashMap<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    List<Index> indexes = new ArrayList<>();
    List<UniqueConstraint> uniques = new ArrayList<>();
    SoftDelete softDelete = null;
    for (MappedEntity entity : sharing) {
      for (MappedColumn column : entity.columns()) {
        String type = column.rule() == TypeRule.UNCHECKED ? null : column.type();
        columns.putIfAbsent(column.name(), new Column(column.name(), type, column.nullable(), null, null, null,
            null, null));
      }
      entity.joins().stream().filter(MappedEntity.Join::constraint).forEach(j -> foreignKeys.add(new ForeignKey(
          null, j.columns(), j.targetSchema(), j.targetTable(), j.targetColumns(), j.onDelete(), null, null, null,
          null)));
      entity.indexes().forEach(i -> indexes.add(new Index(i.name(), i.columns(), i.unique(), null, "btree", null)));
      entity.uniqueConstraints().forEach(u -> uniques.add(new UniqueConstraint(null, u, null)));
      if (entity.softDelete() != null && softDelete == null) {
        softDelete = new SoftDelete(entity.softDelete().column(), null, false, null);
      }
    }
    PrimaryKey primaryKey = first.primaryKey().isEmpty() ? null : new PrimaryKey(null, first.primaryKey(), null);
    return new Table(first.table(), List.copyOf(columns.values()), primaryKey, foreignKeys, indexes, uniques,
        List.of(), List.of(), null, softDelete, null, false, null);
  }
}
