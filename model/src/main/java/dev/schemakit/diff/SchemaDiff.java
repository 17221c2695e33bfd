package dev.schemakit.diff;

import dev.schemakit.diff.ExpressionNormalizer.Kind;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Domain;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Exclusion;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Names;
import dev.schemakit.model.Origin;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.Routine;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SoftDelete;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.UniqueConstraint;
import dev.schemakit.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compares a contract (expected) with a snapshot (actual) and lists every difference.
 *
 * <pre>{@code
 * DiffResult result = SchemaDiff.compare(contract, snapshot, new PostgresExpressionNormalizer(connection));
 * if (!result.passed()) { ... result.findings() ... }
 * }</pre>
 *
 * <p>Partial by default: what a contract lists must exist and match, attributes it leaves out are
 * not checked. A strict table also fails on columns, keys, indexes, checks, triggers and policies
 * it does not list; a strict schema on tables, views, enum types, functions and domains it does not list.
 */
public final class SchemaDiff {

  private final ExpressionNormalizer normalizer;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> subjects = new LinkedHashSet<>();
  private final Map<String, String> normalized = new HashMap<>();

  private SchemaDiff(ExpressionNormalizer normalizer) {
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
  }

  /** Compares with textual expression normalisation (no database needed). */
  public static DiffResult compare(Catalog expected, Catalog actual) {
    return compare(expected, actual, ExpressionNormalizer.textual());
  }

  /**
   * Compares {@code expected} with {@code actual}.
   *
   * @param expected a contract
   * @param actual a snapshot of the database
   * @param normalizer how expressions are brought into one spelling; use the PostgreSQL one
   *     whenever a connection to the database is at hand
   */
  public static DiffResult compare(Catalog expected, Catalog actual, ExpressionNormalizer normalizer) {
    SchemaDiff diff = new SchemaDiff(normalizer);
    diff.catalog(expected, actual);
    return new DiffResult(diff.findings, List.copyOf(diff.subjects));
  }

  private void catalog(Catalog expected, Catalog actual) {
    for (Schema schema : expected.schemas()) {
      Optional<Schema> found = actual.schema(schema.name());
      if (found.isEmpty()) {
        subjects.add(schema.name());
        add(FindingCode.SCHEMA_MISSING, schema.name(), schema.name(), schema.name(), null,
            "schema " + schema.name() + " does not exist", schema.origin());
        continue;
      }
      schema(schema, found.get());
    }
    // a recorded contract is strict in every schema: a schema the migrations created since is drift too
    if (!expected.schemas().isEmpty() && expected.schemas().stream().allMatch(Schema::strict)) {
      for (Schema schema : actual.schemas()) {
        boolean holdsObjects = !schema.tables().isEmpty() || !schema.views().isEmpty() || !schema.enums().isEmpty()
            || !schema.sequences().isEmpty() || !schema.routines().isEmpty() || !schema.domains().isEmpty();
        if (expected.schema(schema.name()).isEmpty() && holdsObjects) {
          subjects.add(schema.name());
          add(FindingCode.SCHEMA_UNEXPECTED, schema.name(), schema.name(), null, schema.name(), "schema "
              + schema.name() + " (" + schema.tables().size() + " table(s), " + schema.views().size() + " view(s)) is"
              + " in no contract, and every schema of the contract is strict: record it, or drop it",
              null);
        }
      }
    }
    if (!expected.extensions().isEmpty()) {
      subjects.add("extensions");
      for (Extension extension : expected.extensions()) {
        Optional<Extension> installed = actual.extensions().stream()
            .filter(e -> e.name().equals(extension.name())).findFirst();
        if (installed.isEmpty()) {
          add(FindingCode.EXTENSION_MISSING, "extensions", "extension " + extension.name(),
              extension.name(), null, "extension " + extension.name() + " is not installed",
              extension.origin());
        } else if (extension.version() != null && !extension.version().equals(installed.get().version())) {
          add(FindingCode.EXTENSION_VERSION_MISMATCH, "extensions", "extension " + extension.name(),
              extension.version(), installed.get().version(), "extension " + extension.name()
                  + " is installed in version " + installed.get().version() + ", contract expects "
                  + extension.version(), extension.origin());
        }
      }
    }
  }

