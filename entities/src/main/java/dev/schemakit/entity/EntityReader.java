package dev.schemakit.entity;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.schemakit.entity.MappedEntity.IdGeneration;
import dev.schemakit.entity.MappedEntity.IndexMapping;
import dev.schemakit.entity.MappedEntity.Join;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.SoftDeleteMapping;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.SqlTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JPA mappings ({@code jakarta.persistence} and {@code javax.persistence}, plus Hibernate's soft
 * delete and {@code @OnDelete}) from compiled classes. The class files are read with ArchUnit's importer,
 * so neither persistence API nor Hibernate has to be on schemakit's class path.
 *
 * <pre>{@code
 * EntityMappings entities = EntityReader.defaults().readPackages("com.acme.guilds");
 * }</pre>
 *
 * <p>Defaults: Spring Boot's naming ({@link NamingStrategy#SPRING_BOOT}), schema {@code public}, field
 * access. Understood: {@code @Entity}, {@code @Table} (name, schema, indexes, uniqueConstraints), {@code
 * @Column} (name, nullable, length, precision, scale, unique, columnDefinition, insertable), primitive vs
 * wrapper types, {@code @Basic(optional)}, {@code @NotNull}, {@code @Id}, {@code @EmbeddedId}, {@code
 * @GeneratedValue} with {@code @SequenceGenerator}, {@code @ManyToOne} / {@code @OneToOne} with {@code
 * @JoinColumn(s)}, {@code @Enumerated}, {@code @Embedded} / {@code @Embeddable} with {@code
 * @AttributeOverride(s)}, {@code @MappedSuperclass}, entity inheritance ({@code SINGLE_TABLE}, {@code JOINED},
 * {@code TABLE_PER_CLASS}), {@code @Version}, Hibernate's {@code @SQLDelete}, {@code @SQLRestriction},
 * {@code @Where}, {@code @SoftDelete}, {@code @OnDelete}. Collections become mappings of their own (join tables of
 * {@code @ManyToMany} and {@code @JoinTable}, collection tables of {@code @ElementCollection}, the join column of a
 * unidirectional {@code @OneToMany @JoinColumn} in the other table; see {@code CollectionTables}). Property access
 * is not read.
 */
public final class EntityReader {

  private static final Pattern SQL_DELETE = Pattern.compile(
      "(?is)^\\s*update\\s+(?:\"?[\\w$]+\"?\\.)?\"?([\\w$]+)\"?\\s+set\\s+\"?([\\w$]+)\"?\\s*=");
  private final NamingStrategy naming;
  private final String defaultSchema;

  private EntityReader(NamingStrategy naming, String defaultSchema) {
    this.naming = Objects.requireNonNull(naming, "naming");
    this.defaultSchema = Objects.requireNonNull(defaultSchema, "defaultSchema");
  }

  /** A reader with Spring Boot's naming and schema {@code public}. */
  public static EntityReader defaults() {
    return new EntityReader(NamingStrategy.SPRING_BOOT, "public");
  }

  /** This reader with another naming strategy (default {@link NamingStrategy#SPRING_BOOT}). */
  public EntityReader withNaming(NamingStrategy naming) {
    return new EntityReader(naming, defaultSchema);
  }

  /** This reader with another schema for entities whose {@code @Table} names none (default {@code public}). */
  public EntityReader withDefaultSchema(String schema) {
    return new EntityReader(naming, schema);
  }

  /**
   * Reads the entities in these packages (and their subpackages) from the class path.
   *
   * @throws EntityMappingException when no entity is found or a mapping cannot be understood
   */
  public EntityMappings readPackages(String... packages) {
    JavaClasses classes = new ClassFileImporter().importPackages(packages);
    return read(classes, "packages " + String.join(", ", packages));
  }

  /**
   * Reads the entities in a directory of compiled classes ({@code target/classes}) or a jar.
   *
   * @throws EntityMappingException when the path does not exist, holds no entity, or a mapping cannot be understood
   */
  public EntityMappings readClasses(Path classesOrJar) {
    if (!Files.exists(classesOrJar)) {
      throw new EntityMappingException("Reading JPA entities from " + classesOrJar
          + ": the path does not exist. Compile the classes first (mvn compile) or pass target/classes.");
    }
    return read(new ClassFileImporter().importPath(classesOrJar), classesOrJar.toString());
  }

  /**
   * Reads the entities among already imported classes.
   *
   * @param classes classes imported by ArchUnit
   * @param where what was imported, for messages
   */
  public EntityMappings read(JavaClasses classes, String where) {
    return read(classes.stream().toList(), where);
  }

