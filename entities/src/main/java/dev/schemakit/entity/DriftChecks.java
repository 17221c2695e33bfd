package dev.schemakit.entity;

import dev.schemakit.diff.Finding;
import dev.schemakit.entity.MappedEntity.IndexMapping;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.entity.MappedEntity.TypeRule;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.Domain;
import dev.schemakit.model.Index;
import dev.schemakit.model.Names;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.UniqueConstraint;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small questions {@link EntityDrift} asks while comparing: whether a column's type fits the entity's field,
 * whether a table has a unique constraint or index over columns, the nearest column name to a misspelt one.
 */
final class DriftChecks {

  private static final Pattern INDEX_PATH = Pattern.compile("^[^.]+\\.[^.]+\\.(.+)$");

  private DriftChecks() {
  }

  static String elementName(Finding finding) {
    Matcher m = INDEX_PATH.matcher(finding.path());
    return m.matches() ? m.group(1) : finding.path();
  }

  /** Why the database type cannot hold what the field maps, or {@code null} when it can. */
  static String typeProblem(MappedColumn column, String actual) {
    String base = baseType(actual);
    String expectedBase = column.type() == null ? null : baseType(column.type());
    return switch (column.rule()) {
      case UNCHECKED -> null;
      case EXACT -> actual.equals(column.type()) ? null : "which is declared as " + column.type();
      case DECLARED_NUMERIC -> actual.equals(column.type()) ? null : "which needs " + column.type();
      case TEXT, ENUM_NAME -> {
        if (column.type() != null && column.type().endsWith("[]")) {
          yield actual.endsWith("[]") && isText(baseType(actual.substring(0, actual.length() - 2))) ? null
              : "which needs an array of a character type";
        }
        boolean text = isText(base) || column.rule() == TypeRule.ENUM_NAME && isUserType(actual);
        if (!text) {
          yield "which needs a character type";
        }
        Integer capacity = length(actual);
        yield column.length() != null && capacity != null && capacity < column.length()
            ? "which needs room for " + column.length() + " characters" : null;
      }
      case ENUM_ORDINAL -> base.equals("smallint") || base.equals("integer") || base.equals("bigint") ? null
          : "which stores the enum's ordinal and needs an integer type";
      case JSON -> base.equals("jsonb") || base.equals("json") ? null : "which needs jsonb (or json)";
      case NUMERIC -> base.equals("numeric") ? null : "which needs numeric";
      case ANY_TIMESTAMP -> base.startsWith("timestamp") ? null : "which needs a timestamp";
      case BASE -> base.equals(expectedBase) ? null : "which needs " + SqlTypes.preferred(expectedBase);
    };
  }

  /**
   * Whether the only difference is the time zone: a field Hibernate writes as {@code timestamptz} ({@code Instant},
   * {@code OffsetDateTime}) in a {@code timestamp} without one.
   */
  static boolean zoneOnly(MappedColumn column, String actual) {
    return column.type() != null && baseType(column.type()).equals("timestamp with time zone")
        && baseType(actual).equals("timestamp without time zone");
  }

  private static boolean isText(String base) {
    return base.equals("character varying") || base.equals("text") || base.equals("character")
        || base.equals("citext");
  }

  static String baseType(String canonical) {
    return canonical.replaceAll("\\([^)]*\\)", "").replaceAll("\\s+", " ").trim();
  }

  static Integer length(String canonical) {
    Matcher m = Pattern.compile("^(?:character varying|character)\\((\\d+)\\)$").matcher(canonical);
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  static boolean isUserType(String canonical) {
    return !canonical.contains("(") && !canonical.contains(" ") && !SqlTypes.canonical(canonical).equals("integer")
        && !List.of("smallint", "bigint", "boolean", "date", "uuid", "bytea", "json", "jsonb", "real", "numeric",
            "text", "interval").contains(canonical);
  }

  static String describe(MappedColumn column) {
    return column.javaType()
        + (column.length() != null && column.rule() != TypeRule.ENUM_NAME ? ", length " + column.length() : "")
        + (column.rule() == TypeRule.ENUM_NAME ? ", EnumType.STRING"
            + (column.length() != null ? " up to " + column.length() + " characters" : "") : "")
        + (column.rule() == TypeRule.ENUM_ORDINAL ? ", EnumType.ORDINAL" : "")
        + (column.rule() == TypeRule.EXACT ? ", columnDefinition " + column.type() : "")
        + (column.rule() == TypeRule.DECLARED_NUMERIC ? ", " + column.type().replaceAll(
            "numeric\\((\\d+),(\\d+)\\)", "precision $1, scale $2") : "");
  }

  static boolean unique(Table table, List<String> columns) {
    return unique(table, columns, true);
  }

  /**
   * Whether the primary key, a unique constraint or a unique index is on exactly these columns; a partial unique
   * index counts when {@code partialCounts} (a field unique among live rows), not for an id, whose rows it leaves
   * unchecked outside its predicate.
   */
  static boolean unique(Table table, List<String> columns, boolean partialCounts) {
    Set<String> wanted = new HashSet<>(columns);
    return table.primaryKey() != null && new HashSet<>(table.primaryKey().columns()).equals(wanted)
        || table.uniqueConstraints().stream().map(UniqueConstraint::columns).anyMatch(c -> new HashSet<>(c).equals(wanted))
        || table.indexes().stream().filter(Index::unique).filter(i -> partialCounts || i.where() == null)
            .anyMatch(i -> new HashSet<>(i.elements().stream().map(Names::unquote).toList()).equals(wanted));
  }

  /**
   * The type a column of this type holds: a domain's base type (a domain over a domain too), else the type itself.
   */
  static String domainBase(Catalog catalog, String schema, String type) {
    String current = type;
    // bounded: a hand-written contract could declare a domain over itself, which PostgreSQL never would
    for (int depth = 0; depth < 8; depth++) {
      int dot = current.indexOf('.');
      String in = dot > 0 ? Names.unquote(current.substring(0, dot)) : schema;
      String name = Names.unquote(dot > 0 ? current.substring(dot + 1) : current);
      Optional<String> base = catalog.schema(in).flatMap(found -> found.domains().stream()
          .filter(domain -> domain.name().equals(name)).findFirst()).map(Domain::type);
      if (base.isEmpty() || base.get() == null) {
        return current;
      }
      current = base.get();
    }
    return current;
  }

  static boolean indexed(Table table, IndexMapping index) {
    List<String> wanted = index.columns();
    if (index.unique()) {
      return unique(table, wanted);
    }
    return table.indexes().stream().anyMatch(i -> startsWith(i.elements(), wanted))
        || table.uniqueConstraints().stream().anyMatch(u -> startsWith(u.columns(), wanted))
        || table.primaryKey() != null && startsWith(table.primaryKey().columns(), wanted);
  }

  static boolean startsWith(List<String> elements, List<String> prefix) {
    return elements.size() >= prefix.size() && elements.subList(0, prefix.size()).equals(prefix);
  }

  static String nearest(String name, Table table) {
    // a short name is a couple of edits from many others (kind, id): only names long enough to be misspelt count
    int edits = Math.min(2, (name.length() - 1) / 2);
    return table.columns().stream().map(Column::name).filter(c -> dev.schemakit.model.Names.distance(c, name) <= edits)
        .findFirst().map(c -> " (did you mean " + c + "?)").orElse("");
  }
}