  private void schema(Schema expected, Schema actual) {
    String s = expected.name();
    for (Table table : expected.tables()) {
      String subject = s + "." + table.name();
      subjects.add(subject);
      Optional<Table> found = actual.table(table.name());
      if (found.isEmpty()) {
        add(FindingCode.TABLE_MISSING, subject, subject, table.name(), null,
            "table " + subject + " does not exist" + nearest(table.name(), names(actual.tables(), Table::name)),
            table.origin());
      } else {
        table(s, table, found.get());
      }
    }
    for (View view : expected.views()) {
      String subject = s + "." + view.name();
      subjects.add(subject);
      actual.views().stream().filter(v -> v.name().equals(view.name())).findFirst()
          .ifPresentOrElse(found -> view(s, subject, view, found),
              () -> add(FindingCode.VIEW_MISSING, subject, subject, view.name(), null,
                  (view.materialized() ? "materialized view " : "view ") + subject + " does not exist",
                  view.origin()));
    }
    for (EnumType type : expected.enums()) {
      String subject = s + "." + type.name();
      subjects.add(subject);
      Optional<EnumType> found = actual.enums().stream().filter(e -> e.name().equals(type.name())).findFirst();
      if (found.isEmpty()) {
        add(FindingCode.ENUM_MISSING, subject, subject, String.join(", ", type.labels()), null,
            "enum type " + subject + " does not exist", type.origin());
      } else if (!found.get().labels().equals(type.labels())) {
        add(FindingCode.ENUM_LABELS_MISMATCH, subject, subject, String.join(", ", type.labels()),
            String.join(", ", found.get().labels()), "enum type " + subject + " has labels "
                + found.get().labels() + ", contract expects " + type.labels() + " (in this order)",
            type.origin());
      }
    }
    for (Sequence sequence : expected.sequences()) {
      String subject = s + "." + sequence.name();
      subjects.add(subject);
      Optional<Sequence> found = actual.sequences().stream()
          .filter(q -> q.name().equals(sequence.name())).findFirst();
      if (found.isEmpty()) {
        add(FindingCode.SEQUENCE_MISSING, subject, subject, sequence.name(), null,
            "sequence " + subject + " does not exist", sequence.origin());
        continue;
      }
      Sequence a = found.get();
      sequenceAttribute(subject, "increment", sequence.increment(), a.increment(), sequence.origin());
      sequenceAttribute(subject, "min_value", sequence.minValue(), a.minValue(), sequence.origin());
      sequenceAttribute(subject, "max_value", sequence.maxValue(), a.maxValue(), sequence.origin());
      sequenceAttribute(subject, "cycle", sequence.cycle(), a.cycle(), sequence.origin());
      sequenceAttribute(subject, "start", sequence.start(), a.start(), sequence.origin());
      sequenceAttribute(subject, "cache", sequence.cache(), a.cache(), sequence.origin());
      sequenceAttribute(subject, "owned_by", sequence.ownedBy(), a.ownedBy(), sequence.origin());
    }
    routines(s, expected, actual);
    domains(s, expected, actual);
    if (expected.strict()) {
      Set<String> listedTables = names(expected.tables(), Table::name);
      for (Table table : actual.tables()) {
        if (!listedTables.contains(table.name())) {
          String subject = s + "." + table.name();
          subjects.add(subject);
          add(FindingCode.TABLE_UNEXPECTED, subject, subject, null, table.name(), "table " + subject
              + " exists but the strict schema " + s + " does not list it", expected.origin());
        }
      }
      Set<String> listedViews = names(expected.views(), View::name);
      for (View view : actual.views()) {
        if (!listedViews.contains(view.name())) {
          String subject = s + "." + view.name();
          subjects.add(subject);
          add(FindingCode.VIEW_UNEXPECTED, subject, subject, null, view.name(), "view " + subject
              + " exists but the strict schema " + s + " does not list it", expected.origin());
        }
      }
      Set<String> listedEnums = names(expected.enums(), EnumType::name);
      for (EnumType type : actual.enums()) {
        if (!listedEnums.contains(type.name())) {
          String subject = s + "." + type.name();
          subjects.add(subject);
          add(FindingCode.ENUM_UNEXPECTED, subject, subject, null, String.join(", ", type.labels()),
              "enum type " + subject + " exists but the strict schema " + s + " does not list it",
              expected.origin());
        }
      }
    }
  }

  private void routines(String s, Schema expected, Schema actual) {
    for (Routine e : expected.routines()) {
      String subject = s + "." + e.signature();
      subjects.add(subject);
      Optional<Routine> found = actual.routines().stream().filter(r -> r.signature().equals(e.signature()))
          .findFirst();
      if (found.isEmpty()) {
        add(FindingCode.FUNCTION_MISSING, subject, subject, e.signature(), null, "function " + subject
            + " does not exist" + nearest(e.signature(), names(actual.routines(), Routine::signature)), e.origin());
        continue;
      }
      Routine a = found.get();
      List<String> differences = new ArrayList<>();
      compare(differences, "kind", e.kind(), a.kind());
      if (e.returns() != null && !SqlTypes.canonical(e.returns()).equals(SqlTypes.canonical(a.returns()))) {
        differences.add("returns " + a.returns() + " instead of " + e.returns());
      }
      compare(differences, "language", e.language(), a.language());
      compare(differences, "volatility", e.volatility(), a.volatility());
      compare(differences, "security_definer", e.securityDefiner(), a.securityDefiner());
      if (!differences.isEmpty()) {
        add(FindingCode.FUNCTION_MISMATCH, subject, subject, null, null, "function " + subject + " has "
            + String.join(", ", differences), e.origin());
      }
      String expectedHash = e.bodySha256() != null ? e.bodySha256() : Routine.bodyHash(e.body(), e.language() != null ? e.language() : a.language());
      if (expectedHash != null && !expectedHash.equals(a.bodySha256())) {
        add(FindingCode.FUNCTION_BODY_MISMATCH, subject, subject + ".body", expectedHash, a.bodySha256(),
            "function " + subject + " has another body (sha256 " + a.bodySha256() + ", contract expects "
                + expectedHash + "); comments and whitespace aside, its code changed: record it if that is"
                + " intended", e.origin());
      }
    }
    if (expected.strict()) {
      Set<String> listed = names(expected.routines(), Routine::signature);
      for (Routine a : actual.routines()) {
        if (!listed.contains(a.signature())) {
          String subject = s + "." + a.signature();
          subjects.add(subject);
          add(FindingCode.FUNCTION_UNEXPECTED, subject, subject, null, a.signature(), a.kind() + " " + subject
              + " exists but the strict schema " + s + " does not list it: list it under functions (\""
              + a.signature() + "\": {} asserts only that it exists; schemakit record writes it in full)",
              expected.origin());
        }
      }
    }
  }

