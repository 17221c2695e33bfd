package dev.schemakit.safety;

/**
 * The kinds of deploy-safety findings: what a migration does to a live table while it runs. Codes
 * are stable; docs/deploy-safety.md lists each with its severity, why it hurts and the safe way.
 */
public enum SafetyCode {

  // --- static rules, read from the SQL

  /** {@code CREATE INDEX} without {@code CONCURRENTLY} on a table that existed before the migration. */
  INDEX_NOT_CONCURRENT(Severity.ERROR, "holds a SHARE lock on the table while the index is built: every INSERT, "
      + "UPDATE and DELETE waits until the build has read the whole table",
      "CREATE INDEX CONCURRENTLY, in a migration of its own (Flyway runs a script that holds only "
      + "CONCURRENTLY statements outside a transaction)"),
  /** {@code DROP INDEX} without {@code CONCURRENTLY}. */
  DROP_INDEX_NOT_CONCURRENT(Severity.WARNING, "takes an ACCESS EXCLUSIVE lock on the index's table: brief, but it "
      + "queues behind every running query on the table and every query after it queues behind it",
      "DROP INDEX CONCURRENTLY, in a migration of its own"),
  /** A {@code CONCURRENTLY} statement in a script Flyway runs in a transaction, or refuses to run. */
  CONCURRENTLY_IN_TRANSACTION(Severity.ERROR, "PostgreSQL refuses CONCURRENTLY inside a transaction block",
      "put the CONCURRENTLY statement in a migration of its own: Flyway then runs that script outside a transaction "
      + "by itself; or set executeInTransaction=false in a <script>.sql.conf file beside it"),
  /** A {@code CONCURRENTLY} statement while Flyway keeps its lock in an open transaction: it never ends. */
  CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK(Severity.ERROR, "with Flyway's default postgresql.transactional.lock=true, "
      + "Flyway holds its lock in a transaction that stays open while the script runs, and CREATE INDEX "
      + "CONCURRENTLY waits for every open transaction to end: the migration waits for ever (seen with Flyway 13 on "
      + "PostgreSQL 17)",
      "set flyway.postgresql.transactional.lock=false (Spring Boot: spring.flyway.postgresql.transactional-lock=false)"),
  /** {@code ADD COLUMN ... NOT NULL} without a default, on an existing table. */
  ADD_COLUMN_NOT_NULL_NO_DEFAULT(Severity.ERROR, "fails as soon as the table has a row, and inserts of the running "
      + "version that leave the column out fail",
      "add the column nullable (or with a constant DEFAULT), backfill it, then add NOT NULL the safe way"),
  /** {@code SET NOT NULL} on an existing table without a validated {@code CHECK (col IS NOT NULL)} first. */
  SET_NOT_NULL(Severity.ERROR, "reads the whole table to prove there are no NULLs while it holds an ACCESS EXCLUSIVE "
      + "lock: reads and writes wait",
      "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID in one migration; VALIDATE CONSTRAINT (a weaker lock) and "
      + "SET NOT NULL in the next: PostgreSQL 12+ uses the validated check and skips the scan"),
  /** A new foreign key on an existing table, validated in the same statement. */
  FOREIGN_KEY_NOT_VALID_MISSING(Severity.ERROR, "validates every row while it holds SHARE ROW EXCLUSIVE locks on both "
      + "tables: writes to both wait",
      "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration "
      + "(on its own it does not block writes)"),
  /** A new check on an existing table, validated in the same statement. */
  CHECK_NOT_VALID_MISSING(Severity.ERROR, "validates every row while it holds an ACCESS EXCLUSIVE lock: reads and "
      + "writes wait",
      "ADD CONSTRAINT ... CHECK (...) NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration"),
  /** {@code VALIDATE CONSTRAINT} in the transaction that added the constraint {@code NOT VALID}. */
  VALIDATE_IN_SAME_TRANSACTION(Severity.ERROR, "the ADD CONSTRAINT's ACCESS EXCLUSIVE lock is held until the "
      + "transaction ends, so the validation reads the whole table under it, as if NOT VALID had not been written",
      "VALIDATE CONSTRAINT in a later migration: on its own it takes only a SHARE UPDATE EXCLUSIVE lock"),
  /** A new unique or primary key constraint that builds its index under the table's lock. */
  CONSTRAINT_BUILDS_INDEX(Severity.ERROR, "builds a unique index while it holds an ACCESS EXCLUSIVE lock: reads and "
      + "writes wait for the whole build",
      "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)"),
  /** {@code ALTER COLUMN ... TYPE}: a rewrite unless the types are binary-coercible. */
  ALTER_COLUMN_TYPE(Severity.WARNING, "rewrites the table and its indexes under an ACCESS EXCLUSIVE lock unless the "
      + "new type is binary-coercible (varchar(n) to text or to a longer varchar is not a rewrite; int to bigint is); "
      + "values of the running version may no longer fit or convert",
      "run lint --dynamic to see whether it rewrites; for a rewrite, add a new column, backfill it, and switch over"),
  /** {@code RENAME COLUMN}. */
  RENAME_COLUMN(Severity.ERROR, "the running version still uses the old name", "add the new column, write both, "
      + "backfill, move the readers, and drop the old column in a later release"),
  /** {@code RENAME TO}. */
  RENAME_TABLE(Severity.ERROR, "the running version still uses the old name",
      "create the new table (or a view under the old name), move the application over, then drop the old name in a "
      + "later release"),
  /** {@code DROP COLUMN}. */
  DROP_COLUMN(Severity.ERROR, "its data is lost and the running version still reads or writes it",
      "stop using the column in a release first (JPA: @Transient or remove the field), drop it in the next one"),
  /** {@code DROP TABLE}. */
  DROP_TABLE(Severity.ERROR, "its rows are lost and the running version still uses it",
      "stop using the table in a release first, drop it in the next one"),
  /** An added column whose value is computed per row: a volatile default, serial, identity, stored generated. */
  VOLATILE_DEFAULT(Severity.ERROR, "the value is computed for every existing row, so the table and its indexes are "
      + "rewritten under an ACCESS EXCLUSIVE lock (a constant or STABLE default such as now() is metadata-only since "
      + "PostgreSQL 11)",
      "add the column without the default (or with a constant one), set the default in a second statement, and "
      + "backfill existing rows in batches"),
  /** A statement of a kind the rules read, in a form the parser does not know. */
  UNPARSED(Severity.INFO, "the deploy-safety rules could not read this statement, so they say nothing about it",
      "run lint --dynamic: the database itself shows what the statement does"),
  /** A {@code -- schemakit:allow} comment that names no known code or gives no reason. */
  WAIVER_INVALID(Severity.WARNING, "a waiver must name a code and say why",
      "write -- schemakit:allow CODE reason, with one of the codes in docs/deploy-safety.md"),