  /**
   * Reads the entities among these classes (for ArchUnit conditions, which see a collection).
   *
   * @param classes classes imported by ArchUnit
   * @param where what was imported, for messages
   */
  public EntityMappings read(java.util.Collection<JavaClass> classes, String where) {
    List<JavaClass> entities = classes.stream().filter(c -> EntityClasses.annotation(c, "Entity").isPresent())
        // a hierarchy's root before its subclasses, so that a problem of a shared column is named by the class that
        // declares it
        .sorted(Comparator.<JavaClass>comparingInt(c -> c.getAllRawSuperclasses().size())
            .thenComparing(JavaClass::getName)).toList();
    if (entities.isEmpty()) {
      throw EntityMappingException.noneFound(where);
    }
    Reading reading = new Reading();
    // the abstract root of a TABLE_PER_CLASS hierarchy has no table: each subclass copies its columns
    List<MappedEntity> mapped = new ArrayList<>(entities.stream().filter(type -> !abstractTablePerClassRoot(type))
        .map(reading::entity).toList());
    CollectionTables collections = new CollectionTables(naming, reading::idColumnsOf, reading::schemaOf,
        reading::tableName);
    Set<String> read = new HashSet<>();
    for (JavaClass entity : entities) {
      collections.of(entity, EntityClasses.mappedFields(entity)).stream().filter(table -> read.add(table.className()))
          .forEach(mapped::add);
    }
    return new EntityMappings(mapped);
  }

  private static boolean abstractTablePerClassRoot(JavaClass type) {
    return type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
        && EntityClasses.inheritanceRoot(type) == type
        && EntityClasses.inheritanceStrategy(type).equals("TABLE_PER_CLASS");
  }

  /** One read: memoises id columns, which joins of other entities need. */
  private final class Reading {

    private final Map<String, List<MappedColumn>> idColumns = new HashMap<>();

    MappedEntity entity(JavaClass type) {
      JavaClass root = EntityClasses.inheritanceRoot(type);
      String strategy = root == type ? "SINGLE_TABLE" : EntityClasses.inheritanceStrategy(root);
      JavaClass tableOwner = EntityClasses.tableOwner(type);
      String schema = schemaOf(type);
      String table = tableName(tableOwner);

      List<JavaClass> fieldSources = EntityClasses.fieldSources(type, root, strategy);
      Mapping mapping = new Mapping(type);
      for (JavaClass source : fieldSources) {
        boolean subclassOfSingleTable = strategy.equals("SINGLE_TABLE") && source != root
            && !EntityClasses.isSuperclassOf(source, root) && EntityClasses.annotation(source, "MappedSuperclass").isEmpty();
        for (JavaField field : EntityClasses.persistentFields(source)) {
          mapping.field(field, "", Map.of(), subclassOfSingleTable);
        }
      }
      if (strategy.equals("JOINED") && type != root) {
        // a JOINED subclass table has the root's id as its key and a foreign key to the root table
        List<MappedColumn> ids = idColumnsOf(root);
        ids.forEach(mapping.columns::add);
        ids.forEach(c -> mapping.primaryKey.add(c.name()));
        mapping.joins.add(new Join(Join.INHERITANCE, ids.stream().map(MappedColumn::name).toList(), root.getName(),
            schemaOf(root), tableName(root), ids.stream().map(MappedColumn::name).toList(), true, null));
      }
      Optional<JavaAnnotation<?>> discriminator = EntityClasses.annotation(root, "DiscriminatorColumn");
      String rootStrategy = EntityClasses.inheritanceStrategy(root);
      // a SINGLE_TABLE hierarchy has a discriminator; a JOINED one only when its root declares it
      boolean hierarchy = type != root || EntityClasses.hasEntitySubclassesIn(type);
      if (hierarchy && (rootStrategy.equals("SINGLE_TABLE") || rootStrategy.equals("JOINED") && type == root
          && discriminator.isPresent())) {
        String name = EntityClasses.stringProperty(discriminator, "name").orElse("DTYPE");
        mapping.columns.add(new MappedColumn(naming.physical(name), "(discriminator)", "String",
            "character varying(31)", TypeRule.TEXT, null, false, false, true));
      }
      tableConstraints(tableOwner, mapping);
      return new MappedEntity(type.getName(), schema, table, EntityClasses.distinct(mapping.columns), mapping.primaryKey,
          mapping.idGeneration, mapping.joins, mapping.indexes, mapping.uniques, softDeleteOf(type, naming));
    }