  private void domains(String s, Schema expected, Schema actual) {
    for (Domain e : expected.domains()) {
      String subject = s + "." + e.name();
      subjects.add(subject);
      Optional<Domain> found = actual.domains().stream().filter(d -> d.name().equals(e.name())).findFirst();
      if (found.isEmpty()) {
        add(FindingCode.DOMAIN_MISSING, subject, subject, e.name(), null, "domain " + subject + " does not exist"
            + nearest(e.name(), names(actual.domains(), Domain::name)), e.origin());
        continue;
      }
      Domain a = found.get();
      List<String> differences = new ArrayList<>();
      if (e.type() != null && !SqlTypes.canonical(e.type()).equals(SqlTypes.canonical(a.type()))) {
        differences.add("type " + a.type() + " instead of " + e.type());
      }
      compare(differences, "nullable", e.nullable(), a.nullable());
      if (e.defaultValue() != null && !Objects.equals(canonicalOrNull(e.defaultValue()),
          canonicalOrNull(a.defaultValue()))) {
        differences.add("default " + a.defaultValue() + " instead of " + e.defaultValue());
      }
      // VALUE is only valid inside the domain, so its checks compare as canonical text, not through the server
      Set<String> actualChecks = a.checks().stream().map(c -> SqlText.canonical(c.expression()))
          .collect(Collectors.toSet());
      Set<String> expectedChecks = e.checks().stream().map(c -> SqlText.canonical(c.expression()))
          .collect(Collectors.toSet());
      if (!e.checks().isEmpty() && !expectedChecks.equals(actualChecks)) {
        differences.add("checks " + a.checks().stream().map(Check::expression).toList() + " instead of "
            + e.checks().stream().map(Check::expression).toList());
      }
      if (!differences.isEmpty()) {
        add(FindingCode.DOMAIN_MISMATCH, subject, subject, null, null, "domain " + subject + " has "
            + String.join(", ", differences), e.origin());
      }
    }
    if (expected.strict()) {
      Set<String> listed = names(expected.domains(), Domain::name);
      for (Domain a : actual.domains()) {
        if (!listed.contains(a.name())) {
          String subject = s + "." + a.name();
          subjects.add(subject);
          add(FindingCode.DOMAIN_UNEXPECTED, subject, subject, null, a.name(), "domain " + subject
              + " exists but the strict schema " + s + " does not list it: list it under domains", expected.origin());
        }
      }
    }
  }

  private static void compare(List<String> differences, String what, Object expected, Object actual) {
    if (expected != null && !expected.equals(actual)) {
      differences.add(what + " " + actual + " instead of " + expected);
    }
  }

  private void sequenceAttribute(String subject, String what, Object expected, Object actual, Origin origin) {
    if (expected != null && !expected.equals(actual)) {
      add(FindingCode.SEQUENCE_MISMATCH, subject, subject + "." + what, String.valueOf(expected),
          String.valueOf(actual), "sequence " + subject + " has " + what + " " + actual
              + ", contract expects " + expected, origin);
    }
  }

  private void view(String schema, String subject, View expected, View actual) {
    if (expected.materialized() != actual.materialized()) {
      add(FindingCode.VIEW_MISMATCH, subject, subject, kindOf(expected), kindOf(actual),
          subject + " is a " + kindOf(actual) + ", contract expects a " + kindOf(expected), expected.origin());
    }
    if (!expected.columns().isEmpty() && !expected.columns().equals(actual.columns())) {
      add(FindingCode.VIEW_MISMATCH, subject, subject + ".columns", String.join(", ", expected.columns()),
          String.join(", ", actual.columns()), "view " + subject + " has columns " + actual.columns()
              + ", contract expects " + expected.columns(), expected.origin());
    }
    // the server plans both queries: the same query written another way (operand order, parentheses, casts the
    // parser adds) plans the same; the textual normaliser compares canonical text
    if (expected.definition() != null && !sameExpression(Kind.VIEW, schema, actual.name(), null,
        expected.definition(), actual.definition(), subject + ".definition", expected.origin())) {
      add(FindingCode.VIEW_MISMATCH, subject, subject + ".definition", expected.definition(),
          actual.definition(), "view " + subject + " has another definition: " + actual.definition(),
          expected.origin());
    }
  }

  private static String kindOf(View view) {
    return view.materialized() ? "materialized view" : "view";
  }

  // ---- tables

  private void table(String s, Table expected, Table actual) {
    String subject = s + "." + expected.name();
    boolean strict = expected.strict();
    if (expected.comment() != null && !expected.comment().equals(actual.comment())) {
      add(FindingCode.TABLE_COMMENT_MISMATCH, subject, subject, expected.comment(), actual.comment(),
          "table " + subject + " has comment " + quote(actual.comment()) + ", contract expects "
              + quote(expected.comment()), expected.origin());
    }
    columns(s, subject, expected, actual);
    primaryKey(subject, expected, actual);
    foreignKeys(subject, expected, actual);
    Set<Object> usedUniqueConstraints = new java.util.HashSet<>();
    indexes(s, subject, expected, actual, usedUniqueConstraints);
    uniqueConstraints(subject, expected, actual, usedUniqueConstraints);
    checks(s, subject, expected, actual);
    triggers(subject, expected, actual);
    rowLevelSecurity(s, subject, expected, actual, strict);
    exclusions(subject, expected, actual);
    partitioning(subject, expected, actual);
    if (expected.softDelete() != null) {
      softDelete(subject, expected.softDelete(), actual);
    }
  }

