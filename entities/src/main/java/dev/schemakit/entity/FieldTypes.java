package dev.schemakit.entity;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.SqlTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The column types Hibernate 6 gives a field's Java type: basic types, strings and their lengths, enums, numbers with
 * precision and scale, temporal types, arrays and basic collections, {@code @Lob}, the JDBC types a
 * {@code @JdbcTypeCode} names, and what a {@code columnDefinition} or a converter decides. What
 * {@link EntityReader} reads of the class's structure (tables, ids, joins) is its own.
 */
final class FieldTypes {

  private static final Map<String, String> SIMPLE_TYPES = Map.ofEntries(
      Map.entry("int", "integer"), Map.entry("java.lang.Integer", "integer"),
      Map.entry("long", "bigint"), Map.entry("java.lang.Long", "bigint"),
      Map.entry("short", "smallint"), Map.entry("java.lang.Short", "smallint"),
      Map.entry("byte", "smallint"), Map.entry("java.lang.Byte", "smallint"),
      Map.entry("boolean", "boolean"), Map.entry("java.lang.Boolean", "boolean"),
      Map.entry("double", "double precision"), Map.entry("java.lang.Double", "double precision"),
      Map.entry("float", "real"), Map.entry("java.lang.Float", "real"),
      Map.entry("java.time.LocalDate", "date"), Map.entry("java.sql.Date", "date"),
      Map.entry("java.time.LocalTime", "time(6) without time zone"),
      Map.entry("java.time.LocalDateTime", "timestamp(6) without time zone"),
      Map.entry("java.time.Instant", "timestamp(6) with time zone"),
      Map.entry("java.time.OffsetDateTime", "timestamp(6) with time zone"),
      Map.entry("java.time.ZonedDateTime", "timestamp(6) with time zone"),
      Map.entry("java.util.UUID", "uuid"),
      Map.entry("[B", "bytea"), Map.entry("byte[]", "bytea"));

  /** A column type a {@code @JdbcTypeCode} names, and how strictly it is compared. */
  private record JdbcTypeCodeMapping(String type, TypeRule rule) {
  }

  /**
   * The {@code @JdbcTypeCode} values whose column on PostgreSQL is known (the numbers of Hibernate's {@code SqlTypes},
   * which the compiler copies into the class file): JSON in {@code jsonb} (or {@code json}), a named enum in a
   * PostgreSQL enum type (or text), strings as text, UUIDs as {@code uuid}. Others (a custom type) are not compared.
   */
  private static final Map<Integer, JdbcTypeCodeMapping> JDBC_TYPE_CODES = Map.of(
      3001, new JdbcTypeCodeMapping("jsonb", TypeRule.JSON),
      6001, new JdbcTypeCodeMapping("character varying(255)", TypeRule.ENUM_NAME),
      6000, new JdbcTypeCodeMapping("character varying(255)", TypeRule.ENUM_NAME),
      12, new JdbcTypeCodeMapping("character varying(255)", TypeRule.TEXT),
      -1, new JdbcTypeCodeMapping("text", TypeRule.TEXT),
      4001, new JdbcTypeCodeMapping("text", TypeRule.TEXT),
      3000, new JdbcTypeCodeMapping("uuid", TypeRule.BASE));

  private FieldTypes() {
  }

