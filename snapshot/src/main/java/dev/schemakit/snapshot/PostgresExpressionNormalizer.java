package dev.schemakit.snapshot;

import dev.schemakit.model.Messages;
import dev.schemakit.model.Names;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.InvalidExpressionException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Objects;

/**
 * Lets PostgreSQL parse and print expressions, so that spellings that mean the same compare equal.
 *
 * <p>It asks for {@code EXPLAIN (VERBOSE, COSTS OFF) SELECT <expression> FROM <table>} and reads
 * the plan's output column: the expression after parse analysis, with implicit casts made
 * explicit, constants folded and one style of parentheses. Both sides of a comparison go through
 * it, so the printed form need not match {@code pg_get_expr}'s. A view's query (the contract's and the
 * server's {@code pg_get_viewdef}) is compared by its plan, {@code EXPLAIN (VERBOSE, COSTS OFF) <query>}
 * with the view's schema first on the search path: the same query written two ways plans the same. It is
 * read-only (no DDL, no temp objects), so it also serves the read-only {@code check} of a live database.
 *
 * <pre>{@code
 * DiffResult result = SchemaDiff.compare(contract, snapshot, new PostgresExpressionNormalizer(connection));
 * }</pre>
 */
public final class PostgresExpressionNormalizer implements ExpressionNormalizer {

  private final Connection connection;

  /** @param connection an open connection to the database the snapshot came from; not closed here */
  public PostgresExpressionNormalizer(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public String normalize(Kind kind, String schema, String table, String columnType, String expression) {
    String sql = switch (kind) {
      case DEFAULT -> "EXPLAIN (VERBOSE, COSTS OFF) SELECT (" + expression + ")"
          + (columnType == null ? "" : "::" + columnType);
      case CHECK, PREDICATE, GENERATED -> "EXPLAIN (VERBOSE, COSTS OFF) SELECT (" + expression + ") FROM ONLY "
          + Names.quote(schema, table);
      case VIEW -> "EXPLAIN (VERBOSE, COSTS OFF) " + expression.strip().replaceAll(";+$", "");
    };
    try {
      return kind == Kind.VIEW ? plan(sql, schema) : explainOutput(sql);
    } catch (SQLException e) {
      throw new InvalidExpressionException(Messages.firstLine(e.getMessage()), e);
    }
  }

  /**
   * The whole plan, one line per node, with the schema first on the search path; the old path is set back after,
   * outside the savepoint, so that a query that fails does not hide its error behind an aborted transaction.
   */
  private String plan(String sql, String schema) throws SQLException {
    String previous;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('search_path'), set_config('search_path', "
            + Names.quoteLiteral(Names.quote(schema) + ", public") + ", false)")) {
      rs.next();
      previous = rs.getString(1);
    }
    try {
      return fenced(() -> {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
          StringBuilder plan = new StringBuilder();
          while (rs.next()) {
            plan.append(rs.getString(1).trim()).append('\n');
          }
          return plan.toString().trim();
        }
      });
    } finally {
      try (Statement restore = connection.createStatement()) {
        restore.execute("SELECT set_config('search_path', " + Names.quoteLiteral(previous) + ", false)");
      }
    }
  }

  private String explainOutput(String sql) throws SQLException {
    return fenced(() -> {
      try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          String line = rs.getString(1).trim();
          if (line.startsWith("Output: ")) {
            return line.substring("Output: ".length());
          }
        }
        throw new SQLException("EXPLAIN printed no output column for: " + sql);
      }
    });
  }

  private interface Work {
    String run() throws SQLException;
  }

  /** Outside autocommit a failed statement would abort the caller's transaction; a savepoint fences it off. */
  private String fenced(Work work) throws SQLException {
    Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
    try {
      String result = work.run();
      if (savepoint != null) {
        connection.releaseSavepoint(savepoint);
      }
      return result;
    } catch (SQLException e) {
      if (savepoint != null) {
        connection.rollback(savepoint);
      }
      throw e;
    }
  }
}