  private void columns(String s, String subject, Table expected, Table actual) {
    boolean strict = expected.strict();
    Set<String> actualNames = names(actual.columns(), Column::name);
    for (Column column : expected.columns()) {
      String path = subject + "." + column.name();
      Optional<Column> found = actual.column(column.name());
      if (found.isEmpty()) {
        add(FindingCode.COLUMN_MISSING, subject, path, describe(column), null, "column " + path
            + " does not exist" + nearest(column.name(), actualNames), column.origin());
        continue;
      }
      Column a = found.get();
      if (column.type() != null && !SqlTypes.canonical(column.type()).equals(SqlTypes.canonical(a.type()))) {
        add(FindingCode.COLUMN_TYPE_MISMATCH, subject, path, column.type(), a.type(), "column " + path
            + " has type " + a.type() + ", contract expects " + column.type(), column.origin());
      }
      if (column.nullable() != null && !column.nullable().equals(a.nullable())) {
        add(FindingCode.COLUMN_NULLABILITY_MISMATCH, subject, path, nullability(column.nullable()),
            nullability(a.nullable()), "column " + path + " is " + nullability(a.nullable())
                + ", contract expects " + nullability(column.nullable()), column.origin());
      }
      boolean expectsNoDefault = strict && column.defaultValue() == null;
      if (column.defaultValue() != null || (expectsNoDefault && a.defaultValue() != null && a.identity() == null)) {
        String type = a.type();
        if (!sameExpression(Kind.DEFAULT, s, expected.name(), type, column.defaultValue(), a.defaultValue(),
            path + " default", column.origin())) {
          add(FindingCode.COLUMN_DEFAULT_MISMATCH, subject, path, column.defaultValue(), a.defaultValue(),
              "column " + path + (a.defaultValue() == null ? " has no default" : " defaults to " + a.defaultValue())
                  + ", contract expects " + (column.defaultValue() == null ? "no default" : column.defaultValue()),
              column.origin());
        }
      }
      if (column.identity() != null ? !column.identity().accepts(a.identity()) : strict && a.identity() != null) {
        add(FindingCode.COLUMN_IDENTITY_MISMATCH, subject, path, identity(column), identity(a),
            "column " + path + " is " + identity(a) + ", contract expects " + identity(column), column.origin());
      }
      if (column.generated() != null || (strict && a.generated() != null)) {
        if (!sameExpression(Kind.GENERATED, s, expected.name(), a.type(), column.generated(), a.generated(),
            path + " generated", column.origin())) {
          add(FindingCode.COLUMN_GENERATED_MISMATCH, subject, path, column.generated(), a.generated(),
              "column " + path + (a.generated() == null ? " is not generated" : " is generated as " + a.generated())
                  + ", contract expects " + (column.generated() == null ? "a plain column" : column.generated()),
              column.origin());
        }
      }
      if (column.comment() != null && !column.comment().equals(a.comment())) {
        add(FindingCode.COLUMN_COMMENT_MISMATCH, subject, path, column.comment(), a.comment(), "column " + path
            + " has comment " + quote(a.comment()) + ", contract expects " + quote(column.comment()), column.origin());
      }
    }
    if (strict) {
      Set<String> listed = names(expected.columns(), Column::name);
      for (Column a : actual.columns()) {
        if (!listed.contains(a.name())) {
          add(FindingCode.COLUMN_UNEXPECTED, subject, subject + "." + a.name(), null, describe(a),
              "column " + subject + "." + a.name() + " (" + describe(a) + ") exists but the strict table does not list it",
              expected.origin());
        }
      }
    }
  }

  private void primaryKey(String subject, Table expected, Table actual) {
    PrimaryKey e = expected.primaryKey();
    PrimaryKey a = actual.primaryKey();
    if (e == null) {
      if (expected.strict() && a != null) {
        add(FindingCode.PRIMARY_KEY_UNEXPECTED, subject, subject + ".primary_key", null, a.columns().toString(),
            "table " + subject + " has primary key " + a.columns() + " but the strict table lists none",
            expected.origin());
      }
      return;
    }
    if (a == null) {
      add(FindingCode.PRIMARY_KEY_MISSING, subject, subject + ".primary_key", e.columns().toString(), null,
          "table " + subject + " has no primary key, contract expects " + e.columns(), e.origin());
    } else if (!e.columns().equals(a.columns()) || (e.name() != null && !e.name().equals(a.name()))) {
      add(FindingCode.PRIMARY_KEY_MISMATCH, subject, subject + ".primary_key", describe(e), describe(a),
          "table " + subject + " has primary key " + describe(a) + ", contract expects " + describe(e), e.origin());
    }
  }

  private void foreignKeys(String subject, Table expected, Table actual) {
    List<ForeignKey> unmatched = new ArrayList<>(actual.foreignKeys());
    for (ForeignKey e : expected.foreignKeys()) {
      Optional<ForeignKey> found = e.name() != null
          ? unmatched.stream().filter(a -> a.name().equals(e.name())).findFirst()
          : unmatched.stream().filter(a -> a.columns().equals(e.columns())).findFirst();
      String path = subject + "." + (e.name() != null ? e.name() : "fk" + e.columns());
      if (found.isEmpty()) {
        add(FindingCode.FOREIGN_KEY_MISSING, subject, path, describe(e), null, "foreign key "
            + describe(e) + " does not exist on " + subject, e.origin());
        continue;
      }
      ForeignKey a = found.get();
      unmatched.remove(a);
      if (!a.columns().equals(e.columns()) || !a.referencedTable().equals(e.referencedTable())
          || !a.referencedSchema().equals(e.referencedSchema())
          || (!e.referencedColumns().isEmpty() && !a.referencedColumns().equals(e.referencedColumns()))) {
        add(FindingCode.FOREIGN_KEY_MISMATCH, subject, path, describe(e), describe(a), "foreign key on "
            + subject + " is " + describe(a) + ", contract expects " + describe(e), e.origin());
      }
      if (e.onDelete() != null && e.onDelete() != a.onDelete()) {
        add(FindingCode.FOREIGN_KEY_ACTION_MISMATCH, subject, path + ".on_delete", e.onDelete().sql(),
            a.onDelete().sql(), "foreign key " + describe(a) + " has ON DELETE " + a.onDelete().sql()
                + ", contract expects ON DELETE " + e.onDelete().sql(), e.origin());
      }
      if (e.onUpdate() != null && e.onUpdate() != a.onUpdate()) {
        add(FindingCode.FOREIGN_KEY_ACTION_MISMATCH, subject, path + ".on_update", e.onUpdate().sql(),
            a.onUpdate().sql(), "foreign key " + describe(a) + " has ON UPDATE " + a.onUpdate().sql()
                + ", contract expects ON UPDATE " + e.onUpdate().sql(), e.origin());
      }
      if ((e.deferrable() != null && !e.deferrable().equals(a.deferrable()))
          || (e.initiallyDeferred() != null && !e.initiallyDeferred().equals(a.initiallyDeferred()))) {
        add(FindingCode.FOREIGN_KEY_DEFERRABILITY_MISMATCH, subject, path + ".deferrable",
            deferrability(e.deferrable(), e.initiallyDeferred()), deferrability(a.deferrable(), a.initiallyDeferred()),
            "foreign key " + describe(a) + " is " + deferrability(a.deferrable(), a.initiallyDeferred())
                + ", contract expects " + deferrability(e.deferrable(), e.initiallyDeferred()), e.origin());
      }
    }
    if (expected.strict()) {
      for (ForeignKey a : unmatched) {
        add(FindingCode.FOREIGN_KEY_UNEXPECTED, subject, subject + "." + a.name(), null, describe(a),
            "foreign key " + a.name() + " " + describe(a) + " exists but the strict table does not list it",
            expected.origin());
      }
    }
  }

