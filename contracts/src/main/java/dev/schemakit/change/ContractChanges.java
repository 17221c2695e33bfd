package dev.schemakit.change;

import dev.schemakit.change.Change.Category;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Domain;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.Routine;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Classifies the changes between two contracts, typically the base branch's and a pull request's:
 * additive, changed or destructive, and whether each breaks an application version that still runs
 * against the old schema during a rolling deploy.
 *
 * <pre>{@code
 * List<Change> changes = ContractChanges.between(ContractReader.readDirectory(base), ContractReader.readDirectory(head));
 * String comment = ChangeReports.markdown(changes, ChangeReports.GITHUB_COMMENT_LIMIT);
 * }</pre>
 *
 * <p>Breaking: a table, column or enum label dropped or renamed; a type narrowed or changed (widening
 * such as {@code varchar(50)} to {@code varchar(100)} or {@code text}, {@code integer} to {@code bigint} is
 * not); {@code NOT NULL} added without a default (also a new NOT NULL column without a default); a
 * foreign key's target or actions changed; a unique index or constraint, a check or a primary key added or
 * changed; row-level security or soft delete switched. Attributes a partial contract does not assert are
 * not compared.
 */
public final class ContractChanges {


  private final List<Change> changes = new ArrayList<>();

  private ContractChanges() {}

  /**
   * The changes from {@code base} to {@code head}, schema by schema, table by table, in name order.
   *
   * @param base the contract before (e.g. the target branch's)
   * @param head the contract after (e.g. the pull request's)
   */
  public static List<Change> between(Catalog base, Catalog head) {
    ContractChanges diff = new ContractChanges();
    diff.catalog(base, head);
    return List.copyOf(diff.changes);
  }

  private void catalog(Catalog base, Catalog head) {
    pairs(base.extensions(), head.extensions(), Extension::name,
        added -> add(Category.ADDITIVE, false, "extensions", "extension " + added.name(),
            "extension " + added.name() + " added"),
        dropped -> add(Category.DESTRUCTIVE, false, "extensions", "extension " + dropped.name(),
            "extension " + dropped.name() + " dropped"),
        (before, after) -> {
          if (after.version() != null && before.version() != null && !after.version().equals(before.version())) {
            add(Category.CHANGED, false, "extensions", "extension " + after.name(), "extension " + after.name()
                + " version " + before.version() + " -> " + after.version());
          }
        });
    pairs(base.schemas(), head.schemas(), Schema::name,
        added -> schema(new Schema(added.name(), List.of(), List.of(), List.of(), List.of(), false, null), added),
        dropped -> schema(dropped, new Schema(dropped.name(), List.of(), List.of(), List.of(), List.of(), false,
            null)),
        this::schema);
  }

