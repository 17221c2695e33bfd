package dev.schemakit.entity;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaField;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.SqlTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The column types Hibernate 6 gives a field's Java type: basic types, strings and their lengths, enums, numbers with
 * precision and scale, temporal types, arrays, and what a {@code columnDefinition} or a converter decides. What
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
    boolean converted = EntityClasses.annotation(field, "Convert").isPresent() || EntityClasses.hibernate(field, "Type").isPresent()
        || EntityClasses.hibernate(field, "JdbcTypeCode").isPresent() || EntityClasses.hibernate(field, "JdbcType").isPresent();
    if (converted) {
      return new MappedColumn(name, path, shown, null, TypeRule.UNCHECKED, length, nullable, primitive,
          alwaysWritten);
    }
    boolean lob = EntityClasses.annotation(field, "Lob").isPresent();
    if (javaType.equals("java.lang.String") || javaType.equals("char") || javaType.equals("java.lang.Character")) {
      String type = javaType.equals("java.lang.String")
          ? (lob ? "text" : "character varying(" + (length == null ? 255 : length) + ")") : "character(1)";
      return new MappedColumn(name, path, shown, type, TypeRule.TEXT, lob ? null : length, nullable, primitive,
          alwaysWritten);
    }
    if (field.getRawType().isEnum()) {
      String kind = EntityClasses.annotation(field, "Enumerated").flatMap(a -> a.get("value"))
          .map(EntityClasses::enumName).orElse("ORDINAL");
      return kind.equals("STRING")
          ? new MappedColumn(name, path, shown, "character varying(" + (length == null ? 255 : length) + ")",
              TypeRule.ENUM_NAME, length, nullable, primitive, alwaysWritten)
          : new MappedColumn(name, path, shown, "smallint", TypeRule.ENUM_ORDINAL, null, nullable, primitive,
              alwaysWritten);
    }
    if (javaType.equals("java.math.BigDecimal") || javaType.equals("java.math.BigInteger")) {
      boolean integer = javaType.equals("java.math.BigInteger");
      int precision = EntityClasses.intProperty(column, "precision").filter(p -> p > 0).orElse(38);
      int scale = integer ? 0 : EntityClasses.intProperty(column, "scale").filter(s -> s > 0).orElse(
          EntityClasses.intProperty(column, "precision").isPresent() ? 0 : 2);
      return new MappedColumn(name, path, shown, "numeric(" + precision + "," + scale + ")",
          EntityClasses.explicitNumeric(column) ? TypeRule.EXACT : TypeRule.NUMERIC, null, nullable, primitive, alwaysWritten);
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
    if (field.getRawType().isArray() && !javaType.equals("[B")) {
      // Hibernate 6+ keeps an array of a basic type in an array column of that type (long[] and Long[] in
      // bigint[]); an array of strings goes by the length Hibernate cannot know, so only its kind is compared
      String component = SIMPLE_TYPES.get(field.getRawType().getComponentType().getName());
      return component == null ? new MappedColumn(name, path, shown, null, TypeRule.UNCHECKED, null, nullable,
          primitive, alwaysWritten)
          : new MappedColumn(name, path, shown, component + "[]", TypeRule.BASE, null, nullable, primitive,
              alwaysWritten);
    }
    String simple = SIMPLE_TYPES.get(javaType);
    return new MappedColumn(name, path, shown, simple, simple == null ? TypeRule.UNCHECKED : TypeRule.BASE, null,
        nullable, primitive, alwaysWritten);
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