    List<MappedColumn> idColumnsOf(JavaClass entity) {
      List<MappedColumn> known = idColumns.get(entity.getName());
      if (known != null) {
        return known;
      }
      idColumns.put(entity.getName(), List.of()); // a cycle of @MapsId-like ids ends here instead of looping
      JavaClass root = EntityClasses.inheritanceRoot(entity);
      Mapping mapping = new Mapping(root);
      for (JavaClass source : EntityClasses.fieldSources(root, root, "SINGLE_TABLE")) {
        for (JavaField field : EntityClasses.persistentFields(source)) {
          if (EntityClasses.isId(field)) {
            mapping.field(field, "", Map.of(), false);
          }
        }
      }
      List<MappedColumn> ids = mapping.columns.stream().filter(c -> mapping.primaryKey.contains(c.name())).toList();
      idColumns.put(entity.getName(), ids);
      return ids;
    }

    /** The columns of one entity while it is read. */
    private final class Mapping {
      final JavaClass entity;
      final List<MappedColumn> columns = new ArrayList<>();
      final List<String> primaryKey = new ArrayList<>();
      final List<Join> joins = new ArrayList<>();
      final List<IndexMapping> indexes = new ArrayList<>();
      final List<List<String>> uniques = new ArrayList<>();
      IdGeneration idGeneration;

      Mapping(JavaClass entity) {
        this.entity = entity;
      }

      void field(JavaField field, String prefix, Map<String, JavaAnnotation<?>> overrides, boolean forcedNullable) {
        String path = prefix + field.getName();
        boolean id = EntityClasses.isId(field);
        if (EntityClasses.annotation(field, "EmbeddedId").isPresent() || EntityClasses.annotation(field, "Embedded").isPresent()
            || EntityClasses.annotation(field.getRawType(), "Embeddable").isPresent()) {
          Map<String, JavaAnnotation<?>> nested = new LinkedHashMap<>(overrides);
          EntityClasses.attributeOverrides(field).forEach((name, column) -> nested.put(path + "." + name, column));
          for (JavaField inner : EntityClasses.persistentFields(field.getRawType())) {
            int before = columns.size();
            field(inner, path + ".", nested, forcedNullable);
            if (EntityClasses.annotation(field, "EmbeddedId").isPresent()) {
              for (int i = before; i < columns.size(); i++) {
                MappedColumn key = columns.get(i);
                primaryKey.add(key.name());
                columns.set(i, new MappedColumn(key.name(), key.field(), key.javaType(), key.type(), key.rule(),
                    key.length(), false, key.primitive(), true));
              }
            }
          }
          return;
        }
        if (EntityClasses.annotation(field, "ManyToOne").isPresent() || EntityClasses.owningOneToOne(field)) {
          join(field, path, forcedNullable);
          return;
        }
        if (EntityClasses.isRelationOrCollection(field)) {
          return;
        }
        Optional<JavaAnnotation<?>> column = overrides.containsKey(path) ? Optional.of(overrides.get(path))
            : EntityClasses.annotation(field, "Column");
        String name = naming.physical(EntityClasses.stringProperty(column, "name").filter(s -> !s.isEmpty())
            .orElse(field.getName()));
        boolean primitive = field.getRawType().isPrimitive();
        // a wrapper @Version may be NULL in the table (Hibernate's own DDL leaves it nullable): Hibernate writes it
        boolean notNull = primitive || id
            || EntityClasses.booleanProperty(column, "nullable").map(b -> !b).orElse(false)
            || EntityClasses.booleanProperty(EntityClasses.annotation(field, "Basic"), "optional").map(b -> !b).orElse(false)
            || EntityClasses.notNullConstraint(field);
        boolean nullable = forcedNullable || !notNull;
        boolean generated = EntityClasses.annotation(field, "GeneratedValue").isPresent();
        boolean alwaysWritten = id || generated || EntityClasses.annotation(field, "Version").isPresent()
            || EntityClasses.booleanProperty(column, "insertable").map(b -> !b).orElse(false)
            || EntityClasses.hibernate(field, "CreationTimestamp").isPresent() || EntityClasses.hibernate(field, "UpdateTimestamp").isPresent()
            || EntityClasses.hibernate(field, "Generated").isPresent() || EntityClasses.hibernate(field, "ColumnDefault").isPresent();
        Integer length = EntityClasses.intProperty(column, "length").orElse(null);
        MappedColumn mapped = FieldTypes.column(field, column, name, path, length, nullable, primitive && !forcedNullable,
            alwaysWritten);
        columns.add(mapped);
        if (id) {
          primaryKey.add(name);
          if (generated) {
            idGeneration = generation(field);
          }
        }
        if (EntityClasses.booleanProperty(column, "unique").orElse(false)) {
          uniques.add(List.of(name));
        }
      }