  private void indexes(String s, String subject, Table expected, Table actual, Set<Object> usedUniqueConstraints) {
    List<Index> unmatched = new ArrayList<>(actual.indexes());
    for (Index e : expected.indexes()) {
      String path = subject + "." + (e.name() != null ? e.name() : "index" + e.elements());
      Optional<Index> found;
      if (e.name() != null) {
        found = unmatched.stream().filter(a -> a.name().equals(e.name())).findFirst();
      } else {
        found = unmatched.stream().filter(a -> sameIndexShape(s, expected.name(), e, a, path)).findFirst();
      }
      if (found.isEmpty()) {
        Optional<UniqueConstraint> constraint = e.unique() && e.where() == null && e.name() == null
            ? actual.uniqueConstraints().stream().filter(u -> u.columns().equals(e.elements())).findFirst()
            : Optional.empty();
        if (constraint.isPresent()) {
          usedUniqueConstraints.add(constraint.get());
          continue; // a unique constraint is a unique index with a name of its own
        }
        add(FindingCode.INDEX_MISSING, subject, path, describe(e), null, "index " + describe(e)
            + " does not exist on " + subject, e.origin());
        continue;
      }
      Index a = found.get();
      unmatched.remove(a);
      List<String> differences = new ArrayList<>();
      if (!sameElements(s, expected.name(), e.elements(), a.elements(), path, e.origin())) {
        differences.add("columns " + a.elements() + " instead of " + e.elements());
      }
      if (e.unique() != a.unique()) {
        differences.add(a.unique() ? "is unique" : "is not unique");
      }
      if (!sameExpression(Kind.PREDICATE, s, expected.name(), null, e.where(), a.where(), path + " where", e.origin())) {
        differences.add(a.where() == null ? "is not partial" : "has predicate " + a.where()
            + (e.where() == null ? " instead of none" : " instead of " + e.where()));
      }
      if (!e.method().equals(a.method())) {
        differences.add("uses " + a.method() + " instead of " + e.method());
      }
      if (!differences.isEmpty()) {
        add(FindingCode.INDEX_MISMATCH, subject, path, describe(e), describe(a), "index " + a.name()
            + " on " + subject + " " + String.join(", ", differences), e.origin());
      }
    }
    if (expected.strict()) {
      for (Index a : unmatched) {
        add(FindingCode.INDEX_UNEXPECTED, subject, subject + "." + a.name(), null, describe(a),
            "index " + describe(a) + " exists but the strict table does not list it",
            expected.origin());
      }
    }
  }

  private boolean sameIndexShape(String s, String table, Index e, Index a, String path) {
    return e.unique() == a.unique() && e.method().equals(a.method())
        && sameElements(s, table, e.elements(), a.elements(), path, e.origin())
        && sameExpression(Kind.PREDICATE, s, table, null, e.where(), a.where(), path + " where", e.origin());
  }

  private boolean sameElements(String s, String table, List<String> expected, List<String> actual,
      String path, Origin origin) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      String a = actual.get(i);
      boolean same = Index.isColumnName(e) && Index.isColumnName(a)
          ? SqlText.name(e).equals(SqlText.name(a))
          : sameExpression(Kind.PREDICATE, s, table, null, e, a, path + " expression", origin);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private void uniqueConstraints(String subject, Table expected, Table actual, Set<Object> usedByIndexes) {
    List<UniqueConstraint> unmatched = new ArrayList<>(actual.uniqueConstraints());
    unmatched.removeIf(usedByIndexes::contains);
    for (UniqueConstraint e : expected.uniqueConstraints()) {
      Optional<UniqueConstraint> found = e.name() != null
          ? unmatched.stream().filter(a -> a.name().equals(e.name())).findFirst()
          : unmatched.stream().filter(a -> a.columns().equals(e.columns())).findFirst();
      String path = subject + "." + (e.name() != null ? e.name() : "unique" + e.columns());
      if (found.isPresent() && found.get().columns().equals(e.columns())) {
        unmatched.remove(found.get());
        continue;
      }
      boolean satisfiedByIndex = e.name() == null && actual.indexes().stream()
          .anyMatch(i -> i.unique() && i.where() == null && i.elements().equals(e.columns()));
      if (satisfiedByIndex) {
        continue;
      }
      add(FindingCode.UNIQUE_CONSTRAINT_MISSING, subject, path, "UNIQUE " + e.columns(),
          found.map(u -> "UNIQUE " + u.columns()).orElse(null), "unique constraint "
              + (e.name() == null ? "" : e.name() + " ") + "on " + subject + " " + e.columns()
              + (found.isPresent() ? " covers " + found.get().columns() + " instead" : " does not exist"), e.origin());
      found.ifPresent(unmatched::remove);
    }
    if (expected.strict()) {
      for (UniqueConstraint a : unmatched) {
        add(FindingCode.UNIQUE_CONSTRAINT_UNEXPECTED, subject, subject + "." + a.name(), null,
            "UNIQUE " + a.columns(), "unique constraint " + a.name() + " " + a.columns()
                + " exists but the strict table does not list it", expected.origin());
      }
    }
  }

