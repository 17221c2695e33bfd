package dev.schemakit.snapshot;

import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.UniqueConstraint;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The canonical order both readers give their output, so equal databases give equal models. */
final class Snapshots {

  private Snapshots() {}

  static Table table(String name, List<Column> columns, PrimaryKey primaryKey, List<ForeignKey> foreignKeys,
      List<Index> indexes, List<UniqueConstraint> uniques, List<Check> checks, List<Trigger> triggers,
      RowLevelSecurity rowLevelSecurity, String comment) {
    return new Table(name, columns, primaryKey, sorted(foreignKeys, ForeignKey::name),
        sorted(indexes, Index::name), sorted(uniques, UniqueConstraint::name), sorted(checks, Check::name),
        sorted(triggers, Trigger::name), rowLevelSecurity, null, comment, false, null);
  }

  static <T> List<T> sorted(List<T> items, Function<T, String> name) {
    return items.stream().sorted(Comparator.comparing(name)).toList();
  }
}