      private void join(JavaField field, String path, boolean forcedNullable) {
        JavaClass target = field.getRawType();
        if (EntityClasses.annotation(target, "Entity").isEmpty()) {
          throw new EntityMappingException("Reading the JPA mapping of " + entity.getName() + "." + field.getName()
              + ": it is a @ManyToOne/@OneToOne to " + target.getName() + ", which is not an @Entity among the "
              + "classes read. Read the package that holds " + target.getSimpleName() + " too.");
        }
        List<MappedColumn> targetIds = idColumnsOf(target);
        List<JavaAnnotation<?>> joinColumns = EntityClasses.joinColumns(field);
        boolean optional = EntityClasses.booleanProperty(EntityClasses.annotation(field, "ManyToOne").or(() -> EntityClasses.annotation(field, "OneToOne")),
            "optional").orElse(true);
        List<String> columnNames = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        boolean constraint = true;
        int count = joinColumns.isEmpty() ? Math.max(1, targetIds.size()) : joinColumns.size();
        for (int i = 0; i < count; i++) {
          Optional<JavaAnnotation<?>> joinColumn = joinColumns.isEmpty() ? Optional.empty()
              : Optional.of(joinColumns.get(i));
          String referencedName = EntityClasses.stringProperty(joinColumn, "referencedColumnName").filter(s -> !s.isEmpty())
              .map(naming::physical)
              .orElse(i < targetIds.size() ? targetIds.get(i).name() : "id");
          MappedColumn targetColumn = targetIds.stream().filter(c -> c.name().equals(referencedName)).findFirst()
              .orElse(null);
          String name = naming.physical(EntityClasses.stringProperty(joinColumn, "name").filter(s -> !s.isEmpty())
              .orElse(field.getName() + "_" + referencedName));
          boolean notNull = !optional || EntityClasses.booleanProperty(joinColumn, "nullable").map(b -> !b).orElse(false)
              || EntityClasses.annotation(field, "Id").isPresent() || EntityClasses.notNullConstraint(field);
          boolean nullable = forcedNullable || !notNull;
          boolean insertable = EntityClasses.booleanProperty(joinColumn, "insertable").orElse(true);
          columns.add(new MappedColumn(name, path, target.getSimpleName(),
              targetColumn == null ? null : SqlTypes.canonical(targetColumn.type()),
              targetColumn == null ? TypeRule.UNCHECKED : joinRule(targetColumn.rule()),
              targetColumn == null ? null : targetColumn.length(), nullable, false, !insertable));
          if (EntityClasses.annotation(field, "Id").isPresent()) {
            primaryKey.add(name);
          }
          columnNames.add(name);
          referenced.add(referencedName);
          constraint &= joinColumn.flatMap(a -> a.get("foreignKey")).map(EntityClasses::constraintWanted).orElse(true);
        }
        if (EntityClasses.annotation(field, "OneToOne").isPresent()) {
          uniques.add(List.copyOf(columnNames)); // Hibernate makes an owning one-to-one's join column unique
        }
        ReferentialAction onDelete = EntityClasses.hibernate(field, "OnDelete").flatMap(a -> a.get("action"))
            .map(EntityClasses::enumName).map(EntityClasses::referentialAction).orElse(null);
        joins.add(new Join(path, columnNames, target.getName(), schemaOf(target),
            tableName(EntityClasses.tableOwner(target)), referenced, constraint, onDelete));
      }

      private IdGeneration generation(JavaField field) {
        JavaAnnotation<?> generatedValue = EntityClasses.annotation(field, "GeneratedValue").orElseThrow();
        String strategy = generatedValue.get("strategy").map(EntityClasses::enumName).orElse("AUTO");
        String generator = generatedValue.get("generator").map(String::valueOf).orElse("");
        boolean numeric = FieldTypes.isInteger(field);
        if (strategy.equals("IDENTITY") || strategy.equals("UUID") || strategy.equals("TABLE")) {
          return new IdGeneration(strategy, null, 1);
        }
        if (strategy.equals("AUTO") && !numeric) {
          return new IdGeneration("UUID", null, 1); // Hibernate generates a UUID for a non-numeric AUTO id
        }
        Optional<JavaAnnotation<?>> sequenceGenerator = EntityClasses.annotation(field, "SequenceGenerator")
            .or(() -> EntityClasses.annotation(entity, "SequenceGenerator"))
            .filter(g -> generator.isEmpty() || generator.equals(g.get("name").orElse("")));
        String sequence = EntityClasses.stringProperty(sequenceGenerator, "sequenceName").filter(s -> !s.isEmpty())
            .or(() -> generator.isEmpty() ? Optional.empty() : Optional.of(generator))
            .orElse(EntityClasses.entityName(EntityClasses.inheritanceRoot(entity)) + "_SEQ");
        int allocation = EntityClasses.intProperty(sequenceGenerator, "allocationSize").orElse(50);
        return new IdGeneration(strategy, naming.physical(sequence), allocation);
      }
    }

