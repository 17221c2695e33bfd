package dev.schemakit.safety;

import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.safety.Ddl.Action;
import dev.schemakit.safety.Ddl.AddColumn;
import dev.schemakit.safety.Ddl.AddConstraint;
import dev.schemakit.safety.SafetyFinding.Status;
import dev.schemakit.sql.SqlScript.Statement;
import dev.schemakit.sql.SqlScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One migration script read for deploy safety: its statements, what each does, whether Flyway runs
 * it in a transaction, and the findings of the static rules.
 */
final class AnalyzedScript {

  /** Functions PostgreSQL marks VOLATILE that migrations use as column defaults. */
  private static final Set<String> VOLATILE_FUNCTIONS = Set.of("random", "clock_timestamp", "timeofday",
      "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "nextval",
      "txid_current", "setseed", "random_normal");

  final Migration migration;
  final List<Statement> statements;
  final List<Ddl> ddl;
  final boolean inTransaction;
  final List<SafetyFinding> findings = new ArrayList<>();

  private final Set<String> createdTables = new HashSet<>();
  private final Set<String> createdIndexes = new HashSet<>();
  /** table -> columns with a validated CHECK (col IS NOT NULL) added in this script */
  private final Map<String, Set<String>> notNullChecks = new HashMap<>();
  /** constraint name -> "table column" of a CHECK (col IS NOT NULL) added NOT VALID */
  private final Map<String, String[]> unvalidatedNotNullChecks = new HashMap<>();
  /** constraints this script added NOT VALID */
  private final Set<String> addedNotValid = new HashSet<>();

  private AnalyzedScript(Migration migration, List<Statement> statements, Optional<String> scriptConfig,
      ChainSettings settings, Set<String> newInRelease) {
    this.migration = migration;
    this.createdTables.addAll(newInRelease);
    this.statements = statements;
    this.ddl = statements.stream().map(s -> DdlParser.parse(s.tokens())).toList();
    this.inTransaction = decideTransaction(scriptConfig, settings);
    for (int i = 0; i < statements.size(); i++) {
      rules(i, ddl.get(i));
    }
  }

  /**
   * Reads and checks one versioned SQL migration of a chain; a script that cannot be cut into
   * statements (an unclosed string) gives one {@link SafetyCode#UNPARSED} finding.
   *
   * @param newInRelease tables that unreleased migrations before this one create: in production they are new
   *     and empty when this one runs, as if this script had created them
   */
  static AnalyzedScript of(MigrationChain chain, Migration migration, Set<String> newInRelease) {
    String sql = chain.settings().engine().sql(chain, migration);
    List<Statement> statements;
    try {
      statements = SqlScript.statements(sql);
    } catch (IllegalArgumentException e) {
      // the rest of the script cannot be cut into statements: one finding, and the rules say nothing more
      AnalyzedScript unreadable = new AnalyzedScript(migration, List.of(), chain.scriptConfig(migration),
          chain.settings(), newInRelease);
      unreadable.findings.add(new SafetyFinding(SafetyCode.UNPARSED, Status.OPEN, migration.fileName(), 1,
          migration.fileName(), null, "could not cut the script into statements: " + e.getMessage(), null, null));
      return unreadable;
    }
    return new AnalyzedScript(migration, statements, chain.scriptConfig(migration),
        chain.settings(), newInRelease);
  }

  /**
   * Whether the table holds production rows when this migration runs: every table neither this script nor an
   * unreleased one before it created.
   */
  boolean existedBefore(String tableKey) {
    return !createdTables.contains(tableKey);
  }

  /** The tables new in production once this script ran: those of the release before it and its own. */
  Set<String> newTables() {
    return Set.copyOf(createdTables);
  }

