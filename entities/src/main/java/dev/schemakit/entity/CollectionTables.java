package dev.schemakit.entity;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import dev.schemakit.entity.MappedEntity.Join;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.SqlTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables and columns an entity's collections map, as mappings of their own beside the entities: the join table
 * of an owning {@code @ManyToMany} (or of a {@code @OneToMany} without {@code mappedBy} and without a join column),
 * the collection table of an {@code @ElementCollection}, and the join column a unidirectional {@code @OneToMany
 * @JoinColumn} puts into the other entity's table. They are compared like any entity's columns and foreign keys;
 * they have no {@code @Id}, so their primary key is not. Named {@code Owner.field} in messages.
 */
final class CollectionTables {

  private final NamingStrategy naming;
  private final Function<JavaClass, List<MappedColumn>> idColumns;
  private final Function<JavaClass, String> schemaOf;
  private final Function<JavaClass, String> tableOf;

  /**
   * @param idColumns an entity's {@code @Id} columns
   * @param schemaOf an entity's schema
   * @param tableOf an entity's table (the inheritance root's for single-table inheritance)
   */
  CollectionTables(NamingStrategy naming, Function<JavaClass, List<MappedColumn>> idColumns,
      Function<JavaClass, String> schemaOf, Function<JavaClass, String> tableOf) {
    this.naming = naming;
    this.idColumns = idColumns;
    this.schemaOf = schemaOf;
    this.tableOf = tableOf;
  }

  /** The mappings of one entity's collection fields. */
  List<MappedEntity> of(JavaClass entity, List<JavaField> fields) {
    List<MappedEntity> mapped = new ArrayList<>();
    for (JavaField field : fields) {
      // a field an entity superclass declares belongs to that entity (read once, for it); a mapped superclass's to
      // each entity that extends it
      JavaClass owner = EntityClasses.annotation(field.getOwner(), "Entity").isPresent() ? field.getOwner() : entity;
      Optional<JavaAnnotation<?>> manyToMany = EntityClasses.annotation(field, "ManyToMany");
      Optional<JavaAnnotation<?>> oneToMany = EntityClasses.annotation(field, "OneToMany");
      if (manyToMany.isPresent() && mappedBy(manyToMany).isEmpty()) {
        joinTable(owner, field, manyToMany).ifPresent(mapped::add);
      } else if (oneToMany.isPresent() && mappedBy(oneToMany).isEmpty()) {
        if (EntityClasses.joinColumns(field).isEmpty()) {
          joinTable(owner, field, oneToMany).ifPresent(mapped::add);
        } else {
          joinColumnInTarget(owner, field, oneToMany).ifPresent(mapped::add);
        }
      } else if (EntityClasses.annotation(field, "ElementCollection").isPresent()) {
        mapped.add(collectionTable(owner, field));
      }
    }
    return mapped;
  }

  private static String mappedBy(Optional<JavaAnnotation<?>> relation) {
    return EntityClasses.stringProperty(relation, "mappedBy").orElse("");
  }

  private Optional<MappedEntity> joinTable(JavaClass owner, JavaField field, Optional<JavaAnnotation<?>> relation) {
    JavaClass target = target(field, relation);
    if (target == null) {
      return Optional.empty();
    }
    Optional<JavaAnnotation<?>> joinTable = EntityClasses.annotation(field, "JoinTable");
    // Spring Boot's implicit naming: {owner table}_{field}; JPA's: {owner table}_{target table}
    String table = EntityClasses.stringProperty(joinTable, "name").filter(s -> !s.isEmpty()).map(naming::physical)
        .orElse(naming.physical(tableOf.apply(owner) + "_"
            + (naming == NamingStrategy.SPRING_BOOT ? field.getName() : tableOf.apply(target))));
    String schema = EntityClasses.stringProperty(joinTable, "schema").filter(s -> !s.isEmpty()).map(naming::physical)
        .orElse(schemaOf.apply(owner));
    // JPA's defaults: the owner's side is named after the inverse field when there is one, else after the entity
    String ownerSide = inverseField(owner, target, field).orElse(EntityClasses.entityName(owner));
    List<MappedColumn> columns = new ArrayList<>();
    List<Join> joins = new ArrayList<>();
    keyColumns(owner, EntityClasses.annotations(joinTable, "joinColumns"), ownerSide, field, true, columns, joins);
    keyColumns(target, EntityClasses.annotations(joinTable, "inverseJoinColumns"), field.getName(), field, true,
        columns, joins);
    return Optional.of(new MappedEntity(owner.getName() + "$" + field.getName(), schema, table, columns, List.of(),
        null, joins, List.of(), List.of(), null));
  }