    private void tableConstraints(JavaClass owner, Mapping mapping) {
      Optional<JavaAnnotation<?>> table = EntityClasses.annotation(owner, "Table");
      for (JavaAnnotation<?> index : EntityClasses.annotations(table, "indexes")) {
        String columnList = index.get("columnList").map(String::valueOf).orElse("");
        List<String> columns = Arrays.stream(columnList.split(","))
            .map(s -> s.trim().replaceAll("(?i)\\s+(asc|desc)$", "")).filter(s -> !s.isEmpty())
            .map(naming::physical).toList();
        if (columns.isEmpty()) {
          throw new EntityMappingException("Reading @Table(indexes) of " + owner.getName()
              + ": an @Index has an empty columnList. Name the columns, e.g. @Index(columnList = \"realm, name\").");
        }
        String name = index.get("name").map(String::valueOf).filter(s -> !s.isEmpty())
            .map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        boolean unique = index.get("unique").map(Boolean.class::cast).orElse(false);
        mapping.indexes.add(new IndexMapping(name, columns, unique));
      }
      for (JavaAnnotation<?> constraint : EntityClasses.annotations(table, "uniqueConstraints")) {
        Object names = constraint.get("columnNames").orElse(new String[0]);
        mapping.uniques.add(Arrays.stream((Object[]) names).map(String::valueOf).map(naming::physical).toList());
      }
    }

    String schemaOf(JavaClass entity) {
      return EntityClasses.stringProperty(EntityClasses.annotation(EntityClasses.tableOwner(entity), "Table"), "schema")
          .filter(s -> !s.isEmpty()).map(naming::physical).orElse(defaultSchema);
    }

    String tableName(JavaClass owner) {
      return naming.physical(EntityClasses.stringProperty(EntityClasses.annotation(owner, "Table"), "name").filter(s -> !s.isEmpty())
          .orElse(EntityClasses.entityName(owner)));
    }
  }

  /**
   * How an entity class soft-deletes, or {@code null} when it deletes rows for real: Hibernate's {@code
   * @SoftDelete}, or an {@code @SQLDelete} whose statement is {@code UPDATE table SET column = ...}, with the
   * {@code @SQLRestriction} / {@code @Where} filter that hides deleted rows.
   *
   * @param type an entity class
   * @param naming applied to {@code @SoftDelete(columnName)}; names in SQL text are taken as written
   */
  public static SoftDeleteMapping softDeleteOf(JavaClass type, NamingStrategy naming) {
    Optional<JavaAnnotation<?>> softDelete = EntityClasses.hibernate(type, "SoftDelete");
    if (softDelete.isPresent()) {
      String strategy = softDelete.get().get("strategy").map(EntityClasses::enumName).orElse("DELETED");
      String column = EntityClasses.stringProperty(softDelete, "columnName").filter(s -> !s.isEmpty())
          .orElse(strategy.equals("ACTIVE") ? "active" : "deleted");
      return new SoftDeleteMapping(naming.physical(column), "@SoftDelete", null, "(by @SoftDelete)");
    }
    Optional<JavaAnnotation<?>> sqlDelete = EntityClasses.hibernate(type, "SQLDelete");
    if (sqlDelete.isEmpty()) {
      return null;
    }
    String sql = EntityClasses.stringProperty(sqlDelete, "sql").orElse("");
    Matcher m = SQL_DELETE.matcher(sql);
    if (!m.find()) {
      // a DELETE (or a procedure call) is a custom delete, not a soft delete
      return null;
    }
    String filter = EntityClasses.hibernate(type, "SQLRestriction").flatMap(a -> a.get("value")).map(String::valueOf)
        .or(() -> EntityClasses.hibernate(type, "Where").flatMap(a -> a.get("clause")).map(String::valueOf))
        .orElse(null);
    return new SoftDeleteMapping(m.group(2).toLowerCase(Locale.ROOT), "@SQLDelete",
        m.group(1).toLowerCase(Locale.ROOT), filter);
  }

  static TypeRule joinRule(TypeRule targetRule) {
    return targetRule == TypeRule.EXACT ? TypeRule.EXACT : targetRule == TypeRule.UNCHECKED ? TypeRule.UNCHECKED
        : targetRule == TypeRule.TEXT ? TypeRule.TEXT : TypeRule.BASE;
  }


}