  private void schema(Schema base, Schema head) {
    String s = head.name();
    pairs(base.enums(), head.enums(), EnumType::name,
        added -> add(Category.ADDITIVE, false, s + "." + added.name(), s + "." + added.name(),
            "enum type " + s + "." + added.name() + " added " + added.labels()),
        dropped -> add(Category.DESTRUCTIVE, true, s + "." + dropped.name(), s + "." + dropped.name(),
            "enum type " + s + "." + dropped.name() + " dropped: columns of the running version use it"),
        (before, after) -> enumLabels(s + "." + after.name(), before.labels(), after.labels()));
    pairs(base.sequences(), head.sequences(), Sequence::name,
        added -> add(Category.ADDITIVE, false, s + "." + added.name(), s + "." + added.name(),
            "sequence " + s + "." + added.name() + " added"),
        dropped -> add(Category.DESTRUCTIVE, false, s + "." + dropped.name(), s + "." + dropped.name(),
            "sequence " + s + "." + dropped.name() + " dropped"),
        (before, after) -> {
          if (!Objects.equals(before.increment(), after.increment()) || !Objects.equals(before.minValue(),
              after.minValue()) || !Objects.equals(before.maxValue(), after.maxValue())
              || !Objects.equals(before.cycle(), after.cycle()) || !Objects.equals(before.start(), after.start())
              || !Objects.equals(before.cache(), after.cache()) || !Objects.equals(before.ownedBy(), after.ownedBy())) {
            add(Category.CHANGED, false, s + "." + after.name(), s + "." + after.name(),
                "sequence " + s + "." + after.name() + " options changed");
          }
        });
    pairs(base.routines(), head.routines(), Routine::signature,
        added -> add(Category.ADDITIVE, false, s + "." + added.signature(), s + "." + added.signature(),
            (added.kind() == null ? "function" : added.kind()) + " " + s + "." + added.signature() + " added"),
        dropped -> add(Category.DESTRUCTIVE, true, s + "." + dropped.signature(), s + "." + dropped.signature(),
            (dropped.kind() == null ? "function" : dropped.kind()) + " " + s + "." + dropped.signature()
                + " dropped: triggers, views and the running version may call it"),
        (before, after) -> {
          String subject = s + "." + after.signature();
          boolean resultChanged = before.returns() != null && after.returns() != null
              && !SqlTypes.canonical(before.returns()).equals(SqlTypes.canonical(after.returns()));
          if (resultChanged || !Objects.equals(before.securityDefiner(), after.securityDefiner())
              || !Objects.equals(before.volatility(), after.volatility())
              || !Objects.equals(before.language(), after.language())) {
            add(Category.CHANGED, resultChanged, subject, subject, "function " + subject + " changed"
                + (resultChanged ? ": returns " + before.returns() + " -> " + after.returns()
                    + ", callers of the running version read the old type" : ""));
          }
          String hashBefore = before.bodySha256() != null ? before.bodySha256() : Routine.bodyHash(before.body(), before.language());
          String hashAfter = after.bodySha256() != null ? after.bodySha256() : Routine.bodyHash(after.body(), after.language());
          if (hashBefore != null && hashAfter != null && !hashBefore.equals(hashAfter)) {
            add(Category.CHANGED, false, subject, subject + ".body", "function " + subject + " body changed: the"
                + " running version's writes go through the new code (triggers) at once");
          }
        });
    pairs(base.domains(), head.domains(), Domain::name,
        added -> add(Category.ADDITIVE, false, s + "." + added.name(), s + "." + added.name(),
            "domain " + s + "." + added.name() + " added"),
        dropped -> add(Category.DESTRUCTIVE, true, s + "." + dropped.name(), s + "." + dropped.name(),
            "domain " + s + "." + dropped.name() + " dropped: columns of the running version use it"),
        (before, after) -> {
          boolean tighter = !after.checks().stream().map(c -> normalize(c.expression())).toList()
              .equals(before.checks().stream().map(c -> normalize(c.expression())).toList())
              || (Boolean.FALSE.equals(after.nullable()) && !Boolean.FALSE.equals(before.nullable()));
          if (tighter || !Objects.equals(before.type(), after.type())
              || !Objects.equals(normalize(before.defaultValue()), normalize(after.defaultValue()))) {
            add(Category.CHANGED, tighter || !Objects.equals(before.type(), after.type()), s + "." + after.name(),
                s + "." + after.name(), "domain " + s + "." + after.name() + " changed" + (tighter
                    ? ": its checks or NOT NULL changed, writes of the running version may be rejected" : ""));
          }
        });
    pairs(base.views(), head.views(), View::name,
        added -> add(Category.ADDITIVE, false, s + "." + added.name(), s + "." + added.name(),
            "view " + s + "." + added.name() + " added"),
        dropped -> add(Category.DESTRUCTIVE, true, s + "." + dropped.name(), s + "." + dropped.name(),
            "view " + s + "." + dropped.name() + " dropped: the running version may query it"),
        (before, after) -> {
          if (!Objects.equals(before.columns(), after.columns()) || before.materialized() != after.materialized()
              || !Objects.equals(normalize(before.definition()), normalize(after.definition()))) {
            boolean lostColumns = !after.columns().containsAll(before.columns());
            add(Category.CHANGED, lostColumns, s + "." + after.name(), s + "." + after.name(),
                "view " + s + "." + after.name() + " changed" + (lostColumns
                    ? ": columns " + minus(before.columns(), after.columns()) + " are gone" : ""));
          }
        });
    pairs(base.tables(), head.tables(), Table::name,
        added -> add(Category.ADDITIVE, false, s + "." + added.name(), s + "." + added.name(),
            "table " + s + "." + added.name() + " added"),
        dropped -> add(Category.DESTRUCTIVE, true, s + "." + dropped.name(), s + "." + dropped.name(),
            "table " + s + "." + dropped.name() + " dropped: its rows are lost and the running version still uses it"),
        (before, after) -> table(s + "." + after.name(), before, after));
  }