  private void checks(String s, String subject, Table expected, Table actual) {
    List<Check> unmatched = new ArrayList<>(actual.checks());
    for (Check e : expected.checks()) {
      String path = subject + "." + (e.name() != null ? e.name() : "check(" + e.expression() + ")");
      if (e.name() != null) {
        Optional<Check> found = unmatched.stream().filter(a -> a.name().equals(e.name())).findFirst();
        if (found.isPresent()) {
          unmatched.remove(found.get());
          if (!sameExpression(Kind.CHECK, s, expected.name(), null, e.expression(), found.get().expression(),
              path, e.origin())) {
            add(FindingCode.CHECK_MISMATCH, subject, path, e.expression(), found.get().expression(),
                "check " + e.name() + " on " + subject + " is " + found.get().expression()
                    + ", contract expects " + e.expression(), e.origin());
          }
          continue;
        }
      } else {
        normalize(Kind.CHECK, s, expected.name(), null, e.expression(), path, e.origin()); // reports if unparsable
        Optional<Check> found = unmatched.stream()
            .filter(a -> sameExpression(Kind.CHECK, s, expected.name(), null, e.expression(), a.expression(), path, e.origin()))
            .findFirst();
        if (found.isPresent()) {
          unmatched.remove(found.get());
          continue;
        }
      }
      add(FindingCode.CHECK_MISSING, subject, path, e.expression(), null, "check "
          + (e.name() == null ? "" : e.name() + " ") + "(" + e.expression() + ") does not exist on " + subject,
          e.origin());
    }
    if (expected.strict()) {
      for (Check a : unmatched) {
        add(FindingCode.CHECK_UNEXPECTED, subject, subject + "." + a.name(), null, a.expression(),
            "check " + a.name() + " (" + a.expression() + ") exists but the strict table does not list it",
            expected.origin());
      }
    }
  }

  private void triggers(String subject, Table expected, Table actual) {
    Set<String> listed = names(expected.triggers(), Trigger::name);
    for (Trigger e : expected.triggers()) {
      String path = subject + "." + e.name();
      Optional<Trigger> found = actual.triggers().stream().filter(a -> a.name().equals(e.name())).findFirst();
      if (found.isEmpty()) {
        add(FindingCode.TRIGGER_MISSING, subject, path, describe(e), null, "trigger " + e.name()
            + " does not exist on " + subject, e.origin());
        continue;
      }
      Trigger a = found.get();
      boolean sameFunction = SqlText.canonical(e.function()).equals(SqlText.canonical(a.function()));
      if (e.timing() != a.timing() || !e.events().equals(a.events()) || e.level() != a.level() || !sameFunction) {
        add(FindingCode.TRIGGER_MISMATCH, subject, path, describe(e), describe(a), "trigger " + e.name()
            + " on " + subject + " is " + describe(a) + ", contract expects " + describe(e), e.origin());
      }
    }
    if (expected.strict()) {
      for (Trigger a : actual.triggers()) {
        if (!listed.contains(a.name())) {
          add(FindingCode.TRIGGER_UNEXPECTED, subject, subject + "." + a.name(), null, describe(a),
              "trigger " + a.name() + " (" + describe(a) + ") exists but the strict table does not list it",
              expected.origin());
        }
      }
    }
  }

  private void exclusions(String subject, Table expected, Table actual) {
    Set<Exclusion> matched = new java.util.HashSet<>();
    for (Exclusion e : expected.exclusions()) {
      Optional<Exclusion> byName = e.name() == null ? Optional.empty()
          : actual.exclusions().stream().filter(a -> a.name().equals(e.name())).findFirst();
      Optional<Exclusion> found = byName.isPresent() ? byName : actual.exclusions().stream()
          .filter(a -> SqlText.canonical(a.definition()).equals(SqlText.canonical(e.definition()))).findFirst();
      String path = subject + "." + (e.name() != null ? e.name() : "exclusion(" + e.definition() + ")");
      if (found.isEmpty()) {
        add(FindingCode.EXCLUSION_MISSING, subject, path, e.definition(), null, "exclusion constraint "
            + (e.name() == null ? "" : e.name() + " ") + e.definition() + " does not exist on " + subject, e.origin());
        continue;
      }
      matched.add(found.get());
      if (!SqlText.canonical(found.get().definition()).equals(SqlText.canonical(e.definition()))) {
        add(FindingCode.EXCLUSION_MISMATCH, subject, path, e.definition(), found.get().definition(),
            "exclusion constraint " + e.name() + " on " + subject + " is " + found.get().definition()
                + ", contract expects " + e.definition(), e.origin());
      }
    }
    if (expected.strict()) {
      for (Exclusion a : actual.exclusions()) {
        if (!matched.contains(a)) {
          add(FindingCode.EXCLUSION_UNEXPECTED, subject, subject + "." + a.name(), null, a.definition(),
              "exclusion constraint " + a.name() + " " + a.definition() + " exists on " + subject
                  + " but the strict table does not list it", expected.origin());
        }
      }
    }
  }

  /** The partition key, and each partition listed with its bound; a strict table lists every partition. */
  private void partitioning(String subject, Table expected, Table actual) {
    if ((expected.partitionBy() != null || expected.strict())
        && !Objects.equals(canonicalOrNull(expected.partitionBy()), canonicalOrNull(actual.partitionBy()))) {
      add(FindingCode.PARTITION_KEY_MISMATCH, subject, subject + ".partition_by", expected.partitionBy(),
          actual.partitionBy(), subject + (actual.partitionBy() == null ? " is not partitioned"
              : " is partitioned by " + actual.partitionBy()) + ", contract expects " + (expected.partitionBy() == null
              ? "no partitioning" : "PARTITION BY " + expected.partitionBy()), expected.origin());
    }
    for (Partition e : expected.partitions()) {
      String path = subject + "." + e.name();
      Optional<Partition> found = actual.partitions().stream().filter(a -> a.name().equals(e.name())).findFirst();
      if (found.isEmpty()) {
        add(FindingCode.PARTITION_MISSING, subject, path, e.bound(), null, "partition " + e.name() + " of " + subject
            + " does not exist" + nearest(e.name(), names(actual.partitions(), Partition::name)), e.origin());
      } else if (e.bound() != null
          && !SqlText.canonical(e.bound()).equals(SqlText.canonical(found.get().bound()))) {
        add(FindingCode.PARTITION_BOUND_MISMATCH, subject, path, e.bound(), found.get().bound(), "partition "
            + e.name() + " of " + subject + " holds " + found.get().bound() + ", contract expects " + e.bound(),
            e.origin());
      }
    }
    if (expected.strict()) {
      Set<String> listed = names(expected.partitions(), Partition::name);
      for (Partition a : actual.partitions()) {
        if (!listed.contains(a.name())) {
          add(FindingCode.PARTITION_UNEXPECTED, subject, subject + "." + a.name(), null, a.bound(), "partition "
              + a.name() + " (" + a.bound() + ") of " + subject + " exists but the strict table does not list it",
              expected.origin());
        }
      }
    }
  }

