package dev.schemakit.diff;

import dev.schemakit.diff.ExpressionNormalizer.Kind;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Domain;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.Index;
import dev.schemakit.model.Origin;
import dev.schemakit.model.Policy;
import dev.schemakit.model.Routine;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
  private final TableDiff tables = new TableDiff(this);

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
            "table " + subject + " does not exist" + DiffText.nearest(table.name(), DiffText.names(actual.tables(), Table::name)),
            table.origin());
      } else {
        tables.table(s, table, found.get());
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
      // a reader that does not read start and cache (SchemaCrawler's) says nothing about them, which is no drift
      if (a.start() != null) {
        sequenceAttribute(subject, "start", sequence.start(), a.start(), sequence.origin());
      }
      if (a.cache() != null) {
        sequenceAttribute(subject, "cache", sequence.cache(), a.cache(), sequence.origin());
      }
      sequenceAttribute(subject, "owned_by", sequence.ownedBy(), a.ownedBy(), sequence.origin());
    }
    routines(s, expected, actual);
    domains(s, expected, actual);
    if (expected.strict()) {
      Set<String> listedTables = DiffText.names(expected.tables(), Table::name);
      for (Table table : actual.tables()) {
        if (!listedTables.contains(table.name())) {
          String subject = s + "." + table.name();
          subjects.add(subject);
          add(FindingCode.TABLE_UNEXPECTED, subject, subject, null, table.name(), "table " + subject
              + " exists but the strict schema " + s + " does not list it", expected.origin());
        }
      }
      Set<String> listedViews = DiffText.names(expected.views(), View::name);
      for (View view : actual.views()) {
        if (!listedViews.contains(view.name())) {
          String subject = s + "." + view.name();
          subjects.add(subject);
          add(FindingCode.VIEW_UNEXPECTED, subject, subject, null, view.name(), "view " + subject
              + " exists but the strict schema " + s + " does not list it", expected.origin());
        }
      }
      Set<String> listedEnums = DiffText.names(expected.enums(), EnumType::name);
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
            + " does not exist" + DiffText.nearest(e.signature(), DiffText.names(actual.routines(), Routine::signature)), e.origin());
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
      Set<String> listed = DiffText.names(expected.routines(), Routine::signature);
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
            + DiffText.nearest(e.name(), DiffText.names(actual.domains(), Domain::name)), e.origin());
        continue;
      }
      Domain a = found.get();
      List<String> differences = new ArrayList<>();
      if (e.type() != null && !SqlTypes.canonical(e.type()).equals(SqlTypes.canonical(a.type()))) {
        differences.add("type " + a.type() + " instead of " + e.type());
      }
      compare(differences, "nullable", e.nullable(), a.nullable());
      if (e.defaultValue() != null && !Objects.equals(DiffText.canonicalOrNull(e.defaultValue()),
          DiffText.canonicalOrNull(a.defaultValue()))) {
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
      Set<String> listed = DiffText.names(expected.domains(), Domain::name);
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
      add(FindingCode.VIEW_MISMATCH, subject, subject, DiffText.kindOf(expected), DiffText.kindOf(actual),
          subject + " is a " + DiffText.kindOf(actual) + ", contract expects a " + DiffText.kindOf(expected), expected.origin());
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

  boolean sameElements(String s, String table, List<String> expected, List<String> actual,
      String path, Origin origin) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      String e = expected.get(i);
      String a = actual.get(i);
      boolean same = dev.schemakit.model.Names.unquote(e).equals(dev.schemakit.model.Names.unquote(a))
          || Index.isColumnName(e) && Index.isColumnName(a)
          ? SqlText.name(e).equals(SqlText.name(a))
          : sameExpression(Kind.PREDICATE, s, table, null, e, a, path + " expression", origin);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * What a contract asserts of a policy: given attributes, and in a strict table (the policy then has its command)
   * the whole policy, a missing {@code USING}/{@code WITH CHECK} meaning none. Expressions compare as checks do.
   */
  void policy(String s, String subject, String table, Policy e, Policy a, boolean strictTable,
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
      differences.add("USING " + DiffText.show(a.using()) + " instead of " + DiffText.show(e.using()));
    }
    if ((e.withCheck() != null || whole) && !sameExpression(Kind.CHECK, s, table, null, e.withCheck(), a.withCheck(),
        path + ".with_check", origin)) {
      differences.add("WITH CHECK " + DiffText.show(a.withCheck()) + " instead of " + DiffText.show(e.withCheck()));
    }
    if (!differences.isEmpty()) {
      add(FindingCode.POLICY_MISMATCH, subject, path, DiffText.describe(e), DiffText.describe(a), "policy " + e.name() + " on "
          + subject + " has " + String.join(", ", differences), origin);
    }
  }

  // ---- expressions

  /**
   * Whether two expressions mean the same, as the normaliser sees it. A contract expression the
   * database cannot parse is reported once as {@link FindingCode#EXPRESSION_INVALID} and compared
   * textually.
   */
  boolean sameExpression(Kind kind, String schema, String table, String type, String expected,
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

  String normalize(Kind kind, String schema, String table, String type, String expression,
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

  void add(FindingCode code, String subject, String path, String expected, String actual,
      String message, Origin origin) {
    findings.add(new Finding(code, code.severity(), subject, path, expected, actual, message, origin));
  }

}
