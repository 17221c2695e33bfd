package dev.schemakit.model;

/**
 * A function or procedure the migrations created (trigger functions among them; functions that belong to an
 * extension are the extension's, not listed). In a contract a {@code null} attribute is not asserted.
 *
 * @param signature name and argument types as PostgreSQL prints them, e.g. {@code touch()} or
 *     {@code add_points(integer, integer)}: what a trigger names
 * @param kind {@code function} or {@code procedure}
 * @param returns the result type ({@code trigger}, {@code integer}, {@code SETOF text}); {@code null} for procedures
 * @param language {@code plpgsql}, {@code sql}, ...
 * @param volatility {@code volatile}, {@code stable} or {@code immutable}
 * @param securityDefiner whether it runs with its owner's rights
 * @param bodySha256 the first 16 hex digits of the SHA-256 of the body with comments and whitespace runs evened
 *     out ({@link #bodyHash(String, String)})
 * @param body the body as written (contracts may give it instead of the hash; snapshots have it)
 * @param origin contract position, {@code null} for snapshots
 */
public record Routine(String signature, String kind, String returns, String language, String volatility,
    Boolean securityDefiner, String bodySha256, String body, Origin origin) {

  public Routine {
    ModelChecks.name(signature, "function");
  }

  /**
   * The hash a body is compared by: {@code --} and {@code /* *\/} comments removed (outside quotes), whitespace runs
   * made one space, trimmed, and for {@code sql} and {@code plpgsql}, whose keywords and unquoted names ignore case,
   * lower case outside quotes; so re-indenting, commenting or re-casing a function is no change, and any other edit
   * is.
   *
   * @param language the function's language; {@code null} keeps case
   */
  public static String bodyHash(String body, String language) {
    boolean foldCase = "sql".equals(language) || "plpgsql".equals(language);
    if (body == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    int i = 0;
    char quote = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (quote == 0 && c == '-' && body.startsWith("--", i)) {
        int end = body.indexOf('\n', i);
        i = end < 0 ? body.length() : end;
        continue;
      }
      if (quote == 0 && c == '/' && body.startsWith("/*", i)) {
        int end = body.indexOf("*/", i + 2);
        i = end < 0 ? body.length() : end + 2;
        text.append(' ');
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      }
      text.append(quote == 0 && foldCase ? Character.toLowerCase(c) : c);
      i++;
    }
    String canonical = text.toString().replaceAll("\\s+", " ").trim();
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
