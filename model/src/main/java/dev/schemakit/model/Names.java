package dev.schemakit.model;

/** Names of database objects: similarity for "did you mean", and quoting for SQL. */
public final class Names {

  private Names() {}

  /** Levenshtein distance; names are short, so the two-row table is plenty. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** A PostgreSQL identifier in double quotes, inner quotes doubled: safe for any name in DDL. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A qualified name for DDL: {@code "Sales Ops"."Order"}; the one way every module writes one. */
  public static String quote(String schema, String name) {
    return quote(schema) + '.' + quote(name);
  }

  /**
   * A name as PostgreSQL keeps it: {@code "offset"} is {@code offset}, {@code "Order ""x"""} is {@code Order "x"};
   * anything not wholly in double quotes is returned as it is. Contracts may write a name either way.
   */
  public static String unquote(String name) {
    if (name != null && name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      String inner = name.substring(1, name.length() - 1);
      if (!inner.replace("\"\"", "").contains("\"")) {
        return inner.replace("\"\"", "\"");
      }
    }
    return name;
  }

  /** A SQL string literal in single quotes, inner quotes doubled. */
  public static String quoteLiteral(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