  private void enumLabels(String subject, List<String> before, List<String> after) {
    if (before.equals(after)) {
      return;
    }
    boolean appended = after.size() > before.size() && after.subList(0, before.size()).equals(before);
    if (appended) {
      add(Category.ADDITIVE, false, subject, subject, "enum type " + subject + " gains labels "
          + after.subList(before.size(), after.size()));
    } else {
      List<String> removed = minus(before, after);
      add(removed.isEmpty() ? Category.CHANGED : Category.DESTRUCTIVE, true, subject, subject, "enum type " + subject
          + (removed.isEmpty() ? " labels reordered or inserted " + before + " -> " + after
              : " loses labels " + removed + ": rows and the running version may still use them"));
    }
  }

  private void table(String subject, Table before, Table after) {
    boolean strict = before.strict() && after.strict();
    columns(subject, before, after, strict);
    if (!Objects.equals(columnsOf(before.primaryKey()), columnsOf(after.primaryKey()))
        && (after.primaryKey() != null || strict)) {
      add(Category.CHANGED, true, subject, subject + ".primary_key", "primary key of " + subject + " "
          + describe(columnsOf(before.primaryKey())) + " -> " + describe(columnsOf(after.primaryKey()))
          + ": writes of the running version may be rejected");
    }
    pairs(before.foreignKeys(), after.foreignKeys(), fk -> String.join(",", fk.columns()),
        added -> add(Category.ADDITIVE, false, subject, path(subject, added.columns()), "foreign key "
            + subject + "(" + String.join(", ", added.columns()) + ") -> " + added.referenceText() + " added"),
        dropped -> add(Category.DESTRUCTIVE, false, subject, path(subject, dropped.columns()), "foreign key "
            + subject + "(" + String.join(", ", dropped.columns()) + ") -> " + dropped.referenceText() + " dropped"),
        (b, a) -> foreignKey(subject, b, a));
    pairs(before.indexes(), after.indexes(), ContractChanges::indexKey,
        added -> add(added.unique() ? Category.CHANGED : Category.ADDITIVE, added.unique(), subject,
            subject + "." + indexKey(added), (added.unique() ? "unique " : "") + "index " + describe(added)
                + " added" + (added.unique() ? ": writes of duplicates by the running version are now rejected" : "")),
        dropped -> add(Category.DESTRUCTIVE, false, subject, subject + "." + indexKey(dropped),
            (dropped.unique() ? "unique " : "") + "index " + describe(dropped) + " dropped"),
        (b, a) -> {
          if (!b.elements().equals(a.elements()) || b.unique() != a.unique()
              || !Objects.equals(normalize(b.where()), normalize(a.where())) || !b.method().equals(a.method())) {
            add(Category.CHANGED, a.unique(), subject, subject + "." + indexKey(a), "index " + describe(b) + " -> "
                + describe(a) + (a.unique() ? ": the unique rule changed, writes may be rejected" : ""));
          }
        });
    pairs(before.uniqueConstraints(), after.uniqueConstraints(), u -> u.name() != null ? u.name()
            : String.join(",", u.columns()),
        added -> add(Category.CHANGED, true, subject, path(subject, added.columns()), "unique constraint on "
            + subject + "(" + String.join(", ", added.columns()) + ") added: duplicates are now rejected"),
        dropped -> add(Category.DESTRUCTIVE, false, subject, path(subject, dropped.columns()), "unique constraint on "
            + subject + "(" + String.join(", ", dropped.columns()) + ") dropped"),
        (b, a) -> {
          if (!b.columns().equals(a.columns())) {
            add(Category.CHANGED, true, subject, path(subject, a.columns()), "unique constraint " + a.name() + " on "
                + b.columns() + " -> " + a.columns());
          }
        });
    pairs(before.checks(), after.checks(), c -> c.name() != null ? c.name() : normalize(c.expression()),
        added -> add(Category.CHANGED, true, subject, subject + "." + checkName(added), "check " + checkName(added)
            + " (" + added.expression() + ") added: writes of the running version may be rejected"),
        dropped -> add(Category.CHANGED, false, subject, subject + "." + checkName(dropped), "check "
            + checkName(dropped) + " dropped"),
        (b, a) -> {
          if (!normalize(b.expression()).equals(normalize(a.expression()))) {
            add(Category.CHANGED, true, subject, subject + "." + checkName(a), "check " + checkName(a) + " ("
                + b.expression() + ") -> (" + a.expression() + "): writes may be rejected");
          }
        });
    pairs(before.triggers(), after.triggers(), Trigger::name,
        added -> add(Category.CHANGED, false, subject, subject + "." + added.name(), "trigger " + added.name()
            + " added"),
        dropped -> add(Category.CHANGED, false, subject, subject + "." + dropped.name(), "trigger " + dropped.name()
            + " dropped"),
        (b, a) -> {
          if (b.timing() != a.timing() || !b.events().equals(a.events()) || b.level() != a.level()
              || !Objects.equals(b.function(), a.function())) {
            add(Category.CHANGED, false, subject, subject + "." + a.name(), "trigger " + a.name() + " changed");
          }
        });
    pairs(before.exclusions(), after.exclusions(), x -> x.name() != null ? x.name() : normalize(x.definition()),
        added -> add(Category.CHANGED, true, subject, subject + "." + added.name(), "exclusion constraint "
            + (added.name() == null ? "" : added.name() + " ") + added.definition() + " added: overlapping writes of"
            + " the running version are now rejected"),
        dropped -> add(Category.CHANGED, false, subject, subject + "." + dropped.name(), "exclusion constraint "
            + (dropped.name() == null ? "" : dropped.name() + " ") + "dropped"),
        (b, a) -> {
          if (!normalize(b.definition()).equals(normalize(a.definition()))) {
            add(Category.CHANGED, true, subject, subject + "." + a.name(), "exclusion constraint " + a.name() + " "
                + b.definition() + " -> " + a.definition() + ": writes may be rejected");
          }
        });
    if (!Objects.equals(normalize(before.partitionBy()), normalize(after.partitionBy()))
        && (strict || after.partitionBy() != null)) {
      add(Category.CHANGED, true, subject, subject + ".partition_by", "partitioning of " + subject + " "
          + (before.partitionBy() == null ? "none" : before.partitionBy()) + " -> "
          + (after.partitionBy() == null ? "none" : after.partitionBy()) + ": the table is rebuilt");
    }
    pairs(before.partitions(), after.partitions(), Partition::name,
        added -> add(Category.ADDITIVE, false, subject, subject + "." + added.name(), "partition " + added.name()
            + " of " + subject + " added" + (added.bound() == null ? "" : " (" + added.bound() + ")")),
        dropped -> add(Category.DESTRUCTIVE, true, subject, subject + "." + dropped.name(), "partition "
            + dropped.name() + " of " + subject + " dropped: its rows are lost"),
        (b, a) -> {
          if (b.bound() != null && a.bound() != null && !normalize(b.bound()).equals(normalize(a.bound()))) {
            add(Category.CHANGED, true, subject, subject + "." + a.name(), "partition " + a.name() + " of " + subject
                + " bound " + b.bound() + " -> " + a.bound() + ": rows of the running version may find no partition");
          }
        });
    if (after.rowLevelSecurity() != null && before.rowLevelSecurity() != null
        && (before.rowLevelSecurity().enabled() != after.rowLevelSecurity().enabled()
            || before.rowLevelSecurity().forced() != after.rowLevelSecurity().forced()
            || !policiesEqual(before.rowLevelSecurity().policies(), after.rowLevelSecurity().policies()))) {
      add(Category.CHANGED, true, subject, subject + ".row_level_security", "row-level security of " + subject
          + " changed: what the running version's queries see changes");
    }
    String softBefore = before.softDelete() == null ? null : before.softDelete().column();
    String softAfter = after.softDelete() == null ? null : after.softDelete().column();
    if (!Objects.equals(softBefore, softAfter) && (strict || softAfter != null)) {
      add(Category.CHANGED, true, subject, subject + ".soft_delete", "soft delete of " + subject + " "
          + (softBefore == null ? "none" : "by " + softBefore) + " -> " + (softAfter == null ? "none" : "by " + softAfter)
          + ": the running version deletes and filters rows the old way");
    }
  }

