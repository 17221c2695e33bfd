package dev.schemakit.safety;

import java.util.List;

/** What a statement does to the schema, as far as the deploy-safety rules need to know. */
sealed interface Ddl {

  /** A table name as written: schema may be {@code null}. */
  record TableName(String schema, String name) {
    /** The name rules compare on: tables are matched by name, whatever schema was written. */
    String key() {
      return name;
    }

    @Override
    public String toString() {
      return schema == null ? name : schema + "." + name;
    }
  }

  /** {@code CREATE TABLE}. */
  record CreateTable(TableName table) implements Ddl {}

  /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}. */
  record CreateIndex(String name, TableName table, boolean concurrently, boolean unique) implements Ddl {}

  /** {@code DROP INDEX [CONCURRENTLY]}. */
  record DropIndex(List<String> names, boolean concurrently) implements Ddl {}

  /** {@code DROP TABLE}. */
  record DropTable(List<TableName> tables) implements Ddl {}

  /** {@code REINDEX ... CONCURRENTLY} and the other statements PostgreSQL refuses inside a transaction. */
  record NonTransactional(String what) implements Ddl {}

  /** {@code ALTER TABLE} with its actions. */
  record AlterTable(TableName table, List<Action> actions) implements Ddl {}

  /** Anything the rules need no structure of (DML, functions, types, grants, ...). */
  record Other(String keyword) implements Ddl {}

  /** A statement of a kind the rules read, in a form the parser does not know. */
  record Unparsed(String reason) implements Ddl {}

  /** One action of an {@code ALTER TABLE}. */
  sealed interface Action {}

  /**
   * {@code ADD COLUMN}.
   *
   * @param defaultExpression the default as written, {@code null} when none
   * @param filledPerRow the column's value is computed for each existing row (identity, serial,
   *     stored generated column), which rewrites the table
   */
  record AddColumn(String column, String type, boolean notNull, String defaultExpression, List<String> functions,
      boolean filledPerRow, boolean references) implements Action {}

  /** {@code ALTER COLUMN ... TYPE}. */
  record AlterColumnType(String column, String type) implements Action {}

  /** {@code ALTER COLUMN ... SET NOT NULL}. */
  record SetNotNull(String column) implements Action {}

  /** {@code ADD [CONSTRAINT name] CHECK|FOREIGN KEY|UNIQUE|PRIMARY KEY|EXCLUDE}. */
  record AddConstraint(String name, String kind, boolean notValid, boolean usingIndex, List<String> expression)
      implements Action {}

  /** {@code VALIDATE CONSTRAINT}. */
  record ValidateConstraint(String name) implements Action {}

  /** {@code DROP [COLUMN]}. */
  record DropColumn(String column) implements Action {}

  /** {@code RENAME [COLUMN] a TO b}. */
  record RenameColumn(String from, String to) implements Action {}

  /** {@code RENAME TO}. */
  record RenameTable(String to) implements Action {}

  /** Any other action (defaults, storage, owner, RLS, ...). */
  record OtherAction(String keyword) implements Action {}
}
