package dev.schemakit.diff;

import dev.schemakit.diff.ExpressionNormalizer.Kind;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Exclusion;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.SoftDelete;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The table part of {@link SchemaDiff}: columns, keys, indexes, unique constraints, checks, triggers, exclusions,
 * partitioning, row-level security and soft delete of one table, its findings added to the diff it belongs to.
 */
final class TableDiff {

  private final SchemaDiff diff;

  TableDiff(SchemaDiff diff) {
    this.diff = diff;
  }

  void table(String s, Table expected, Table actual) {
    String subject = s + "." + expected.name();
    boolean strict = expected.strict();
    if (expected.comment() != null && !expected.comment().equals(actual.comment())) {
      diff.add(FindingCode.TABLE_COMMENT_MISMATCH, subject, subject, expected.comment(), actual.comment(),
          "table " + subject + " has comment " + DiffText.quote(actual.comment()) + ", contract expects "
              + DiffText.quote(expected.comment()), expected.origin());
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

  void columns(String s, String subject, Table expected, Table actual) {
    boolean strict = expected.strict();
    Set<String> actualNames = DiffText.names(actual.columns(), Column::name);
    for (Column column : expected.columns()) {
      String path = subject + "." + column.name();
      Optional<Column> found = actual.column(column.name());
      if (found.isEmpty()) {
        diff.add(FindingCode.COLUMN_MISSING, subject, path, DiffText.describe(column), null, "column " + path
            + " does not exist" + DiffText.nearest(column.name(), actualNames), column.origin());
        continue;
      }
      Column a = found.get();
      if (column.type() != null && !SqlTypes.canonical(column.type()).equals(SqlTypes.canonical(a.type()))) {
        diff.add(FindingCode.COLUMN_TYPE_MISMATCH, subject, path, column.type(), a.type(), "column " + path
            + " has type " + a.type() + ", contract expects " + column.type(), column.origin());
      }
      if (column.nullable() != null && !column.nullable().equals(a.nullable())) {
        diff.add(FindingCode.COLUMN_NULLABILITY_MISMATCH, subject, path, DiffText.nullability(column.nullable()),
            DiffText.nullability(a.nullable()), "column " + path + " is " + DiffText.nullability(a.nullable())
                + ", contract expects " + DiffText.nullability(column.nullable()), column.origin());
      }
      boolean expectsNoDefault = strict && column.defaultValue() == null;
      if (column.defaultValue() != null || (expectsNoDefault && a.defaultValue() != null && a.identity() == null)) {
        String type = a.type();
        if (!diff.sameExpression(Kind.DEFAULT, s, expected.name(), type, column.defaultValue(), a.defaultValue(),
            path + " default", column.origin())) {
          diff.add(FindingCode.COLUMN_DEFAULT_MISMATCH, subject, path, column.defaultValue(), a.defaultValue(),
              "column " + path + (a.defaultValue() == null ? " has no default" : " defaults to " + a.defaultValue())
                  + ", contract expects " + (column.defaultValue() == null ? "no default" : column.defaultValue()),
              column.origin());
        }
      }
      if (column.identity() != null ? !column.identity().accepts(a.identity()) : strict && a.identity() != null) {
        diff.add(FindingCode.COLUMN_IDENTITY_MISMATCH, subject, path, DiffText.identity(column), DiffText.identity(a),
            "column " + path + " is " + DiffText.identity(a) + ", contract expects " + DiffText.identity(column), column.origin());
      }
      if (column.generated() != null || (strict && a.generated() != null)) {
        if (!diff.sameExpression(Kind.GENERATED, s, expected.name(), a.type(), column.generated(), a.generated(),
            path + " generated", column.origin())) {
          diff.add(FindingCode.COLUMN_GENERATED_MISMATCH, subject, path, column.generated(), a.generated(),
              "column " + path + (a.generated() == null ? " is not generated" : " is generated as " + a.generated())
                  + ", contract expects " + (column.generated() == null ? "a plain column" : column.generated()),
              column.origin());
        }
      }
      if (column.comment() != null && !column.comment().equals(a.comment())) {
        diff.add(FindingCode.COLUMN_COMMENT_MISMATCH, subject, path, column.comment(), a.comment(), "column " + path
            + " has comment " + DiffText.quote(a.comment()) + ", contract expects " + DiffText.quote(column.comment()), column.origin());
      }
    }
    if (strict) {
      Set<String> listed = DiffText.names(expected.columns(), Column::name);
      for (Column a : actual.columns()) {
        if (!listed.contains(a.name())) {
          diff.add(FindingCode.COLUMN_UNEXPECTED, subject, subject + "." + a.name(), null, DiffText.describe(a),
              "column " + subject + "." + a.name() + " (" + DiffText.describe(a) + ") exists but the strict table does not list it",
              expected.origin());
        }
      }
    }
  }

  void primaryKey(String subject, Table expected, Table actual) {
    PrimaryKey e = expected.primaryKey();
    PrimaryKey a = actual.primaryKey();
    if (e == null) {
      if (expected.strict() && a != null) {
        diff.add(FindingCode.PRIMARY_KEY_UNEXPECTED, subject, subject + ".primary_key", null, a.columns().toString(),
            "table " + subject + " has primary key " + a.columns() + " but the strict table lists none",
            expected.origin());
      }
      return;
    }
    if (a == null) {
      diff.add(FindingCode.PRIMARY_KEY_MISSING, subject, subject + ".primary_key", e.columns().toString(), null,
          "table " + subject + " has no primary key, contract expects " + e.columns(), e.origin());
    } else if (!e.columns().equals(a.columns()) || (e.name() != null && !e.name().equals(a.name()))) {
      diff.add(FindingCode.PRIMARY_KEY_MISMATCH, subject, subject + ".primary_key", DiffText.describe(e), DiffText.describe(a),
          "table " + subject + " has primary key " + DiffText.describe(a) + ", contract expects " + DiffText.describe(e), e.origin());
    }
  }

  void foreignKeys(String subject, Table expected, Table actual) {
    List<ForeignKey> unmatched = new ArrayList<>(actual.foreignKeys());
    for (ForeignKey e : expected.foreignKeys()) {
      Optional<ForeignKey> found = e.name() != null
          ? unmatched.stream().filter(a -> a.name().equals(e.name())).findFirst()
          : unmatched.stream().filter(a -> a.columns().equals(e.columns())).findFirst();
      String path = subject + "." + (e.name() != null ? e.name() : "fk" + e.columns());
      if (found.isEmpty()) {
        diff.add(FindingCode.FOREIGN_KEY_MISSING, subject, path, DiffText.describe(e), null, "foreign key "
            + DiffText.describe(e) + " does not exist on " + subject, e.origin());
        continue;
      }
      ForeignKey a = found.get();
      unmatched.remove(a);
      if (!a.columns().equals(e.columns()) || !a.referencedTable().equals(e.referencedTable())
          || !a.referencedSchema().equals(e.referencedSchema())
          || (!e.referencedColumns().isEmpty() && !a.referencedColumns().equals(e.referencedColumns()))) {
        diff.add(FindingCode.FOREIGN_KEY_MISMATCH, subject, path, DiffText.describe(e), DiffText.describe(a), "foreign key on "
            + subject + " is " + DiffText.describe(a) + ", contract expects " + DiffText.describe(e), e.origin());
      }
      if (e.onDelete() != null && e.onDelete() != a.onDelete()) {
        diff.add(FindingCode.FOREIGN_KEY_ACTION_MISMATCH, subject, path + ".on_delete", e.onDelete().sql(),
            a.onDelete().sql(), "foreign key " + DiffText.describe(a) + " has ON DELETE " + a.onDelete().sql()
                + ", contract expects ON DELETE " + e.onDelete().sql(), e.origin());
      }
      if (e.onUpdate() != null && e.onUpdate() != a.onUpdate()) {
        diff.add(FindingCode.FOREIGN_KEY_ACTION_MISMATCH, subject, path + ".on_update", e.onUpdate().sql(),
            a.onUpdate().sql(), "foreign key " + DiffText.describe(a) + " has ON UPDATE " + a.onUpdate().sql()
                + ", contract expects ON UPDATE " + e.onUpdate().sql(), e.origin());
      }
      if ((e.deferrable() != null && !e.deferrable().equals(a.deferrable()))
          || (e.initiallyDeferred() != null && !e.initiallyDeferred().equals(a.initiallyDeferred()))) {
        diff.add(FindingCode.FOREIGN_KEY_DEFERRABILITY_MISMATCH, subject, path + ".deferrable",
            DiffText.deferrability(e.deferrable(), e.initiallyDeferred()), DiffText.deferrability(a.deferrable(), a.initiallyDeferred()),
            "foreign key " + DiffText.describe(a) + " is " + DiffText.deferrability(a.deferrable(), a.initiallyDeferred())
                + ", contract expects " + DiffText.deferrability(e.deferrable(), e.initiallyDeferred()), e.origin());
      }
    }
    if (expected.strict()) {
      for (ForeignKey a : unmatched) {
        diff.add(FindingCode.FOREIGN_KEY_UNEXPECTED, subject, subject + "." + a.name(), null, DiffText.describe(a),
            "foreign key " + a.name() + " " + DiffText.describe(a) + " exists but the strict table does not list it",
            expected.origin());
      }
    }
  }

  void indexes(String s, String subject, Table expected, Table actual, Set<Object> usedUniqueConstraints) {
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
        diff.add(FindingCode.INDEX_MISSING, subject, path, DiffText.describe(e), null, "index " + DiffText.describe(e)
            + " does not exist on " + subject, e.origin());
        continue;
      }
      Index a = found.get();
      unmatched.remove(a);
      List<String> differences = new ArrayList<>();
      if (!diff.sameElements(s, expected.name(), e.elements(), a.elements(), path, e.origin())) {
        differences.add("columns " + a.elements() + " instead of " + e.elements());
      }
      if (e.unique() != a.unique()) {
        differences.add(a.unique() ? "is unique" : "is not unique");
      }
      if (!diff.sameExpression(Kind.PREDICATE, s, expected.name(), null, e.where(), a.where(), path + " where", e.origin())) {
        differences.add(a.where() == null ? "is not partial" : "has predicate " + a.where()
            + (e.where() == null ? " instead of none" : " instead of " + e.where()));
      }
      if (!e.method().equals(a.method())) {
        differences.add("uses " + a.method() + " instead of " + e.method());
      }
      if (!differences.isEmpty()) {
        diff.add(FindingCode.INDEX_MISMATCH, subject, path, DiffText.describe(e), DiffText.describe(a), "index " + a.name()
            + " on " + subject + " " + String.join(", ", differences), e.origin());
      }
    }
    if (expected.strict()) {
      for (Index a : unmatched) {
        diff.add(FindingCode.INDEX_UNEXPECTED, subject, subject + "." + a.name(), null, DiffText.describe(a),
            "index " + DiffText.describe(a) + " exists but the strict table does not list it",
            expected.origin());
      }
    }
  }