  /** The same policies, their expressions compared as normalised text. */
  private static boolean policiesEqual(List<Policy> before, List<Policy> after) {
    java.util.function.Function<Policy, List<Object>> key = p -> java.util.Arrays.asList(p.name(), p.command(),
        p.permissive(), p.roles(), normalize(p.using()), normalize(p.withCheck()));
    return before.stream().map(key).toList().equals(after.stream().map(key).toList());
  }

  private void columns(String subject, Table before, Table after, boolean strict) {
    List<Column> added = after.columns().stream().filter(c -> before.column(c.name()).isEmpty()).toList();
    List<Column> dropped = before.columns().stream().filter(c -> after.column(c.name()).isEmpty()).toList();
    // RENAME COLUMN keeps the column's position: a dropped and an added column at the same position with
    // the same type are one renamed column
    List<Column> renamedFrom = new ArrayList<>();
    List<Column> renamedTo = new ArrayList<>();
    for (Column gone : dropped) {
      int position = before.columns().indexOf(gone);
      if (position < after.columns().size()) {
        Column candidate = after.columns().get(position);
        if (added.contains(candidate) && Objects.equals(SqlTypes.canonical(candidate.type()),
            SqlTypes.canonical(gone.type()))) {
          renamedFrom.add(gone);
          renamedTo.add(candidate);
          add(Category.DESTRUCTIVE, true, subject, subject + "." + gone.name(), "column " + subject + "."
              + gone.name() + " renamed to " + candidate.name() + " (same position and type): the running version "
              + "still uses the old name");
        }
      }
    }
    added = added.stream().filter(c -> !renamedTo.contains(c)).toList();
    dropped = dropped.stream().filter(c -> !renamedFrom.contains(c)).toList();
    for (Column column : added) {
      boolean notNull = Boolean.FALSE.equals(column.nullable()) && column.defaultValue() == null
          && column.identity() == null && column.generated() == null && !SqlTypes.isSerial(column.type());
      add(notNull ? Category.CHANGED : Category.ADDITIVE, notNull, subject, subject + "." + column.name(),
          "column " + subject + "." + column.name() + " added" + (column.type() == null ? ""
              : " (" + SqlTypes.preferred(column.type()) + (notNull ? " NOT NULL" : "") + ")")
              + (notNull ? " without a default: inserts of the running version fail" : ""));
    }
    for (Column column : dropped) {
      add(Category.DESTRUCTIVE, true, subject, subject + "." + column.name(), "column " + subject + "."
          + column.name() + " dropped: its data is lost and the running version still reads or writes it");
    }
    for (Column b : before.columns()) {
      Optional<Column> found = after.column(b.name());
      if (found.isPresent()) {
        column(subject + "." + b.name(), subject, b, found.get(), strict);
      }
    }
  }