  private static String canonicalOrNull(String text) {
    return text == null ? null : SqlText.canonical(text);
  }

  private void rowLevelSecurity(String s, String subject, Table expected, Table actual, boolean strict) {
    RowLevelSecurity e = expected.rowLevelSecurity();
    RowLevelSecurity a = actual.rowLevelSecurity() == null ? RowLevelSecurity.disabled() : actual.rowLevelSecurity();
    if (e == null) {
      return;
    }
    if (e.enabled() != a.enabled() || e.forced() != a.forced()) {
      add(FindingCode.ROW_LEVEL_SECURITY_MISMATCH, subject, subject + ".row_level_security", rls(e), rls(a),
          "row-level security on " + subject + " is " + rls(a) + ", contract expects " + rls(e), e.origin());
    }
    for (Policy policy : e.policies()) {
      Optional<Policy> found = a.policy(policy.name());
      if (found.isEmpty()) {
        add(FindingCode.POLICY_MISSING, subject, subject + "." + policy.name(), policy.name(), null, "policy "
            + policy.name() + " does not exist on " + subject + nearest(policy.name(), Set.copyOf(a.policyNames())),
            policy.origin() != null ? policy.origin() : e.origin());
      } else {
        policy(s, subject, expected.name(), policy, found.get(), strict, e.origin());
      }
    }
    if (strict) {
      for (Policy policy : a.policies()) {
        if (e.policy(policy.name()).isEmpty()) {
          add(FindingCode.POLICY_UNEXPECTED, subject, subject + "." + policy.name(), null, policy.name(), "policy "
              + policy.name() + " exists on " + subject + " but the strict table does not list it", e.origin());
        }
      }
    }
  }

  /**
   * What a contract asserts of a policy: given attributes, and in a strict table (the policy then has its command)
   * the whole policy, a missing {@code USING}/{@code WITH CHECK} meaning none. Expressions compare as checks do.
   */
  private void policy(String s, String subject, String table, Policy e, Policy a, boolean strictTable,
      Origin tableOrigin) {
    String path = subject + "." + e.name();
    Origin origin = e.origin() != null ? e.origin() : tableOrigin;
    boolean whole = strictTable && e.command() != null;
    List<String> differences = new ArrayList<>();
    if (e.command() != null && !e.command().equals(a.command())) {
      differences.add("command " + a.command() + " instead of " + e.command());
    }
    if (e.permissive() != null && !e.permissive().equals(a.permissive())) {
      differences.add((Boolean.TRUE.equals(a.permissive()) ? "permissive" : "restrictive") + " instead of "
          + (e.permissive() ? "permissive" : "restrictive"));
    }
    if (e.roles() != null && !e.roles().equals(a.roles())) {
      differences.add("roles " + a.roles() + " instead of " + e.roles());
    }
    if ((e.using() != null || whole) && !sameExpression(Kind.CHECK, s, table, null, e.using(), a.using(),
        path + ".using", origin)) {
      differences.add("USING " + show(a.using()) + " instead of " + show(e.using()));
    }
    if ((e.withCheck() != null || whole) && !sameExpression(Kind.CHECK, s, table, null, e.withCheck(), a.withCheck(),
        path + ".with_check", origin)) {
      differences.add("WITH CHECK " + show(a.withCheck()) + " instead of " + show(e.withCheck()));
    }
    if (!differences.isEmpty()) {
      add(FindingCode.POLICY_MISMATCH, subject, path, describe(e), describe(a), "policy " + e.name() + " on "
          + subject + " has " + String.join(", ", differences), origin);
    }
  }

  private static String show(String expression) {
    return expression == null ? "(none)" : "(" + expression + ")";
  }

  private static String describe(Policy policy) {
    return "FOR " + (policy.command() == null ? "?" : policy.command().toUpperCase(java.util.Locale.ROOT))
        + (Boolean.FALSE.equals(policy.permissive()) ? " AS RESTRICTIVE" : "")
        + (policy.roles() == null ? "" : " TO " + String.join(", ", policy.roles()))
        + (policy.using() == null ? "" : " USING (" + policy.using() + ")")
        + (policy.withCheck() == null ? "" : " WITH CHECK (" + policy.withCheck() + ")");
  }

  private void softDelete(String subject, SoftDelete rule, Table actual) {
    String path = subject + "." + rule.column();
    Optional<Column> found = actual.column(rule.column());
    if (found.isEmpty()) {
      add(FindingCode.SOFT_DELETE_COLUMN_MISSING, subject, path, rule.column(), null, "soft-delete column "
          + path + " does not exist", rule.origin());
      return;
    }
    Column column = found.get();
    SoftDeleteKind kind = rule.kind() != null ? rule.kind()
        : "boolean".equals(column.type()) ? SoftDeleteKind.FLAG : SoftDeleteKind.TIMESTAMP;
    if (kind == SoftDeleteKind.TIMESTAMP) {
      boolean temporal = column.type().startsWith("timestamp") || column.type().equals("date");
      if (!temporal || !Boolean.TRUE.equals(column.nullable())) {
        add(FindingCode.SOFT_DELETE_COLUMN_INVALID, subject, path, "nullable timestamp",
            column.type() + " " + nullability(column.nullable()), "soft-delete column " + path + " is "
                + column.type() + " " + nullability(column.nullable())
                + ", a timestamp soft delete needs a nullable timestamp/timestamptz (NULL = live row)", rule.origin());
      }
    } else if (!"boolean".equals(column.type()) || !Boolean.FALSE.equals(column.nullable())) {
      add(FindingCode.SOFT_DELETE_COLUMN_INVALID, subject, path, "boolean NOT NULL",
          column.type() + " " + nullability(column.nullable()), "soft-delete column " + path + " is "
              + column.type() + " " + nullability(column.nullable())
              + ", a flag soft delete needs boolean NOT NULL (DEFAULT false)", rule.origin());
    }
    if (!rule.uniqueExcludesDeleted()) {
      return;
    }
    Pattern live = livePredicate(rule.column(), kind);
    for (Index index : actual.indexes()) {
      if (index.unique() && (index.where() == null || !live.matcher(SqlText.canonical(index.where())).find())) {
        add(FindingCode.SOFT_DELETE_UNIQUE_INCLUDES_DELETED, subject, subject + "." + index.name(),
            "WHERE " + liveCondition(rule.column(), kind), index.where() == null ? "no WHERE" : "WHERE " + index.where(),
            "unique index " + index.name() + " on " + subject + " also counts deleted rows, so a deleted row"
                + " blocks a new one with the same key; make it partial: WHERE " + liveCondition(rule.column(), kind),
            rule.origin());
      }
    }
    for (UniqueConstraint unique : actual.uniqueConstraints()) {
      add(FindingCode.SOFT_DELETE_UNIQUE_INCLUDES_DELETED, subject, subject + "." + unique.name(),
          "WHERE " + liveCondition(rule.column(), kind), "UNIQUE constraint", "unique constraint " + unique.name()
              + " " + unique.columns() + " on " + subject + " also counts deleted rows; replace it with a partial"
              + " unique index ... WHERE " + liveCondition(rule.column(), kind), rule.origin());
    }
  }

