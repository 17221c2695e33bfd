package dev.schemakit.diff;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Textual canonicalisation of SQL expressions: what is left to even out after (or without) the
 * database's own parse-and-print.
 */
public final class SqlText {

  // A cast like ::text, ::character varying(255), ::timestamp with time zone, ::integer[]
  private static final Pattern CAST = Pattern.compile(
      "::\\s*\"?[a-z_][a-z0-9_ .\"]*?(?:\\s*\\([0-9, ]*\\))?(?:\\s+with(?:out)?\\s+time\\s+zone)?(?:\\[\\])*"
          + "(?=$|[\\s),\\]=<>+*/|-])");

  private SqlText() {}

  /**
   * Lower case outside quotes, single spaces, no spaces inside parentheses, casts removed,
   * redundant parentheses removed, {@code CURRENT_TIMESTAMP} spelt {@code now()}, and the operands of
   * {@code AND} and {@code OR} in one order (they commute: {@code a and b} is {@code b and a}).
   */
  public static String canonical(String expression) {
    if (expression == null) {
      return null;
    }
    String text = lowerOutsideQuotes(expression.trim()).replaceAll("\\s+", " ");
    text = text.replace("current_timestamp", "now()").replace("transaction_timestamp()", "now()");
    text = CAST.matcher(text).replaceAll("");
    text = text.replaceAll("\\(\\s+", "(").replaceAll("\\s+\\)", ")").replaceAll("\\s*,\\s*", ", ");
    text = removeRedundantParentheses(text);
    return sortBooleanOperands(text);
  }

  /**
   * The operands of every {@code AND}/{@code OR} chain sorted, at every level of parentheses: the server prints
   * them in the order they were written, and a person writes them in any order. An operand that is itself a chain
   * of the other operator keeps its parentheses, so the meaning stays.
   */
  static String sortBooleanOperands(String text) {
    String inner = text.trim();
    while (wrapped(inner)) {
      inner = inner.substring(1, inner.length() - 1).trim();
    }
    for (String operator : new String[] {" or ", " and "}) {
      List<String> operands = splitTopLevel(inner, operator);
      if (operands.size() > 1) {
        return operands.stream().map(SqlText::sortBooleanOperands)
            .map(operand -> splitTopLevel(operand, " or ").size() > 1 || splitTopLevel(operand, " and ").size() > 1
                ? "(" + operand + ")" : operand)
            .sorted().collect(java.util.stream.Collectors.joining(operator));
      }
    }
    return sortInsideParentheses(inner);
  }

  /** Every parenthesised group of a text that is not itself a chain, sorted inside: {@code not (b or a)}. */
  private static String sortInsideParentheses(String text) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (!quoted && c == '(') {
        int close = closingParenthesis(text, i);
        out.append('(').append(sortBooleanOperands(text.substring(i + 1, close))).append(')');
        i = close;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The parts of a text between occurrences of {@code separator} outside parentheses and quoted literals, trimmed:
   * the elements of a list ({@code ","}) or the operands of a chain ({@code " and "}).
   */
  public static List<String> splitTopLevel(String text, String separator) {
    List<String> parts = new java.util.ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && text.startsWith(separator, i)) {
        parts.add(text.substring(start, i).trim());
        start = i + separator.length();
        i = start - 1;
      }
    }
    parts.add(text.substring(start).trim());
    return parts;
  }

  /** Collapses whitespace runs to one space and trims; keeps case. For view definitions. */
  public static String collapseWhitespace(String sql) {
    if (sql == null) {
      return null;
    }
    String text = sql.trim().replaceAll("\\s+", " ");
    return text.endsWith(";") ? text.substring(0, text.length() - 1).trim() : text;
  }

  static String lowerOutsideQuotes(String text) {
    StringBuilder b = new StringBuilder(text.length());
    char quote = 0;
    for (char c : text.toCharArray()) {
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      }
      b.append(quote == 0 ? Character.toLowerCase(c) : c);
    }
    return b.toString();
  }

  /**
   * Removes parentheses around the whole text and around single identifiers or literals, which
   * PostgreSQL's deparser adds freely: {@code ((name)::text)} -> {@code name}.
   */
  static String removeRedundantParentheses(String text) {
    String previous;
    do {
      previous = text;
      // around a bare identifier, number or quoted literal, not a function call's argument list
      text = text.replaceAll("(?<![a-z0-9_])\\(([a-z_][a-z0-9_.]*|\\d+(?:\\.\\d+)?|'[^']*')\\)", "$1");
      text = text.trim();
      if (wrapped(text)) {
        text = text.substring(1, text.length() - 1).trim();
      }
    } while (!text.equals(previous));
    return text;
  }

  /** Whether the opening parenthesis at 0 closes at the very end. */
  private static boolean wrapped(String text) {
    return text.startsWith("(") && text.endsWith(")") && closingParenthesis(text, 0) == text.length() - 1;
  }

  /**
   * The index of the parenthesis that closes the one at {@code open}, skipping quoted literals;
   * the last index when it never closes.
   */
  public static int closingParenthesis(String text, int open) {
    int depth = 0;
    boolean quoted = false;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return i;
      }
    }
    return text.length() - 1;
  }

  /** Lower-case identifier comparison helper for names that may be quoted. */
  static String name(String name) {
    return name == null ? null : name.replace("\"", "").toLowerCase(Locale.ROOT);
  }
}