  /**
   * The column a basic field maps to, with the type Hibernate 6 would create for it and how strictly that type is
   * compared ({@link TypeRule}).
   */
  static MappedColumn column(JavaField field, Optional<JavaAnnotation<?>> column, String name, String path,
      Integer length, boolean nullable, boolean primitive, boolean alwaysWritten) {
    String javaType = field.getRawType().getName();
    String shown = field.getRawType().getSimpleName();
    Optional<String> definition = EntityClasses.stringProperty(column, "columnDefinition").filter(s -> !s.isBlank());
    if (definition.isPresent()) {
      return new MappedColumn(name, path, shown, SqlTypes.canonical(typeOf(definition.get())), TypeRule.EXACT,
          length, nullable, primitive, alwaysWritten);
    }
    Optional<Integer> jdbcTypeCode = EntityClasses.hibernate(field, "JdbcTypeCode").flatMap(a -> a.get("value"))
        .map(Integer.class::cast);
    if (jdbcTypeCode.isPresent() && JDBC_TYPE_CODES.containsKey(jdbcTypeCode.get())) {
      JdbcTypeCodeMapping mapping = JDBC_TYPE_CODES.get(jdbcTypeCode.get());
      return new MappedColumn(name, path, shown, mapping.type(), mapping.rule(), null, nullable, primitive,
          alwaysWritten);
    }
    boolean converted = EntityClasses.annotation(field, "Convert").isPresent() || EntityClasses.hibernate(field, "Type").isPresent()
        || jdbcTypeCode.isPresent() || EntityClasses.hibernate(field, "JdbcType").isPresent();
    if (converted) {
      return new MappedColumn(name, path, shown, null, TypeRule.UNCHECKED, length, nullable, primitive,
          alwaysWritten);
    }
    if (EntityClasses.annotation(field, "Lob").isPresent()) {
      // Hibernate 6 and 7 read and write a @Lob through PostgreSQL's large objects, whose column is an oid (its
      // own DDL says so): on a text or bytea column every read fails
      return new MappedColumn(name, path, shown + ", @Lob", "oid", TypeRule.BASE, null, nullable, primitive,
          alwaysWritten);
    }
    if (javaType.equals("java.lang.String") || javaType.equals("char") || javaType.equals("java.lang.Character")) {
      String type = javaType.equals("java.lang.String")
          ? "character varying(" + (length == null ? 255 : length) + ")" : "character(1)";
      return new MappedColumn(name, path, shown, type, TypeRule.TEXT, length, nullable, primitive, alwaysWritten);
    }
    if (field.getRawType().isEnum()) {
      String kind = EntityClasses.annotation(field, "Enumerated").flatMap(a -> a.get("value"))
          .map(EntityClasses::enumName).orElse("ORDINAL");
      // without a length, a column holds the enum when it holds its longest constant's name (Hibernate's own
      // varchar(255) is only its default)
      int needed = length != null ? length
          : field.getRawType().getEnumConstants().stream().mapToInt(c -> c.name().length()).max().orElse(1);
      return kind.equals("STRING")
          ? new MappedColumn(name, path, shown, "character varying(" + (length == null ? 255 : length) + ")",
              TypeRule.ENUM_NAME, needed, nullable, primitive, alwaysWritten)
          : new MappedColumn(name, path, shown, "smallint", TypeRule.ENUM_ORDINAL, null, nullable, primitive,
              alwaysWritten);
    }
    if (javaType.equals("java.math.BigDecimal") || javaType.equals("java.math.BigInteger")) {
      boolean integer = javaType.equals("java.math.BigInteger");
      int precision = EntityClasses.intProperty(column, "precision").filter(p -> p > 0).orElse(38);
      int scale = integer ? 0 : EntityClasses.intProperty(column, "scale").filter(s -> s > 0).orElse(
          EntityClasses.intProperty(column, "precision").isPresent() ? 0 : 2);
      return new MappedColumn(name, path, shown, "numeric(" + precision + "," + scale + ")",
          EntityClasses.explicitNumeric(column) ? TypeRule.DECLARED_NUMERIC : TypeRule.NUMERIC, null, nullable,
          primitive, alwaysWritten);
    }
    if (javaType.equals("java.util.Date") || javaType.equals("java.util.Calendar")
        || javaType.equals("java.sql.Timestamp")) {
      String temporal = EntityClasses.annotation(field, "Temporal").flatMap(a -> a.get("value"))
          .map(EntityClasses::enumName).orElse("TIMESTAMP");
      return switch (temporal) {
        case "DATE" -> new MappedColumn(name, path, shown, "date", TypeRule.BASE, null, nullable, primitive,
            alwaysWritten);
        case "TIME" -> new MappedColumn(name, path, shown, "time(6) without time zone", TypeRule.BASE, null,
            nullable, primitive, alwaysWritten);
        default -> new MappedColumn(name, path, shown, "timestamp(6) without time zone", TypeRule.ANY_TIMESTAMP,
            null, nullable, primitive, alwaysWritten);
      };
    }
    Optional<String> element = field.getRawType().isArray() && !javaType.equals("[B")
        ? Optional.of(field.getRawType().getComponentType().getName()) : EntityClasses.basicCollectionElement(field);
    if (element.isPresent()) {
      // Hibernate 6+ keeps an array or a basic collection in an array column of its element's type (long[],
      // Long[] and List<Long> in bigint[], String[] and List<String> in an array of a character type)
      if (element.get().equals("java.lang.String")) {
        return new MappedColumn(name, path, shown, "character varying[]", TypeRule.TEXT, null, nullable, primitive,
            alwaysWritten);
      }
      String component = SIMPLE_TYPES.get(element.get());
      return component == null ? new MappedColumn(name, path, shown, null, TypeRule.UNCHECKED, null, nullable,
          primitive, alwaysWritten)
          : new MappedColumn(name, path, shown, component + "[]", TypeRule.BASE, null, nullable, primitive,
              alwaysWritten);
    }
    String simple = SIMPLE_TYPES.get(javaType);
    return new MappedColumn(name, path, shown, simple, simple == null ? TypeRule.UNCHECKED : TypeRule.BASE, null,
        nullable, primitive, alwaysWritten);
  }

  /**
   * The value column of an {@code @ElementCollection} of basic values ({@code Set<String>}, {@code List<Long>}): the
   * element's type, a string by the {@code @Column} length; other elements (enums, converted values) not compared.
   */
  static MappedColumn elementColumn(JavaClass element, Optional<JavaAnnotation<?>> column, String name, String path) {
    Integer length = EntityClasses.intProperty(column, "length").orElse(null);
    if (element.getName().equals("java.lang.String")) {
      return new MappedColumn(name, path, "String", "character varying(" + (length == null ? 255 : length) + ")",
          TypeRule.TEXT, length, true, false, true);
    }
    String simple = SIMPLE_TYPES.get(element.getName());
    return new MappedColumn(name, path, element.getSimpleName(), simple,
        simple == null ? TypeRule.UNCHECKED : TypeRule.BASE, null, true, false, true);
  }

  /** Whether a field's type is an integer type (what a sequence or identity can fill). */
  static boolean isInteger(JavaField field) {
    return List.of("integer", "bigint", "smallint").contains(SIMPLE_TYPES.get(field.getRawType().getName()));
  }

  /** The type part of a {@code columnDefinition}: {@code "varchar(40) not null default 'x'"} gives {@code varchar(40)}. */
  static String typeOf(String columnDefinition) {
    return columnDefinition.trim()
        .split("(?i)\\s+(?=(not|null|default|unique|primary|references|check|generated|constraint|collate)\\b)")[0];
  }
}