  private void column(String path, String subject, Column before, Column after, boolean strict) {
    String typeBefore = SqlTypes.canonical(before.type());
    String typeAfter = SqlTypes.canonical(after.type());
    if (typeBefore != null && typeAfter != null && !typeBefore.equals(typeAfter)) {
      boolean widened = TypeWidening.widens(typeBefore, typeAfter);
      add(Category.CHANGED, !widened, subject, path, "column " + path + " type " + SqlTypes.preferred(typeBefore)
          + " -> " + SqlTypes.preferred(typeAfter) + (widened ? " (widened)"
              : ": values of the running version may no longer fit or convert"));
    }
    Boolean nullBefore = before.nullable() != null ? before.nullable() : strict ? Boolean.TRUE : null;
    Boolean nullAfter = after.nullable() != null ? after.nullable() : strict ? Boolean.TRUE : null;
    if (nullBefore != null && nullAfter != null && !nullBefore.equals(nullAfter)) {
      if (nullAfter) {
        add(Category.CHANGED, false, subject, path, "column " + path + " is now nullable");
      } else {
        boolean noDefault = after.defaultValue() == null && after.identity() == null;
        add(Category.CHANGED, noDefault, subject, path, "column " + path + " is now NOT NULL" + (noDefault
            ? " without a default: inserts of the running version that leave it out fail"
            : " (with default " + after.defaultValue() + ")"));
      }
    }
    if (!Objects.equals(normalize(before.defaultValue()), normalize(after.defaultValue()))
        && (strict || after.defaultValue() != null)) {
      add(Category.CHANGED, false, subject, path, "column " + path + " default " + describe(before.defaultValue())
          + " -> " + describe(after.defaultValue()));
    }
    if (!Objects.equals(before.identity(), after.identity()) && (strict || after.identity() != null)) {
      add(Category.CHANGED, false, subject, path, "column " + path + " identity " + before.identity() + " -> "
          + after.identity());
    }
    if (!Objects.equals(normalize(before.generated()), normalize(after.generated()))
        && (strict || after.generated() != null)) {
      add(Category.CHANGED, after.generated() != null, subject, path, "column " + path + " generated expression "
          + describe(before.generated()) + " -> " + describe(after.generated()));
    }
  }

