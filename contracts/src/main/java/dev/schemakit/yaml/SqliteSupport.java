package dev.schemakit.yaml;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Origin;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.Table;
import dev.schemakit.model.View;
import java.util.ArrayList;
import java.util.List;

/**
 * What a contract may ask of a SQLite database. Contracts work unchanged where SQLite has the concept
 * (tables, columns, types, NOT NULL, defaults, keys, foreign keys and their actions, indexes incl.
 * partial and expression ones, unique, checks, triggers, views, soft delete); for the rest this says so
 * at the element's file:line, instead of a finding that could never pass.
 */
public final class SqliteSupport {

  private SqliteSupport() {}

  /**
   * Checks that a contract asks only for what SQLite has.
   *
   * @throws ContractException listing every element SQLite does not have, with the fix
   */
  public static void check(Catalog contract) {
    List<ContractProblem> problems = new ArrayList<>();
    for (Extension extension : contract.extensions()) {
      problems.add(problem(extension.origin(), "extension " + extension.name(), "extensions"));
    }
    for (Schema schema : contract.schemas()) {
      if (!schema.name().equals("main")) {
        problems.add(new ContractProblem(origin(schema.origin()), "schema '" + schema.name() + "': a SQLite database "
            + "has one schema, main. Write `schema: main` in the SQLite contract."));
        continue;
      }
      for (EnumType type : schema.enums()) {
        problems.add(problem(type.origin(), "enum type " + type.name(), "enums (use a CHECK ... IN (...))"));
      }
      for (Sequence sequence : schema.sequences()) {
        problems.add(problem(sequence.origin(), "sequence " + sequence.name(),
            "sequences (an INTEGER PRIMARY KEY numbers rows by itself)"));
      }
      for (dev.schemakit.model.Routine routine : schema.routines()) {
        problems.add(problem(routine.origin(), "function " + routine.signature(), "functions or procedures"));
      }
      for (dev.schemakit.model.Domain domain : schema.domains()) {
        problems.add(problem(domain.origin(), "domain " + domain.name(), "domains"));
      }
      for (View view : schema.views()) {
        if (view.materialized()) {
          problems.add(problem(view.origin(), "materialized view " + view.name(), "materialized views"));
        }
      }
      for (Table table : schema.tables()) {
        if (table.comment() != null) {
          problems.add(problem(table.origin(), "the comment of table " + table.name(), "comments"));
        }
        if (table.rowLevelSecurity() != null && (table.rowLevelSecurity().enabled()
            || !table.rowLevelSecurity().policies().isEmpty())) {
          problems.add(problem(table.rowLevelSecurity().origin(), "row_level_security of table " + table.name(),
              "row-level security"));
        }
        for (dev.schemakit.model.Exclusion exclusion : table.exclusions()) {
          problems.add(problem(exclusion.origin(), "exclusion constraint on " + table.name(), "exclusion constraints"));
        }
        if (table.partitionBy() != null || !table.partitions().isEmpty()) {
          problems.add(problem(table.origin(), "partitioning of table " + table.name(), "partitioned tables"));
        }
        for (Column column : table.columns()) {
          if (column.identity() != null) {
            problems.add(problem(column.origin(), "identity of column " + table.name() + "." + column.name(),
                "identity columns (an INTEGER PRIMARY KEY numbers rows by itself)"));
          }
          if (column.comment() != null) {
            problems.add(problem(column.origin(), "the comment of column " + table.name() + "." + column.name(),
                "comments"));
          }
        }
        for (ForeignKey fk : table.foreignKeys()) {
          if (Boolean.TRUE.equals(fk.deferrable()) || Boolean.TRUE.equals(fk.initiallyDeferred())) {
            problems.add(problem(fk.origin(), "a deferrable foreign key on " + table.name(),
                "deferrable foreign keys as far as schemakit reads SQLite"));
          }
        }
        for (Index index : table.indexes()) {
          if (!index.method().equals("btree")) {
            problems.add(problem(index.origin(), "index method " + index.method() + " on " + table.name(),
                "index methods other than its b-tree"));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(java.util.Comparator.comparing((ContractProblem p) -> p.origin().file())
          .thenComparingInt(p -> p.origin().line()).thenComparingInt(p -> p.origin().column()));
      throw new ContractException(problems);
    }
  }

  private static ContractProblem problem(Origin origin, String element, String concept) {
    return new ContractProblem(origin(origin), element + ": SQLite has no " + concept
        + ". Leave it out of the SQLite contract.");
  }

  private static Origin origin(Origin origin) {
    return origin != null ? origin : new Origin("(contract)", 0, 0);
  }
}
