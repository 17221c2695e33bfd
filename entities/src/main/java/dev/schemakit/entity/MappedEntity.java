package dev.schemakit.entity;

import dev.schemakit.model.ReferentialAction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one JPA entity class says about its table, as {@link EntityReader} read it from the class file.
 * Names are physical (after the {@link NamingStrategy}).
 *
 * @param className fully qualified class name
 * @param schema schema of the table ({@code @Table(schema)}, else the reader's default schema)
 * @param table table name
 * @param columns mapped columns, fields of mapped superclasses first, then by field name
 * @param primaryKey {@code @Id} / {@code @EmbeddedId} columns
 * @param idGeneration how ids are generated, or {@code null} when the application assigns them
 * @param joins {@code @ManyToOne} / owning {@code @OneToOne} join columns
 * @param indexes {@code @Table(indexes)}
 * @param uniqueConstraints {@code @Table(uniqueConstraints)} and {@code @Column(unique = true)}, as column lists
 * @param softDelete the soft-delete mapping, or {@code null} when deleting a row deletes it
 */
public record MappedEntity(
    String className,
    String schema,
    String table,
    List<MappedColumn> columns,
    List<String> primaryKey,
    IdGeneration idGeneration,
    List<Join> joins,
    List<IndexMapping> indexes,
    List<List<String>> uniqueConstraints,
    SoftDeleteMapping softDelete) {

  public MappedEntity {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    joins = List.copyOf(joins);
    indexes = List.copyOf(indexes);
    uniqueConstraints = uniqueConstraints.stream().map(List::copyOf).toList();
  }

  /** The simple class name, as messages show it. */
  public String simpleName() {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  /** {@code schema.table}. */
  public String qualifiedTable() {
    return schema + "." + table;
  }

  public Optional<MappedColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * One mapped column.
   *
   * @param name physical column name
   * @param field the field path that maps it ({@code name}, {@code address.city}, {@code guild} for a join)
   * @param javaType the field's type as written ({@code String}, {@code long}, {@code GuildStatus})
   * @param type the type Hibernate would create the column with (canonical), or {@code null} when unknown
   * @param rule how strictly the database type must match {@code type}
   * @param length explicit {@code @Column(length)}, or {@code null}
   * @param nullable whether the entity lets the value be {@code null}
   * @param primitive whether the field is a primitive (a {@code NULL} in the row cannot be loaded)
   * @param alwaysWritten whether the value is set for every insert even when the field is {@code null}
   *     ({@code @Id} generation, {@code @Version}, {@code @CreationTimestamp}, not insertable, ...)
   */
  public record MappedColumn(
      String name, String field, String javaType, String type, TypeRule rule, Integer length,
      boolean nullable, boolean primitive, boolean alwaysWritten) {

    public MappedColumn {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(rule, "rule");
    }
  }

  /** How the type of a mapped column is compared with the database's. */
  public enum TypeRule {
    /** {@code columnDefinition} names the type: it must be that type. */
    EXACT,
    /** A character type ({@code varchar}, {@code text}, {@code char}); at least {@code length} when set. */
    TEXT,
    /** {@code @Enumerated(STRING)}: a character type or a database enum type. */
    ENUM_NAME,
    /** {@code @Enumerated(ORDINAL)}: any integer type. */
    ENUM_ORDINAL,
    /** {@code numeric} with the precision and scale {@code @Column} declares: exactly that. */
    DECLARED_NUMERIC,
    /** {@code numeric}; precision and scale must match when both sides give them. */
    NUMERIC,
    /** {@code java.util.Date} and friends: a timestamp with or without time zone. */
    ANY_TIMESTAMP,
    /** JSON ({@code @JdbcTypeCode(SqlTypes.JSON)}): {@code jsonb} or {@code json}. */
    JSON,
    /** The same base type, modifiers (precision, length) aside: {@code timestamp(6)} matches {@code timestamp}. */
    BASE,
    /** A converter or custom type decides; the type is not compared. */
    UNCHECKED
  }

  /**
   * How ids are generated.
   *
   * @param strategy {@code IDENTITY}, {@code SEQUENCE}, {@code TABLE}, {@code UUID} or {@code AUTO}
   * @param sequence the sequence Hibernate reads ids from, or {@code null}
   * @param allocationSize ids Hibernate takes per sequence call: the sequence must increment by it
   */
  public record IdGeneration(String strategy, String sequence, int allocationSize) {}

  /**
   * The join columns of a to-one relation.
   *
   * @param field the relation field
   * @param columns join columns
   * @param targetClass the entity it references
   * @param targetSchema referenced table's schema
   * @param targetTable referenced table
   * @param targetColumns referenced columns
   * @param constraint whether a foreign key constraint is expected (not {@code ConstraintMode.NO_CONSTRAINT})
   * @param onDelete Hibernate's {@code @OnDelete} action, or {@code null} when the entity does not say
   */
  public record Join(
      String field, List<String> columns, String targetClass, String targetSchema, String targetTable,
      List<String> targetColumns, boolean constraint, ReferentialAction onDelete) {

    /** The field name of the join a JOINED subclass's table makes to its root's by the shared id. */
    public static final String INHERITANCE = "(inheritance)";

    public Join {
      columns = List.copyOf(columns);
      targetColumns = List.copyOf(targetColumns);
    }
  }

  /**
   * An index declared with {@code @Table(indexes = @Index(...))}.
   *
   * @param name index name, or {@code null}
   * @param columns indexed columns in order
   * @param unique {@code @Index(unique = true)}
   */
  public record IndexMapping(String name, List<String> columns, boolean unique) {

    public IndexMapping {
      columns = List.copyOf(columns);
    }
  }

  /**
   * How an entity soft-deletes.
   *
   * @param column the column a delete sets
   * @param declaredBy {@code @SQLDelete} or {@code @SoftDelete}
   * @param updatedTable the table the {@code @SQLDelete} statement updates, or {@code null}
   * @param filter the {@code @SQLRestriction} / {@code @Where} text, or {@code null} when deleted rows are
   *     not filtered ({@code @SoftDelete} filters by itself: {@code "(by @SoftDelete)"})
   */
  public record SoftDeleteMapping(String column, String declaredBy, String updatedTable, String filter) {}
}