  private void foreignKey(String subject, ForeignKey before, ForeignKey after) {
    String path = path(subject, after.columns());
    String fk = "foreign key " + subject + "(" + String.join(", ", after.columns()) + ")";
    if (!before.referenceText().equals(after.referenceText())) {
      add(Category.CHANGED, true, subject, path, fk + " now references " + after.referenceText() + " instead of "
          + before.referenceText());
    }
    if (before.onDelete() != null && after.onDelete() != null && before.onDelete() != after.onDelete()) {
      add(Category.CHANGED, true, subject, path, fk + " ON DELETE " + before.onDelete().sql() + " -> "
          + after.onDelete().sql() + ": deletes by the running version behave differently");
    }
    if (before.onUpdate() != null && after.onUpdate() != null && before.onUpdate() != after.onUpdate()) {
      add(Category.CHANGED, true, subject, path, fk + " ON UPDATE " + before.onUpdate().sql() + " -> "
          + after.onUpdate().sql() + ": updates by the running version behave differently");
    }
  }

  private static String indexKey(Index index) {
    return index.name() != null ? index.name() : String.join("_", index.elements());
  }

  private static String describe(Index index) {
    return (index.name() == null ? "" : index.name() + " ") + "(" + String.join(", ", index.elements()) + ")"
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  private static String checkName(Check check) {
    return check.name() != null ? check.name() : "(" + check.expression() + ")";
  }

  private static List<String> columnsOf(dev.schemakit.model.PrimaryKey key) {
    return key == null ? null : key.columns();
  }

  private static String describe(Object value) {
    return value == null ? "none" : value.toString();
  }

  private static String normalize(String sql) {
    return sql == null ? null : dev.schemakit.diff.ExpressionNormalizer.textual().normalize(
        dev.schemakit.diff.ExpressionNormalizer.Kind.CHECK, "", "", null, sql);
  }

  private static String path(String subject, List<String> columns) {
    return subject + "." + String.join("_", columns);
  }

  private static List<String> minus(List<String> all, List<String> remove) {
    return all.stream().filter(x -> !remove.contains(x)).toList();
  }

  private void add(Category category, boolean breaking, String subject, String path, String description) {
    changes.add(new Change(category, breaking, subject, path, description));
  }

  private static <T> void pairs(List<T> before, List<T> after, Function<T, String> key,
      java.util.function.Consumer<T> added, java.util.function.Consumer<T> dropped,
      java.util.function.BiConsumer<T, T> both) {
    Map<String, T> old = new java.util.LinkedHashMap<>();
    before.forEach(item -> old.put(key.apply(item), item));
    Map<String, T> now = new java.util.LinkedHashMap<>();
    after.forEach(item -> now.put(key.apply(item), item));
    java.util.SortedSet<String> keys = new java.util.TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String k : keys) {
      T b = old.get(k);
      T a = now.get(k);
      if (b == null) {
        added.accept(a);
      } else if (a == null) {
        dropped.accept(b);
      } else {
        both.accept(b, a);
      }
    }
  }
}
