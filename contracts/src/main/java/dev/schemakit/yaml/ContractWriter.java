package dev.schemakit.yaml;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Domain;
import dev.schemakit.model.Exclusion;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.Routine;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SoftDelete;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.TriggerLevel;
import dev.schemakit.model.UniqueConstraint;
import dev.schemakit.model.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the {@link Catalog} model as canonical contract YAML.
 *
 * <p>Canonical means stable and diff-friendly: tables, views, enums, sequences, keys, indexes,
 * checks and triggers sorted by name; columns in table order, one per line; values PostgreSQL
 * assigns by default (conventional constraint names, {@code NO ACTION}, {@code btree}, nullable
 * columns of strict tables) left out, so a pull request shows only real facts. Reading the output
 * and writing it again gives the same text.
 *
 * <pre>{@code
 * Map<String, String> files = ContractWriter.writeFiles(snapshot); // "public.yaml" -> YAML text
 * }</pre>
 */
public final class ContractWriter {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_ ().$]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
  private static final Set<String> RESERVED =
      Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

  private final StringBuilder out = new StringBuilder();
  private final boolean recording;

  private ContractWriter(boolean recording) {
    this.recording = recording;
  }

  /**
   * A contract recorded from a snapshot: like {@link #writeFiles(Catalog)}, but every schema and
   * table is strict, so that anything the database gains later is reported as drift.
   */
  public static Map<String, String> recordFiles(Catalog snapshot) {
    return files(snapshot, true);
  }

  /**
   * One file per schema, named {@code <schema>.yaml}; extensions go into the first file.
   *
   * @return file name to YAML text, sorted by file name
   */
  public static Map<String, String> writeFiles(Catalog catalog) {
    return files(catalog, false);
  }

  /** The contract text of one schema, with the given extensions (may be empty). */
  public static String write(Schema schema, List<Extension> extensions) {
    ContractWriter writer = new ContractWriter(false);
    writer.schema(schema, extensions);
    return writer.out.toString();
  }

  private static Map<String, String> files(Catalog catalog, boolean recording) {
    Map<String, String> files = new LinkedHashMap<>();
    boolean first = true;
    for (Schema schema : catalog.schemas()) {
      ContractWriter writer = new ContractWriter(recording);
      writer.schema(schema, first ? catalog.extensions() : List.of());
      files.put(schema.name() + ".yaml", writer.out.toString());
      first = false;
    }
    return files;
  }

  private void schema(Schema schema, List<Extension> extensions) {
    line(0, "schema: " + scalar(schema.name()));
    if (schema.strict() || recording) {
      line(0, "strict: true");
    }
    if (!extensions.isEmpty()) {
      line(0, "extensions:");
      for (Extension extension : sorted(extensions, Extension::name)) {
        line(1, "- " + (extension.version() == null ? scalar(extension.name())
            : flow(entry("name", scalar(extension.name())), entry("version", quoted(extension.version())))));
      }
    }
    if (!schema.enums().isEmpty()) {
      line(0, "enums:");
      for (EnumType type : sorted(schema.enums(), EnumType::name)) {
        line(1, key(type.name()) + ": " + names(type.labels()));
      }
    }
    if (!schema.sequences().isEmpty()) {
      line(0, "sequences:");
      for (Sequence sequence : sorted(schema.sequences(), Sequence::name)) {
        line(1, key(sequence.name()) + ": " + flow(
            entry("increment", number(sequence.increment())),
            entry("min_value", number(sequence.minValue())),
            entry("max_value", number(sequence.maxValue())),
            entry("cycle", bool(sequence.cycle())),
            entry("start", sequence.start() == null || sequence.start().equals(defaultStart(sequence)) ? null
                : number(sequence.start())),
            entry("cache", sequence.cache() == null || sequence.cache() == 1 ? null : number(sequence.cache())),
            entry("owned_by", sequence.ownedBy() == null ? null : scalar(sequence.ownedBy()))));
      }
    }
    if (!schema.domains().isEmpty()) {
      line(0, "domains:");
      for (Domain domain : sorted(schema.domains(), Domain::name)) {
        line(1, key(domain.name()) + ": " + flow(
            entry("type", domain.type() == null ? null : scalar(SqlTypes.preferred(domain.type()))),
            entry("nullable", bool(domain.nullable())),
            entry("default", domain.defaultValue() == null ? null : quoted(domain.defaultValue())),
            entry("checks", domain.checks().isEmpty() ? null : sorted(domain.checks(),
                c -> c.name() == null ? "~" + c.expression() : c.name()).stream().map(check -> flow(
                    entry("name", check.name() == null ? null : scalar(check.name())),
                    entry("expression", quoted(check.expression()))))
                .collect(Collectors.joining(", ", "[", "]")))));
      }
    }
    if (!schema.routines().isEmpty()) {
      line(0, "functions:");
      for (Routine routine : sorted(schema.routines(), Routine::signature)) {
        String hash = routine.bodySha256() != null ? routine.bodySha256() : Routine.bodyHash(routine.body(), routine.language());
        line(1, key(routine.signature()) + ": " + flow(
            entry("kind", "procedure".equals(routine.kind()) ? "procedure" : null),
            entry("returns", routine.returns() == null ? null : scalar(routine.returns())),
            entry("language", routine.language() == null ? null : scalar(routine.language())),
            entry("volatility", routine.volatility()),
            entry("security_definer", bool(routine.securityDefiner())),
            entry("body_sha256", hash == null ? null : quoted(hash))));
      }
    }
    if (!schema.views().isEmpty()) {
      line(0, "views:");
      for (View view : sorted(schema.views(), View::name)) {
        line(1, key(view.name()) + ":");
        if (view.materialized()) {
          line(2, "materialized: true");
        }
        if (view.comment() != null) {
          line(2, "comment: " + quoted(view.comment()));
        }
        if (!view.columns().isEmpty()) {
          line(2, "columns: " + names(view.columns()));
        }
        if (view.definition() != null) {
          line(2, "definition: " + quoted(view.definition()));
        }
      }
    }
    if (!schema.tables().isEmpty()) {
      line(0, "tables:");
      for (Table table : sorted(schema.tables(), Table::name)) {
        table(schema.name(), table);
      }
    }
  }

  private void table(String schemaName, Table table) {
    line(1, key(table.name()) + ":");
    boolean strict = table.strict() || recording;
    if (strict) {
      line(2, "strict: true");
    }
    if (table.comment() != null) {
      line(2, "comment: " + quoted(table.comment()));
    }
    if (!table.columns().isEmpty()) {
      line(2, "columns:");
      for (Column column : table.columns()) {
        line(3, key(column.name()) + ": " + column(schemaName, table.name(), column, strict));
      }
    }
    PrimaryKey pk = table.primaryKey();
    if (pk != null) {
      boolean conventional = pk.name() == null || pk.name().equals(table.name() + "_pkey");
      line(2, "primary_key: " + (conventional ? names(pk.columns())
          : flow(entry("name", scalar(pk.name())), entry("columns", names(pk.columns())))));
    }
    if (!table.foreignKeys().isEmpty()) {
      line(2, "foreign_keys:");
      for (ForeignKey fk : sorted(table.foreignKeys(), f -> String.join(",", f.columns()))) {
        String conventionalName = table.name() + "_" + String.join("_", fk.columns()) + "_fkey";
        String reference = (fk.referencedSchema().equals(schemaName) ? "" : referenceName(fk.referencedSchema()) + ".")
            + referenceName(fk.referencedTable()) + "(" + String.join(", ", fk.referencedColumns().stream()
                .map(ContractWriter::referenceName).toList()) + ")";
        line(3, "- " + flow(
            entry("name", fk.name() == null || fk.name().equals(conventionalName) ? null : scalar(fk.name())),
            entry("columns", names(fk.columns())),
            entry("references", scalar(reference)),
            entry("on_delete", action(fk.onDelete(), strict)),
            entry("on_update", action(fk.onUpdate(), strict)),
            entry("deferrable", flag(fk.deferrable(), strict)),
            entry("initially_deferred", flag(fk.initiallyDeferred(), strict))));
      }
    }
    if (!table.indexes().isEmpty()) {
      line(2, "indexes:");
      for (Index index : sorted(table.indexes(), i -> i.name() == null ? "~" + i.elements() : i.name())) {
        line(3, "- " + flow(
            entry("name", index.name() == null ? null : scalar(index.name())),
            // a column that SQL must quote ("offset") is written as its name; an expression as PostgreSQL prints it
            entry("columns", names(index.elements().stream().map(dev.schemakit.model.Names::unquote).toList())),
            entry("unique", index.unique() ? "true" : null),
            entry("where", index.where() == null ? null : quoted(index.where())),
            entry("method", index.method().equals("btree") ? null : scalar(index.method()))));
      }
    }
    if (!table.uniqueConstraints().isEmpty()) {
      line(2, "unique:");
      for (UniqueConstraint unique : sorted(table.uniqueConstraints(), u -> String.join(",", u.columns()))) {
        String conventionalName = table.name() + "_" + String.join("_", unique.columns()) + "_key";
        line(3, "- " + flow(
            entry("name", unique.name() == null || unique.name().equals(conventionalName) ? null : scalar(unique.name())),
            entry("columns", names(unique.columns()))));
      }
    }
    if (!table.checks().isEmpty()) {
      line(2, "checks:");
      for (Check check : sorted(table.checks(), c -> c.name() == null ? "~" + c.expression() : c.name())) {
        line(3, "- " + flow(
            entry("name", check.name() == null ? null : scalar(check.name())),
            entry("expression", quoted(check.expression()))));
      }
    }
    if (!table.triggers().isEmpty()) {
      line(2, "triggers:");
      for (Trigger trigger : sorted(table.triggers(), Trigger::name)) {
        line(3, "- " + flow(
            entry("name", scalar(trigger.name())),
            entry("timing", trigger.timing().keyword()),
            entry("events", names(trigger.events().stream().map(TriggerEvent::keyword).toList())),
            entry("level", trigger.level() == TriggerLevel.ROW ? null : trigger.level().keyword()),
            entry("function", scalar(trigger.function()))));
      }
    }
    if (!table.exclusions().isEmpty()) {
      line(2, "exclusions:");
      for (Exclusion exclusion : sorted(table.exclusions(), x -> x.name() == null ? "~" + x.definition() : x.name())) {
        line(3, "- " + flow(
            entry("name", exclusion.name() == null ? null : scalar(exclusion.name())),
            entry("definition", quoted(exclusion.definition()))));
      }
    }
    if (table.partitionBy() != null) {
      line(2, "partition_by: " + quoted(table.partitionBy()));
    }
    if (!table.partitions().isEmpty()) {
      line(2, "partitions:");
      for (Partition partition : sorted(table.partitions(), Partition::name)) {
        line(3, key(partition.name()) + ": " + (partition.bound() == null ? "{}" : quoted(partition.bound())));
      }
    }
    RowLevelSecurity rls = table.rowLevelSecurity();
    boolean namesOnly = rls != null && rls.policies().stream().allMatch(ContractWriter::nameOnly);
    if (rls != null && (!strict || rls.enabled() || rls.forced() || !rls.policies().isEmpty())) {
      if (namesOnly) {
        line(2, "row_level_security: " + flow(
            entry("enabled", Boolean.toString(rls.enabled())),
            entry("forced", rls.forced() ? "true" : null),
            entry("policies", rls.policies().isEmpty() ? null : names(rls.policyNames()))));
      } else {
        line(2, "row_level_security:");
        line(3, "enabled: " + rls.enabled());
        if (rls.forced()) {
          line(3, "forced: true");
        }
        line(3, "policies:");
        for (Policy policy : rls.policies()) {
          line(4, "- " + policy(policy));
        }
      }
    }
    SoftDelete softDelete = table.softDelete();
    if (softDelete != null) {
      if (softDelete.kind() == null && softDelete.uniqueExcludesDeleted()) {
        line(2, "soft_delete: " + scalar(softDelete.column()));
      } else {
        line(2, "soft_delete: " + flow(
            entry("column", scalar(softDelete.column())),
            entry("kind", softDelete.kind() == null ? null : softDelete.kind().keyword()),
            entry("unique_excludes_deleted", softDelete.uniqueExcludesDeleted() ? null : "false")));
      }
    }
  }

  /** Where a sequence starts when {@code START} is not given: its minimum going up, its maximum going down. */
  static Long defaultStart(Sequence sequence) {
    if (sequence.increment() == null) {
      return null;
    }
    return sequence.increment() > 0 ? sequence.minValue() : sequence.maxValue();
  }

  private static boolean nameOnly(Policy policy) {
    return policy.command() == null && policy.permissive() == null && policy.roles() == null && policy.using() == null
        && policy.withCheck() == null;
  }

  /** A policy with what PostgreSQL assumes left out: command all, permissive, to public. */
  private static String policy(Policy policy) {
    boolean toPublic = policy.roles() != null && policy.roles().equals(List.of("public"));
    return flow(
        entry("name", scalar(policy.name())),
        entry("command", policy.command() == null || policy.command().equals("all") ? null : policy.command()),
        entry("permissive", Boolean.FALSE.equals(policy.permissive()) ? "false" : null),
        entry("roles", policy.roles() == null || toPublic ? null : names(policy.roles())),
        entry("using", policy.using() == null ? null : quoted(policy.using())),
        entry("with_check", policy.withCheck() == null ? null : quoted(policy.withCheck())));
  }

  private static String column(String schemaName, String table, Column column, boolean strict) {
    String type = column.type() == null ? null : SqlTypes.preferred(column.type());
    String defaultValue = column.defaultValue();
    Boolean nullable = column.nullable();
    boolean nullableByDefault = true;
    String serial = column.type() == null ? null : SqlTypes.serialFor(column.type());
    String sequence = ("public".equals(schemaName) ? "" : schemaName + ".") + table + "_" + column.name() + "_seq";
    if (serial != null && ("nextval('" + sequence + "'::regclass)").equals(defaultValue)) {
      type = serial;
      defaultValue = null;
      nullableByDefault = false; // serial implies NOT NULL, so only a nullable serial is worth saying
    }
    boolean serialType = type != null && type.equals(serial);
    // The reader fills a missing nullable with the SQL default in strict tables and for serials.
    boolean impliedByReader = nullable != null && nullable == nullableByDefault && (strict || serialType);
    boolean writeNullable = nullable != null && !impliedByReader;
    return flow(
        entry("type", type == null ? null : scalar(type)),
        entry("nullable", writeNullable ? nullable.toString() : null),
        entry("default", defaultValue == null ? null : quoted(defaultValue)),
        entry("identity", column.identity() == null ? null : column.identity().keyword()),
        entry("generated", column.generated() == null ? null : quoted(column.generated())),
        entry("comment", column.comment() == null ? null : quoted(column.comment())));
  }

  /** In a strict table the reader takes a missing action as NO ACTION, so it need not be written. */
  private static String action(ReferentialAction action, boolean strict) {
    if (action == null || (strict && action == ReferentialAction.NO_ACTION)) {
      return null;
    }
    return action.keyword();
  }

  private static String flag(Boolean value, boolean strict) {
    if (value == null || (strict && !value)) {
      return null;
    }
    return value.toString();
  }

  // ---- text helpers

  private void line(int depth, String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }

  private record Entry(String key, String value) {}

  private static Entry entry(String key, String value) {
    return new Entry(key, value);
  }

  private static String flow(Entry... entries) {
    List<String> parts = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.value() != null) {
        parts.add(entry.key() + ": " + entry.value());
      }
    }
    return parts.isEmpty() ? "{}" : "{ " + String.join(", ", parts) + " }";
  }

  private static String names(List<String> values) {
    return values.stream().map(ContractWriter::scalar).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String number(Long value) {
    return value == null ? null : value.toString();
  }

  private static String bool(Boolean value) {
    return value == null ? null : value.toString();
  }

  private static String key(String name) {
    return NAME.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT)) ? name : quoted(name);
  }

  /** A plain scalar where YAML reads it back as the same string in any context, else quoted. */
  static String scalar(String value) {
    boolean plain = PLAIN.matcher(value).matches()
        && !value.endsWith(" ")
        && !RESERVED.contains(value.toLowerCase(Locale.ROOT));
    return plain ? value : quoted(value);
  }

  static String quoted(String value) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static <T> List<T> sorted(List<T> values, java.util.function.Function<T, String> key) {
    return values.stream().sorted(java.util.Comparator.comparing(key)).toList();
  }

  /**
   * A name inside {@code references: schema.table(column, ...)}: as it is, unless it holds a character that would
   * end the name there (a space, a dot, a parenthesis, a comma, a quote), then in SQL's double quotes.
   */
  static String referenceName(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_$]*") ? name : dev.schemakit.model.Names.quote(name);
  }
}