  // --- dynamic check, measured on a database at the version before

  /** The table or one of its indexes got a new file: every row was rewritten. */
  TABLE_REWRITE(Severity.ERROR, "rewrote the table (or its indexes) while it held the lock: the table is blocked "
      + "for as long as writing all its rows takes",
      "change the schema in steps that PostgreSQL does as metadata only (new column, backfill in batches, switch)"),
  /** ACCESS EXCLUSIVE held while the statement read the whole table. */
  ACCESS_EXCLUSIVE_LOCK(Severity.ERROR, "read the whole table while it held an ACCESS EXCLUSIVE lock: reads and "
      + "writes wait for the scan",
      "move the work that reads the table out of the transaction that took the lock: a backfill or VALIDATE "
      + "CONSTRAINT in a migration of its own (batched for a backfill)"),
  /** A lock that blocks writes held while the statement read the whole table. */
  WRITE_BLOCKING_LOCK(Severity.ERROR, "read the whole table while it held a lock that blocks writes",
      "keep the statement that reads the whole table out of the transaction that took the lock (a migration of its "
      + "own), or use the CONCURRENTLY / NOT VALID form of the statement that took it"),
  /** The migration failed on a database with rows in its tables. */
  FAILS_ON_EXISTING_ROWS(Severity.ERROR, "the migration works on an empty database but fails once the tables hold "
      + "rows, as they do in production",
      "make the migration work on existing rows: a default, a backfill before the constraint, or NOT VALID");

  /** How much a finding matters. */
  public enum Severity {
    /** Blocks reads or writes on an existing table for longer than a metadata change, or breaks the running version. */
    ERROR,
    /** Worth a look; does not fail the lint. */
    WARNING,
    /** For the record. */
    INFO
  }

  private final Severity severity;
  private final String why;
  private final String fix;

  SafetyCode(Severity severity, String why, String fix) {
    this.severity = severity;
    this.why = why;
    this.fix = fix;
  }

  /** The severity a finding of this code has unless the dynamic check disproved it. */
  public Severity severity() {
    return severity;
  }

  /** Why it hurts a live system. */
  public String why() {
    return why;
  }

  /** The safe way to write it (in a Flyway migration). */
  public String fix() {
    return fix;
  }

  /**
   * The safe way to write it in this step: a Liquibase changeset (named {@code file::id::author}, a name no Flyway
   * file has) runs outside a transaction by {@code runInTransaction: false}, not by being a script of its own.
   *
   * @param step the step's name, as a finding's {@link SafetyFinding#file()} gives it
   */
  public String fixFor(String step) {
    if (step == null || !step.contains("::")) {
      return fix;
    }
    return switch (this) {
      case INDEX_NOT_CONCURRENT -> "CREATE INDEX CONCURRENTLY, in a changeset of its own with runInTransaction:"
          + " false (a sql change, or a formatted SQL changeset)";
      case DROP_INDEX_NOT_CONCURRENT -> "DROP INDEX CONCURRENTLY, in a changeset of its own with runInTransaction:"
          + " false";
      case CONCURRENTLY_IN_TRANSACTION -> "put the CONCURRENTLY statement in a changeset of its own and set"
          + " runInTransaction: false on it (runInTransaction=\"false\" in XML, runInTransaction:false on a"
          + " formatted SQL changeset's line)";
      default -> fix;
    };
  }

  /** Whether the dynamic check can confirm or disprove it by what the statement did to the table. */
  boolean aboutLocksOrRewrites() {
    return switch (this) {
      case INDEX_NOT_CONCURRENT, SET_NOT_NULL, FOREIGN_KEY_NOT_VALID_MISSING, CHECK_NOT_VALID_MISSING,
          CONSTRAINT_BUILDS_INDEX, ALTER_COLUMN_TYPE, VOLATILE_DEFAULT, VALIDATE_IN_SAME_TRANSACTION -> true;
      default -> false;
    };
  }
}