  private boolean decideTransaction(Optional<String> scriptConfig, ChainSettings settings) {
    Boolean configured = scriptConfig.flatMap(AnalyzedScript::executeInTransaction).orElse(null);
    List<Integer> nonTransactional = new ArrayList<>();
    boolean transactional = false;
    for (int i = 0; i < ddl.size(); i++) {
      if (isNonTransactional(ddl.get(i))) {
        nonTransactional.add(i);
      } else {
        transactional = true;
      }
    }
    boolean mixedAllowed = settings.mixedStepsAllowed();
    boolean inTransaction;
    if (configured != null) {
      inTransaction = configured;
      for (int i : nonTransactional) {
        if (configured) {
          add(SafetyCode.CONCURRENTLY_IN_TRANSACTION, i, null, migration.fileName() + ".conf sets executeInTransaction"
              + "=true, so " + what(ddl.get(i)) + " runs in a transaction and fails");
        }
      }
    } else if (!nonTransactional.isEmpty() && transactional && !mixedAllowed) {
      inTransaction = true;
      for (int i : nonTransactional) {
        add(SafetyCode.CONCURRENTLY_IN_TRANSACTION, i, null, "the script mixes " + what(ddl.get(i)) + " with "
            + "statements that run in a transaction: Flyway refuses to run it (\"Detected both transactional and "
            + "non-transactional statements within the same migration\")");
      }
    } else {
      inTransaction = nonTransactional.isEmpty();
    }
    if (!inTransaction && settings.lockHeldInOpenTransaction()) {
      for (int i : nonTransactional) {
        if (waitsForOpenTransactions(ddl.get(i))) {
          add(SafetyCode.CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK, i, null, what(ddl.get(i)) + " runs while "
              + settings.engine().name() + " keeps its lock in an open transaction");
        }
      }
    }
    return inTransaction;
  }

  private static Optional<Boolean> executeInTransaction(String config) {
    for (String line : config.split("\\R")) {
      String[] pair = line.split("=", 2);
      if (pair.length == 2 && pair[0].strip().equals("executeInTransaction")) {
        return Optional.of(Boolean.parseBoolean(pair[1].strip()));
      }
    }
    return Optional.empty();
  }

  private static boolean isNonTransactional(Ddl ddl) {
    return ddl instanceof Ddl.NonTransactional
        || ddl instanceof Ddl.CreateIndex index && index.concurrently()
        || ddl instanceof Ddl.DropIndex drop && drop.concurrently();
  }

  /** CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY wait for every transaction older than themselves. */
  private static boolean waitsForOpenTransactions(Ddl ddl) {
    return ddl instanceof Ddl.CreateIndex || ddl instanceof Ddl.NonTransactional n && n.what().startsWith("REINDEX");
  }

  private static String what(Ddl ddl) {
    if (ddl instanceof Ddl.CreateIndex index) {
      return "CREATE INDEX CONCURRENTLY" + (index.name() == null ? "" : " " + index.name());
    }
    if (ddl instanceof Ddl.DropIndex drop) {
      return "DROP INDEX CONCURRENTLY " + String.join(", ", drop.names());
    }
    return ((Ddl.NonTransactional) ddl).what();
  }

  private void rules(int index, Ddl ddl) {
    if (ddl instanceof Ddl.CreateTable create) {
      createdTables.add(create.table().key());
    } else if (ddl instanceof Ddl.CreateIndex create) {
      if (create.name() != null) {
        createdIndexes.add(create.name());
      }
      if (!create.concurrently() && existedBefore(create.table().key())) {
        add(SafetyCode.INDEX_NOT_CONCURRENT, index, create.table().toString(), "CREATE " + (create.unique()
            ? "UNIQUE " : "") + "INDEX" + (create.name() == null ? "" : " " + create.name()) + " on existing table "
            + create.table() + " without CONCURRENTLY");
      }
    } else if (ddl instanceof Ddl.DropIndex drop) {
      List<String> existing = drop.names().stream().filter(n -> !createdIndexes.contains(n)).toList();
      if (!drop.concurrently() && !existing.isEmpty()) {
        add(SafetyCode.DROP_INDEX_NOT_CONCURRENT, index, null, "DROP INDEX " + String.join(", ", existing)
            + " without CONCURRENTLY");
      }
    } else if (ddl instanceof Ddl.DropTable drop) {
      for (Ddl.TableName table : drop.tables()) {
        if (existedBefore(table.key())) {
          add(SafetyCode.DROP_TABLE, index, table.toString(), "table " + table + " dropped");
        }
      }
    } else if (ddl instanceof Ddl.AlterTable alter) {
      if (existedBefore(alter.table().key())) {
        for (Action action : alter.actions()) {
          alterRules(index, alter.table(), action);
        }
      } else {
        for (Action action : alter.actions()) {
          if (action instanceof Ddl.RenameTable rename) {
            createdTables.add(rename.to()); // a table this script created, renamed: still new
          }
        }
      }
    } else if (ddl instanceof Ddl.Unparsed unparsed) {
      add(SafetyCode.UNPARSED, index, null, "could not read this statement: " + unparsed.reason());
    }
  }

