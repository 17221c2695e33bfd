package dev.schemakit.rehearsal;

import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.sql.SqlScript;
import java.util.List;
import java.util.Locale;

/** The statements of one migration, to name the {@code file:line} of what a session was seen running. */
final class ScriptLines {

  private final Migration migration;
  private final List<SqlScript.Statement> statements;

  ScriptLines(MigrationChain chain, Migration migration) {
    this.migration = migration;
    this.statements = SqlScript.statements(chain.settings().engine().sql(chain, migration));
  }

  List<SqlScript.Statement> statements() {
    return statements;
  }

  /** {@code V3__backfill.sql:12} for the statement with this text (as a session ran it), else the file alone. */
  String where(String running) {
    int index = indexOf(running);
    return index < 0 ? migration.fileName() : migration.fileName() + ":" + statements.get(index).line();
  }

  /** {@link #where} of the newest of these statements (newest first) that is one of the migration's, else the file. */
  String whereNewest(List<String> running) {
    return running.stream().filter(text -> indexOf(text) >= 0).findFirst().map(this::where)
        .orElse(migration.fileName());
  }

  /**
   * The statement that took a lock on a table, which the watch first saw held while {@code running} ran: a lock is
   * held to the end of the transaction, so it is the first statement up to that one that names the table (a quick
   * {@code LOCK TABLE} or {@code ALTER TABLE} is often over before the next sample).
   */
  String acquiredBy(String table, String running) {
    int seen = indexOf(running);
    String bare = table.substring(table.indexOf('.') + 1);
    for (int i = 0; i <= seen; i++) {
      if (names(statements.get(i), bare)) {
        return migration.fileName() + ":" + statements.get(i).line();
      }
    }
    return where(running);
  }

  private int indexOf(String running) {
    if (running == null) {
      return -1;
    }
    String wanted = normalize(running);
    for (int i = 0; i < statements.size(); i++) {
      String text = normalize(statements.get(i).text());
      if (!wanted.isEmpty() && (text.equals(wanted) || text.startsWith(wanted) || wanted.startsWith(text))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean names(SqlScript.Statement statement, String word) {
    return statement.tokens().stream().anyMatch(token -> token.isName() && token.value().equalsIgnoreCase(word));
  }

  /** The first statement that names all these words (a table, a column), as {@code file:line}, else the file. */
  String mentioning(String... words) {
    for (SqlScript.Statement statement : statements) {
      boolean all = true;
      for (String word : words) {
        all &= names(statement, word);
      }
      if (all) {
        return migration.fileName() + ":" + statement.line();
      }
    }
    return null;
  }

  /** The statement's text without comments and with single spaces, as a session and the file may each write it. */
  private static String normalize(String sql) {
    return sql.replaceAll("(?m)^\\s*--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "").strip().replaceAll("\\s+", " ")
        .replaceAll(";$", "").strip().toLowerCase(Locale.ROOT);
  }
}
