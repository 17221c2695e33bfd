package dev.schemakit.rehearsal;

import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.MappedEntity;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Table;
import dev.schemakit.rehearsal.RehearsalFinding.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The release running in production (its JPA entities) against the schema after the pending migrations: during a
 * deploy the old version keeps running on the new schema until it is replaced, so what it still maps must still be
 * there and still accept what it writes.
 */
final class RunningVersion {

  private RunningVersion() {}

  /**
   * The breaks: a mapped table or column that was there before the release and is gone after it (dropped or renamed),
   * a mapped column the entity may leave {@code null} that the release makes {@code NOT NULL} without a default, and
   * a column the release adds {@code NOT NULL} without a default to a table the entity inserts into without it.
   *
   * @param scripts the pending migrations, to name the statement that does it
   */
  static List<RehearsalFinding> compare(EntityMappings running, Catalog before, Catalog after,
      List<ScriptLines> scripts) {
    List<RehearsalFinding> breaks = new ArrayList<>();
    for (MappedEntity entity : running.entities()) {
      Optional<Table> was = table(before, entity);
      if (was.isEmpty()) {
        continue; // not there at the running version either: not this release's doing
      }
      Optional<Table> is = table(after, entity);
      String name = entity.simpleName();
      if (is.isEmpty()) {
        breaks.add(new RehearsalFinding(Code.BREAKS_RUNNING_VERSION, where(scripts, entity.table()), name + " (table "
            + entity.table() + "): the running version maps the table, and the release drops or renames it. Keep"
            + " the table until a release that no longer maps it is deployed (expand, then contract)."));
        continue;
      }
      for (MappedEntity.MappedColumn mapped : entity.columns()) {
        Optional<Column> old = was.get().column(mapped.name());
        if (old.isEmpty()) {
          continue;
        }
        Optional<Column> now = is.get().column(mapped.name());
        String field = name + "." + mapped.field() + " (column " + entity.table() + "." + mapped.name() + ")";
        if (now.isEmpty()) {
          breaks.add(new RehearsalFinding(Code.BREAKS_RUNNING_VERSION, where(scripts, entity.table(), mapped.name()),
              field + ": the running version reads and writes the column, and the release drops or renames it. Keep"
                  + " it (or a view or trigger under the old name) until the running version no longer maps it."));
        } else if (!Boolean.FALSE.equals(old.get().nullable()) && Boolean.FALSE.equals(now.get().nullable())
            && withoutDefault(now.get()) && mapped.nullable() && !mapped.alwaysWritten()) {
          breaks.add(new RehearsalFinding(Code.BREAKS_RUNNING_VERSION, where(scripts, entity.table(), mapped.name()),
              field + ": the release makes it NOT NULL without a default, and the running version may write null"
                  + " there. Give it a default, or make it NOT NULL once the running version always sets it."));
        }
      }
      for (Column added : is.get().columns()) {
        if (was.get().column(added.name()).isEmpty() && entity.column(added.name()).isEmpty()
            && Boolean.FALSE.equals(added.nullable()) && withoutDefault(added)) {
          breaks.add(new RehearsalFinding(Code.BREAKS_RUNNING_VERSION, where(scripts, entity.table(), added.name()),
              name + " (table " + entity.table() + "): the release adds " + added.name() + " NOT NULL without a"
                  + " default, and the running version inserts rows without it. Add it with a default, or nullable"
                  + " first."));
        }
      }
    }
    return breaks;
  }

  private static boolean withoutDefault(Column column) {
    return column.defaultValue() == null && column.identity() == null && column.generated() == null;
  }

  private static Optional<Table> table(Catalog catalog, MappedEntity entity) {
    if (entity.schema() != null) {
      Optional<Table> table = catalog.table(entity.schema(), entity.table());
      if (table.isPresent()) {
        return table;
      }
    }
    // SQLite has one schema, main; an entity without a schema means the connection's default
    return catalog.schemas().stream().map(Schema::tables).flatMap(List::stream)
        .filter(table -> table.name().equalsIgnoreCase(entity.table())).findFirst();
  }

  private static String where(List<ScriptLines> scripts, String... words) {
    for (ScriptLines script : scripts) {
      String found = script.mentioning(words);
      if (found != null) {
        return found;
      }
    }
    // a column named nowhere (the table was dropped whole): the statement about the table
    return words.length > 1 ? where(scripts, words[0]) : "(no statement of the release names " + words[0] + ")";
  }
}
