package dev.schemakit.snapshot;

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
 * it, so the printed form need not match {@code pg_get_expr}'s. It is read-only (no DDL, no temp
 * objects), so it also serves the read-only {@code check} of a live database.
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
          + Names.quote(schema) + "." + Names.quote(table);
    };
    try {
      return explainOutput(sql);
    } catch (SQLException e) {
      throw new InvalidExpressionException(firstLine(e.getMessage()), e);
    }
  }

  private String explainOutput(String sql) throws SQLException {
    // Outside autocommit a failed statement would abort the caller's transaction; fence it off.
    Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        String line = rs.getString(1).trim();
        if (line.startsWith("Output: ")) {
          return line.substring("Output: ".length());
        }
      }
      throw new SQLException("EXPLAIN printed no output column for: " + sql);
    } catch (SQLException e) {
      if (savepoint != null) {
        connection.rollback(savepoint);
      }
      throw e;
    } finally {
      if (savepoint != null) {
        connection.releaseSavepoint(savepoint);
      }
    }
  }


  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
