package dev.schemakit.diff;

/**
 * Brings SQL expressions (defaults, checks, partial-index predicates, index expressions, generated
 * columns) into one spelling, so that {@code now()} and {@code CURRENT_TIMESTAMP}, or {@code
 * length(name) > 0} and {@code (length((name)::text) > 0)}, compare equal.
 *
 * <p>The database itself is the best normaliser: {@code dev.schemakit.snapshot.PostgresExpressionNormalizer}
 * asks PostgreSQL to parse and print both sides. {@link #textual()} needs no database and only
 * evens out case, whitespace, parentheses and casts.
 */
public interface ExpressionNormalizer {

  /** What an expression is, which decides how it is parsed. */
  enum Kind {
    /** A column default; parsed as a value of the column's type. */
    DEFAULT,
    /** A check constraint; parsed over the table's columns. */
    CHECK,
    /** A partial-index predicate or an index expression; parsed over the table's columns. */
    PREDICATE,
    /** A generated column's expression; parsed over the table's columns. */
    GENERATED,
    /** A view's query; {@code table} is the view's name, the query is planned in the view's schema. */
    VIEW
  }

  /**
   * The canonical spelling of {@code expression}.
   *
   * @param kind what the expression is
   * @param schema schema of the table it belongs to
   * @param table the table it belongs to
   * @param columnType canonical type of the column, for defaults; {@code null} otherwise
   * @param expression the SQL text
   * @return a spelling equal to that of every equivalent expression
   * @throws InvalidExpressionException when the expression cannot be parsed
   */
  String normalize(Kind kind, String schema, String table, String columnType, String expression);

  /** A normaliser that needs no database: case, whitespace, redundant parentheses and casts. */
  static ExpressionNormalizer textual() {
    return (kind, schema, table, columnType, expression) -> SqlText.canonical(expression);
  }
}