  private static Pattern livePredicate(String column, SoftDeleteKind kind) {
    String c = "(?:[a-z_][a-z0-9_]*\\.)?\"?" + Pattern.quote(column.toLowerCase(java.util.Locale.ROOT)) + "\"?";
    if (kind == SoftDeleteKind.TIMESTAMP) {
      return Pattern.compile("(?<![a-z0-9_])" + c + " is null");
    }
    return Pattern.compile("not " + c + "(?![a-z0-9_])|(?<![a-z0-9_])" + c
        + " (?:= false|is false|is not true|<> true|!= true)");
  }

  private static String liveCondition(String column, SoftDeleteKind kind) {
    return kind == SoftDeleteKind.TIMESTAMP ? column + " IS NULL" : "NOT " + column;
  }

  // ---- expressions

  /**
   * Whether two expressions mean the same, as the normaliser sees it. A contract expression the
   * database cannot parse is reported once as {@link FindingCode#EXPRESSION_INVALID} and compared
   * textually.
   */
  private boolean sameExpression(Kind kind, String schema, String table, String type, String expected,
      String actual, String path, Origin origin) {
    if (expected == null || actual == null) {
      return expected == null && actual == null;
    }
    if (expected.equals(actual)) {
      return true;
    }
    String e = normalize(kind, schema, table, type, expected, path, origin);
    String a = normalize(kind, schema, table, type, actual, path, null);
    return SqlText.canonical(e).equals(SqlText.canonical(a));
  }

  private String normalize(Kind kind, String schema, String table, String type, String expression,
      String path, Origin origin) {
    String key = kind + "\u0000" + schema + "\u0000" + table + "\u0000" + type + "\u0000" + expression;
    String cached = normalized.get(key);
    if (cached != null) {
      return cached;
    }
    String result;
    try {
      result = normalizer.normalize(kind, schema, table, type, expression);
    } catch (InvalidExpressionException e) {
      if (origin != null) {
        String subject = schema + "." + table;
        add(FindingCode.EXPRESSION_INVALID, subject, path, expression, null, "PostgreSQL cannot parse the "
            + "contract's expression '" + expression + "': " + e.getMessage() + ". Write it as valid SQL over the"
            + " table's columns", origin);
      }
      result = expression;
    }
    normalized.put(key, result);
    return result;
  }

  // ---- text

  private void add(FindingCode code, String subject, String path, String expected, String actual,
      String message, Origin origin) {
    findings.add(new Finding(code, code.severity(), subject, path, expected, actual, message, origin));
  }

  private static <T> Set<String> names(List<T> items, Function<T, String> name) {
    return items.stream().map(name).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String nearest(String name, Set<String> candidates) {
    return candidates.stream()
        .filter(c -> c.equalsIgnoreCase(name) || Names.distance(c, name) <= Math.max(1, name.length() / 4))
        .findFirst().map(c -> " (the database has " + c + ")").orElse("");
  }

  private static String quote(String text) {
    return text == null ? "none" : "'" + text + "'";
  }

  private static String nullability(Boolean nullable) {
    return nullable == null ? "unknown" : nullable ? "NULL" : "NOT NULL";
  }

  private static String identity(Column column) {
    return column.identity() == null ? "not an identity column"
        : "identity " + column.identity().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static String deferrability(Boolean deferrable, Boolean initiallyDeferred) {
    if (!Boolean.TRUE.equals(deferrable)) {
      return "NOT DEFERRABLE";
    }
    return Boolean.TRUE.equals(initiallyDeferred) ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE";
  }

  private static String rls(RowLevelSecurity rls) {
    return (rls.enabled() ? "enabled" : "disabled") + (rls.forced() ? " and forced" : "");
  }

  static String describe(Column c) {
    StringBuilder b = new StringBuilder(c.type() == null ? "any type" : c.type());
    if (Boolean.FALSE.equals(c.nullable())) {
      b.append(" NOT NULL");
    }
    if (c.defaultValue() != null) {
      b.append(" DEFAULT ").append(c.defaultValue());
    }
    return b.toString();
  }

  static String describe(PrimaryKey pk) {
    return (pk.name() == null ? "" : pk.name() + " ") + pk.columns();
  }

  static String describe(ForeignKey fk) {
    return fk.columns() + " -> " + fk.referenceText();
  }

  static String describe(Index index) {
    return (index.unique() ? "UNIQUE " : "") + (index.name() == null ? "" : index.name() + " ")
        + (index.method().equals("btree") ? "" : "USING " + index.method() + " ") + index.elements()
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  static String describe(Trigger t) {
    return t.timing().name().replace('_', ' ') + " "
        + t.events().stream().map(TriggerEvent::name).collect(Collectors.joining(" OR "))
        + " FOR EACH " + t.level().name() + " EXECUTE FUNCTION " + t.function();
  }
}