  private void alterRules(int index, Ddl.TableName table, Action action) {
    String t = table.toString();
    if (action instanceof AddColumn add) {
      if (add.filledPerRow()) {
        add(SafetyCode.VOLATILE_DEFAULT, index, t, "column " + t + "." + add.column() + " added as " + add.type()
            + ": its values are generated for every existing row");
      } else if (add.defaultExpression() != null && add.functions().stream().anyMatch(VOLATILE_FUNCTIONS::contains)) {
        add(SafetyCode.VOLATILE_DEFAULT, index, t, "column " + t + "." + add.column() + " added with the volatile "
            + "DEFAULT " + add.defaultExpression());
      } else if (add.notNull() && add.defaultExpression() == null) {
        add(SafetyCode.ADD_COLUMN_NOT_NULL_NO_DEFAULT, index, t, "column " + t + "." + add.column() + " added NOT "
            + "NULL without a default to existing table " + t);
      }
    } else if (action instanceof Ddl.SetNotNull set) {
      if (!notNullChecks.getOrDefault(table.key(), Set.of()).contains(set.column())) {
        add(SafetyCode.SET_NOT_NULL, index, t, "SET NOT NULL on " + t + "." + set.column() + " without a validated "
            + "CHECK (" + set.column() + " IS NOT NULL) earlier in this migration");
      }
    } else if (action instanceof AddConstraint constraint) {
      String named = constraint.name() == null ? "" : " " + constraint.name();
      String column = notNullColumn(constraint.expression());
      if (constraint.kind().equals("check") && column != null) {
        if (constraint.notValid()) {
          if (constraint.name() != null) {
            unvalidatedNotNullChecks.put(constraint.name(), new String[] {table.key(), column});
          }
        } else {
          notNullChecks.computeIfAbsent(table.key(), k -> new HashSet<>()).add(column);
        }
      }
      if (constraint.notValid()) {
        if (constraint.name() != null) {
          addedNotValid.add(constraint.name());
        }
        return;
      }
      switch (constraint.kind()) {
        case "foreign key" -> add(SafetyCode.FOREIGN_KEY_NOT_VALID_MISSING, index, t, "foreign key" + named
            + " added to existing table " + t + " and validated in the same statement");
        case "check" -> add(SafetyCode.CHECK_NOT_VALID_MISSING, index, t, "check" + named + " added to existing "
            + "table " + t + " and validated in the same statement");
        case "unique", "primary key", "exclude" -> {
          if (!constraint.usingIndex()) {
            add(SafetyCode.CONSTRAINT_BUILDS_INDEX, index, t, constraint.kind().toUpperCase(Locale.ROOT) + named
                + " added to existing table " + t + " builds its index under the table's lock");
          }
        }
        default -> { }
      }
    } else if (action instanceof Ddl.ValidateConstraint validate) {
      if (inTransaction && addedNotValid.contains(validate.name())) {
        add(SafetyCode.VALIDATE_IN_SAME_TRANSACTION, index, t, "constraint " + validate.name() + " on " + t
            + " validated in the migration that added it NOT VALID");
      }
      String[] check = unvalidatedNotNullChecks.remove(validate.name());
      if (check != null) {
        notNullChecks.computeIfAbsent(check[0], k -> new HashSet<>()).add(check[1]);
      }
    } else if (action instanceof Ddl.AlterColumnType type) {
      add(SafetyCode.ALTER_COLUMN_TYPE, index, t, "type of " + t + "." + type.column() + " changed to " + type.type());
    } else if (action instanceof Ddl.DropColumn drop) {
      add(SafetyCode.DROP_COLUMN, index, t, "column " + t + "." + drop.column() + " dropped");
    } else if (action instanceof Ddl.RenameColumn rename) {
      add(SafetyCode.RENAME_COLUMN, index, t, "column " + t + "." + rename.from() + " renamed to " + rename.to());
    } else if (action instanceof Ddl.RenameTable rename) {
      add(SafetyCode.RENAME_TABLE, index, t, "table " + t + " renamed to " + rename.to());
    }
  }

  /** The column of a check that reads {@code col IS NOT NULL}, else {@code null}. */
  private static String notNullColumn(List<String> expression) {
    return expression.size() == 4 && expression.get(1).equals("is") && expression.get(2).equals("not")
        && expression.get(3).equals("null") ? expression.get(0) : null;
  }

  private void add(SafetyCode code, int statementIndex, String table, String detail) {
    Statement statement = statements.get(statementIndex);
    findings.add(new SafetyFinding(code, Status.OPEN, migration.fileName(), statement.line(), statement.text(),
        table, detail, null, null));
  }
}