  private MappedEntity collectionTable(JavaClass owner, JavaField field) {
    Optional<JavaAnnotation<?>> collectionTable = EntityClasses.annotation(field, "CollectionTable");
    String table = EntityClasses.stringProperty(collectionTable, "name").filter(s -> !s.isEmpty())
        .map(naming::physical).orElse(naming.physical(EntityClasses.entityName(owner) + "_" + field.getName()));
    String schema = EntityClasses.stringProperty(collectionTable, "schema").filter(s -> !s.isEmpty())
        .map(naming::physical).orElse(schemaOf.apply(owner));
    List<MappedColumn> columns = new ArrayList<>();
    List<Join> joins = new ArrayList<>();
    keyColumns(owner, EntityClasses.annotations(collectionTable, "joinColumns"), EntityClasses.entityName(owner),
        field, true, columns, joins);
    JavaClass element = elementType(field);
    if (element != null && !field.getRawType().isAssignableTo(java.util.Map.class)
        && EntityClasses.annotation(element, "Embeddable").isEmpty()) {
      // a collection of basic values: its column must exist and hold the element's type; its nullability is
      // Hibernate's to choose (a set's values are part of the key)
      Optional<JavaAnnotation<?>> column = EntityClasses.annotation(field, "Column");
      String name = naming.physical(EntityClasses.stringProperty(column, "name")
          .filter(s -> !s.isEmpty()).orElse(field.getName()));
      columns.add(FieldTypes.elementColumn(element, column, name, field.getName()));
    }
    return new MappedEntity(owner.getName() + "$" + field.getName(), schema, table, columns, List.of(), null, joins,
        List.of(), List.of(), null);
  }

  private Optional<MappedEntity> joinColumnInTarget(JavaClass owner, JavaField field,
      Optional<JavaAnnotation<?>> relation) {
    JavaClass target = target(field, relation);
    if (target == null) {
      return Optional.empty();
    }
    List<MappedColumn> columns = new ArrayList<>();
    List<Join> joins = new ArrayList<>();
    keyColumns(owner, EntityClasses.joinColumns(field), field.getName(), field, false, columns, joins);
    return Optional.of(new MappedEntity(owner.getName() + "$" + field.getName(), schemaOf.apply(target),
        tableOf.apply(EntityClasses.inheritanceRoot(target)), columns, List.of(), null, joins, List.of(), List.of(),
        null));
  }

  /**
   * The columns that reference {@code referenced}'s key: named by the annotations when they name them, else
   * {@code <prefix>_<key column>}; never NULL in a join or collection table ({@code keyOfItsTable}), nullable unless
   * the annotation says otherwise as a join column in another entity's table.
   */
  private void keyColumns(JavaClass referenced, List<JavaAnnotation<?>> declared, String prefix, JavaField field,
      boolean keyOfItsTable, List<MappedColumn> columns, List<Join> joins) {
    List<MappedColumn> ids = idColumns.apply(referenced);
    List<String> names = new ArrayList<>();
    List<String> referencedNames = new ArrayList<>();
    boolean constraint = true;
    int count = declared.isEmpty() ? Math.max(1, ids.size()) : declared.size();
    for (int i = 0; i < count; i++) {
      Optional<JavaAnnotation<?>> joinColumn = declared.isEmpty() ? Optional.empty() : Optional.of(declared.get(i));
      String referencedName = EntityClasses.stringProperty(joinColumn, "referencedColumnName")
          .filter(s -> !s.isEmpty()).map(naming::physical)
          .orElse(i < ids.size() ? ids.get(i).name() : "id");
      MappedColumn key = ids.stream().filter(c -> c.name().equals(referencedName)).findFirst().orElse(null);
      String name = naming.physical(EntityClasses.stringProperty(joinColumn, "name").filter(s -> !s.isEmpty())
          .orElse(prefix + "_" + referencedName));
      boolean nullable = !keyOfItsTable && EntityClasses.booleanProperty(joinColumn, "nullable").orElse(true);
      columns.add(new MappedColumn(name, field.getName(), referenced.getSimpleName(),
          key == null ? null : SqlTypes.canonical(key.type()),
          key == null ? TypeRule.UNCHECKED : EntityReader.joinRule(key.rule()), key == null ? null : key.length(),
          nullable, false, false));
      names.add(name);
      referencedNames.add(referencedName);
      constraint &= joinColumn.flatMap(a -> a.get("foreignKey")).map(EntityClasses::constraintWanted).orElse(true);
    }
    joins.add(new Join(field.getName(), names, referenced.getName(), schemaOf.apply(referenced),
        tableOf.apply(EntityClasses.tableOwner(referenced)), referencedNames, constraint, null));
  }

  /** The entity a relation's collection holds: {@code targetEntity}, else the collection's type argument. */
  private static JavaClass target(JavaField field, Optional<JavaAnnotation<?>> relation) {
    Optional<JavaClass> declared = relation.flatMap(a -> a.get("targetEntity")).filter(JavaClass.class::isInstance)
        .map(JavaClass.class::cast).filter(c -> !c.getName().equals("void"));
    JavaClass target = declared.orElseGet(() -> elementType(field));
    return target != null && EntityClasses.annotation(target, "Entity").isPresent() ? target : null;
  }

  /** The type a collection holds (a map's value), or {@code null} when the field's type does not say. */
  private static JavaClass elementType(JavaField field) {
    JavaType type = field.getType();
    if (type instanceof JavaParameterizedType parameterized && !parameterized.getActualTypeArguments().isEmpty()) {
      List<JavaType> arguments = parameterized.getActualTypeArguments();
      return arguments.get(arguments.size() - 1).toErasure();
    }
    return null;
  }

  /** The field of {@code target} that maps this relation from the other side ({@code mappedBy = "field"}). */
  private static Optional<String> inverseField(JavaClass owner, JavaClass target, JavaField field) {
    for (JavaField candidate : target.getAllFields()) {
      Optional<JavaAnnotation<?>> relation = EntityClasses.annotation(candidate, "ManyToMany");
      if (relation.isPresent() && field.getName().equals(mappedBy(relation))) {
        return Optional.of(candidate.getName());
      }
    }
    return Optional.empty();
  }
}