  boolean sameIndexShape(String s, String table, Index e, Index a, String path) {
    return e.unique() == a.unique() && e.method().equals(a.method())
        && diff.sameElements(s, table, e.elements(), a.elements(), path, e.origin())
        && diff.sameExpression(Kind.PREDICATE, s, table, null, e.where(), a.where(), path + " where", e.origin());
  }

  void uniqueConstraints(String subject, Table expected, Table actual, Set<Object> usedByIndexes) {
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
      diff.add(FindingCode.UNIQUE_CONSTRAINT_MISSING, subject, path, "UNIQUE " + e.columns(),
          found.map(u -> "UNIQUE " + u.columns()).orElse(null), "unique constraint "
              + (e.name() == null ? "" : e.name() + " ") + "on " + subject + " " + e.columns()
              + (found.isPresent() ? " covers " + found.get().columns() + " instead" : " does not exist"), e.origin());
      found.ifPresent(unmatched::remove);
    }
    if (expected.strict()) {
      for (UniqueConstraint a : unmatched) {
        diff.add(FindingCode.UNIQUE_CONSTRAINT_UNEXPECTED, subject, subject + "." + a.name(), null,
            "UNIQUE " + a.columns(), "unique constraint " + a.name() + " " + a.columns()
                + " exists but the strict table does not list it", expected.origin());
      }
    }
  }

  void checks(String s, String subject, Table expected, Table actual) {
    List<Check> unmatched = new ArrayList<>(actual.checks());
    for (Check e : expected.checks()) {
      String path = subject + "." + (e.name() != null ? e.name() : "check(" + e.expression() + ")");
      if (e.name() != null) {
        Optional<Check> found = unmatched.stream().filter(a -> a.name().equals(e.name())).findFirst();
        if (found.isPresent()) {
          unmatched.remove(found.get());
          if (!diff.sameExpression(Kind.CHECK, s, expected.name(), null, e.expression(), found.get().expression(),
              path, e.origin())) {
            diff.add(FindingCode.CHECK_MISMATCH, subject, path, e.expression(), found.get().expression(),
                "check " + e.name() + " on " + subject + " is " + found.get().expression()
                    + ", contract expects " + e.expression(), e.origin());
          }
          continue;
        }
      } else {
        diff.normalize(Kind.CHECK, s, expected.name(), null, e.expression(), path, e.origin()); // reports if unparsable
        Optional<Check> found = unmatched.stream()
            .filter(a -> diff.sameExpression(Kind.CHECK, s, expected.name(), null, e.expression(), a.expression(), path, e.origin()))
            .findFirst();
        if (found.isPresent()) {
          unmatched.remove(found.get());
          continue;
        }
      }
      diff.add(FindingCode.CHECK_MISSING, subject, path, e.expression(), null, "check "
          + (e.name() == null ? "" : e.name() + " ") + "(" + e.expression() + ") does not exist on " + subject,
          e.origin());
    }
    if (expected.strict()) {
      for (Check a : unmatched) {
        diff.add(FindingCode.CHECK_UNEXPECTED, subject, subject + "." + a.name(), null, a.expression(),
            "check " + a.name() + " (" + a.expression() + ") exists but the strict table does not list it",
            expected.origin());
      }
    }
  }

  void triggers(String subject, Table expected, Table actual) {
    Set<String> listed = DiffText.names(expected.triggers(), Trigger::name);
    for (Trigger e : expected.triggers()) {
      String path = subject + "." + e.name();
      Optional<Trigger> found = actual.triggers().stream().filter(a -> a.name().equals(e.name())).findFirst();
      if (found.isEmpty()) {
        diff.add(FindingCode.TRIGGER_MISSING, subject, path, DiffText.describe(e), null, "trigger " + e.name()
            + " does not exist on " + subject, e.origin());
        continue;
      }
      Trigger a = found.get();
      boolean sameFunction = SqlText.canonical(e.function()).equals(SqlText.canonical(a.function()));
      if (e.timing() != a.timing() || !e.events().equals(a.events()) || e.level() != a.level() || !sameFunction) {
        diff.add(FindingCode.TRIGGER_MISMATCH, subject, path, DiffText.describe(e), DiffText.describe(a), "trigger " + e.name()
            + " on " + subject + " is " + DiffText.describe(a) + ", contract expects " + DiffText.describe(e), e.origin());
      }
    }
    if (expected.strict()) {
      for (Trigger a : actual.triggers()) {
        if (!listed.contains(a.name())) {
          diff.add(FindingCode.TRIGGER_UNEXPECTED, subject, subject + "." + a.name(), null, DiffText.describe(a),
              "trigger " + a.name() + " (" + DiffText.describe(a) + ") exists but the strict table does not list it",
              expected.origin());
        }
      }
    }
  }

  void exclusions(String subject, Table expected, Table actual) {
    Set<Exclusion> matched = new java.util.HashSet<>();
    for (Exclusion e : expected.exclusions()) {
      Optional<Exclusion> byName = e.name() == null ? Optional.empty()
          : actual.exclusions().stream().filter(a -> a.name().equals(e.name())).findFirst();
      Optional<Exclusion> found = byName.isPresent() ? byName : actual.exclusions().stream()
          .filter(a -> SqlText.canonical(a.definition()).equals(SqlText.canonical(e.definition()))).findFirst();
      String path = subject + "." + (e.name() != null ? e.name() : "exclusion(" + e.definition() + ")");
      if (found.isEmpty()) {
        diff.add(FindingCode.EXCLUSION_MISSING, subject, path, e.definition(), null, "exclusion constraint "
            + (e.name() == null ? "" : e.name() + " ") + e.definition() + " does not exist on " + subject, e.origin());
        continue;
      }
      matched.add(found.get());
      if (!SqlText.canonical(found.get().definition()).equals(SqlText.canonical(e.definition()))) {
        diff.add(FindingCode.EXCLUSION_MISMATCH, subject, path, e.definition(), found.get().definition(),
            "exclusion constraint " + e.name() + " on " + subject + " is " + found.get().definition()
                + ", contract expects " + e.definition(), e.origin());
      }
    }
    if (expected.strict()) {
      for (Exclusion a : actual.exclusions()) {
        if (!matched.contains(a)) {
          diff.add(FindingCode.EXCLUSION_UNEXPECTED, subject, subject + "." + a.name(), null, a.definition(),
              "exclusion constraint " + a.name() + " " + a.definition() + " exists on " + subject
                  + " but the strict table does not list it", expected.origin());
        }
      }
    }
  }

  /** The partition key, and each partition listed with its bound; a strict table lists every partition. */
  void partitioning(String subject, Table expected, Table actual) {
    if ((expected.partitionBy() != null || expected.strict())
        && !Objects.equals(DiffText.canonicalOrNull(expected.partitionBy()), DiffText.canonicalOrNull(actual.partitionBy()))) {
      diff.add(FindingCode.PARTITION_KEY_MISMATCH, subject, subject + ".partition_by", expected.partitionBy(),
          actual.partitionBy(), subject + (actual.partitionBy() == null ? " is not partitioned"
              : " is partitioned by " + actual.partitionBy()) + ", contract expects " + (expected.partitionBy() == null
              ? "no partitioning" : "PARTITION BY " + expected.partitionBy()), expected.origin());
    }
    for (Partition e : expected.partitions()) {
      String path = subject + "." + e.name();
      Optional<Partition> found = actual.partitions().stream().filter(a -> a.name().equals(e.name())).findFirst();
      if (found.isEmpty()) {
        diff.add(FindingCode.PARTITION_MISSING, subject, path, e.bound(), null, "partition " + e.name() + " of " + subject
            + " does not exist" + DiffText.nearest(e.name(), DiffText.names(actual.partitions(), Partition::name)), e.origin());
      } else if (e.bound() != null
          && !SqlText.canonical(e.bound()).equals(SqlText.canonical(found.get().bound()))) {
        diff.add(FindingCode.PARTITION_BOUND_MISMATCH, subject, path, e.bound(), found.get().bound(), "partition "
            + e.name() + " of " + subject + " holds " + found.get().bound() + ", contract expects " + e.bound(),
            e.origin());
      }
    }
    if (expected.strict()) {
      Set<String> listed = DiffText.names(expected.partitions(), Partition::name);
      for (Partition a : actual.partitions()) {
        if (!listed.contains(a.name())) {
          diff.add(FindingCode.PARTITION_UNEXPECTED, subject, subject + "." + a.name(), null, a.bound(), "partition "
              + a.name() + " (" + a.bound() + ") of " + subject + " exists but the strict table does not list it",
              expected.origin());
        }
      }
    }
  }

  void rowLevelSecurity(String s, String subject, Table expected, Table actual, boolean strict) {
    RowLevelSecurity e = expected.rowLevelSecurity();
    RowLevelSecurity a = actual.rowLevelSecurity() == null ? RowLevelSecurity.disabled() : actual.rowLevelSecurity();
    if (e == null) {
      return;
    }
    if (e.enabled() != a.enabled() || e.forced() != a.forced()) {
      diff.add(FindingCode.ROW_LEVEL_SECURITY_MISMATCH, subject, subject + ".row_level_security", DiffText.rls(e), DiffText.rls(a),
          "row-level security on " + subject + " is " + DiffText.rls(a) + ", contract expects " + DiffText.rls(e), e.origin());
    }
    for (Policy policy : e.policies()) {
      Optional<Policy> found = a.policy(policy.name());
      if (found.isEmpty()) {
        diff.add(FindingCode.POLICY_MISSING, subject, subject + "." + policy.name(), policy.name(), null, "policy "
            + policy.name() + " does not exist on " + subject + DiffText.nearest(policy.name(), Set.copyOf(a.policyNames())),
            policy.origin() != null ? policy.origin() : e.origin());
      } else {
        diff.policy(s, subject, expected.name(), policy, found.get(), strict, e.origin());
      }
    }
    if (strict) {
      for (Policy policy : a.policies()) {
        if (e.policy(policy.name()).isEmpty()) {
          diff.add(FindingCode.POLICY_UNEXPECTED, subject, subject + "." + policy.name(), null, policy.name(), "policy "
              + policy.name() + " exists on " + subject + " but the strict table does not list it", e.origin());
        }
      }
    }
  }

  void softDelete(String subject, SoftDelete rule, Table actual) {
    String path = subject + "." + rule.column();
    Optional<Column> found = actual.column(rule.column());
    if (found.isEmpty()) {
      diff.add(FindingCode.SOFT_DELETE_COLUMN_MISSING, subject, path, rule.column(), null, "soft-delete column "
          + path + " does not exist", rule.origin());
      return;
    }
    Column column = found.get();
    SoftDeleteKind kind = rule.kind() != null ? rule.kind()
        : "boolean".equals(column.type()) ? SoftDeleteKind.FLAG : SoftDeleteKind.TIMESTAMP;
    if (kind == SoftDeleteKind.TIMESTAMP) {
      boolean temporal = column.type().startsWith("timestamp") || column.type().equals("date");
      if (!temporal || !Boolean.TRUE.equals(column.nullable())) {
        diff.add(FindingCode.SOFT_DELETE_COLUMN_INVALID, subject, path, "nullable timestamp",
            column.type() + " " + DiffText.nullability(column.nullable()), "soft-delete column " + path + " is "
                + column.type() + " " + DiffText.nullability(column.nullable())
                + ", a timestamp soft delete needs a nullable timestamp/timestamptz (NULL = live row)", rule.origin());
      }
    } else if (!"boolean".equals(column.type()) || !Boolean.FALSE.equals(column.nullable())) {
      diff.add(FindingCode.SOFT_DELETE_COLUMN_INVALID, subject, path, "boolean NOT NULL",
          column.type() + " " + DiffText.nullability(column.nullable()), "soft-delete column " + path + " is "
              + column.type() + " " + DiffText.nullability(column.nullable())
              + ", a flag soft delete needs boolean NOT NULL (DEFAULT false)", rule.origin());
    }
    if (!rule.uniqueExcludesDeleted()) {
      return;
    }
    Pattern live = DiffText.livePredicate(rule.column(), kind);
    for (Index index : actual.indexes()) {
      if (index.unique() && (index.where() == null || !live.matcher(SqlText.canonical(index.where())).find())) {
        diff.add(FindingCode.SOFT_DELETE_UNIQUE_INCLUDES_DELETED, subject, subject + "." + index.name(),
            "WHERE " + DiffText.liveCondition(rule.column(), kind), index.where() == null ? "no WHERE" : "WHERE " + index.where(),
            "unique index " + index.name() + " on " + subject + " also counts deleted rows, so a deleted row"
                + " blocks a new one with the same key; make it partial: WHERE " + DiffText.liveCondition(rule.column(), kind),
            rule.origin());
      }
    }
    for (UniqueConstraint unique : actual.uniqueConstraints()) {
      diff.add(FindingCode.SOFT_DELETE_UNIQUE_INCLUDES_DELETED, subject, subject + "." + unique.name(),
          "WHERE " + DiffText.liveCondition(rule.column(), kind), "UNIQUE constraint", "unique constraint " + unique.name()
              + " " + unique.columns() + " on " + subject + " also counts deleted rows; replace it with a partial"
              + " unique index ... WHERE " + DiffText.liveCondition(rule.column(), kind), rule.origin());
    }
  }
}
