package dev.schemakit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration script cut into statements the way PostgreSQL's lexer sees it: quoted identifiers,
 * standard and escape strings, dollar-quoted bodies, nested block comments and {@code BEGIN ATOMIC}
 * bodies never end a statement. Each statement keeps its line and the {@code -- schemakit:allow}
 * waivers written in the comments right above it. Used by the deploy-safety lint (statements and their tokens)
 * and by the direct application of migrations (transaction control of a script's own); for implementors, not
 * users.
 *
 * <pre>{@code
 * List<SqlScript.Statement> statements = SqlScript.statements("create table a (id int); commit;");
 * statements.get(1).tokens().get(0).isWord("commit"); // true
 * }</pre>
 */
public final class SqlScript {

  /** A dollar-quote delimiter, {@code $$} or {@code $body1$}: a tag is a name (digits after its first character). */
  public static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

  private static final Pattern WAIVER = Pattern.compile("^--\\s*schemakit:allow\\s+([A-Za-z_]+)\\s*(.*)$");

  /** A lexical token; {@code value} is what it means (unquoted words lower-cased, quoted ones unescaped). */
  public record Token(Type type, String value, int line, int start, int end) {
    /** What kind of token. */
    public enum Type { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    /** Whether it is this unquoted word (lower case). */
    public boolean isWord(String word) {
      return type == Type.WORD && value.equals(word);
    }

    /** Whether it is this symbol. */
    public boolean isSymbol(String symbol) {
      return type == Type.SYMBOL && value.equals(symbol);
    }

    /** Whether it names something: a word, or a quoted identifier. */
    public boolean isName() {
      return type == Type.WORD || type == Type.QUOTED;
    }
  }

  /** A {@code -- schemakit:allow CODE reason} comment. */
  public record Waiver(String code, String reason, int line) {}

  /** One statement: its first line, its text as written, its tokens, and the waivers above it. */
  public record Statement(int line, String text, List<Token> tokens, List<Waiver> waivers) {
    public Statement {
      tokens = List.copyOf(tokens);
      waivers = List.copyOf(waivers);
    }
  }

  private final String sql;
  private int position;
  private int line = 1;

  private SqlScript(String sql) {
    this.sql = sql;
  }

  /**
   * The statements of a script.
   *
   * @throws IllegalArgumentException when a string, quoted name or comment is not closed (the message
   *     names the line it opened on)
   */
  public static List<Statement> statements(String sql) {
    return new SqlScript(sql).split();
  }

  private List<Statement> split() {
    List<Statement> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    List<Waiver> waivers = new ArrayList<>();
    int depth = 0;
    int atomicDepth = 0;
    while (true) {
      skipSpaceAndComments(current.isEmpty() ? waivers : null);
      if (position >= sql.length()) {
        break;
      }
      Token token = next();
      if (token.isSymbol(";") && depth == 0 && atomicDepth == 0) {
        if (!current.isEmpty()) {
          statements.add(statement(current, waivers));
        }
        current = new ArrayList<>();
        waivers = new ArrayList<>();
        continue;
      }
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth = Math.max(0, depth - 1);
      } else if (token.isWord("atomic") && !current.isEmpty() && current.get(current.size() - 1).isWord("begin")) {
        atomicDepth++;
      } else if (atomicDepth > 0 && (token.isWord("case") || token.isWord("begin"))) {
        atomicDepth++;
      } else if (atomicDepth > 0 && token.isWord("end")) {
        atomicDepth--;
      }
      current.add(token);
    }
    if (!current.isEmpty()) {
      statements.add(statement(current, waivers));
    }
    return statements;
  }

  private Statement statement(List<Token> tokens, List<Waiver> waivers) {
    Token first = tokens.get(0);
    Token last = tokens.get(tokens.size() - 1);
    return new Statement(first.line(), sql.substring(first.start(), last.end()), tokens, waivers);
  }

  private void skipSpaceAndComments(List<Waiver> waivers) {
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (c == '\n') {
        line++;
        position++;
      } else if (Character.isWhitespace(c)) {
        position++;
      } else if (sql.startsWith("--", position)) {
        int end = sql.indexOf('\n', position);
        end = end < 0 ? sql.length() : end;
        if (waivers != null) {
          Matcher waiver = WAIVER.matcher(sql.substring(position, end).strip());
          if (waiver.matches()) {
            waivers.add(new Waiver(waiver.group(1).toUpperCase(Locale.ROOT), waiver.group(2).strip(), line));
          }
        }
        position = end;
      } else if (sql.startsWith("/*", position)) {
        skipBlockComment();
      } else {
        return;
      }
    }
  }

  private void skipBlockComment() {
    int opened = line;
    int nesting = 0;
    while (position < sql.length()) {
      if (sql.startsWith("/*", position)) {
        nesting++;
        position += 2;
      } else if (sql.startsWith("*/", position)) {
        nesting--;
        position += 2;
        if (nesting == 0) {
          return;
        }
      } else {
        if (sql.charAt(position) == '\n') {
          line++;
        }
        position++;
      }
    }
    throw new IllegalArgumentException("the comment opened at line " + opened + " is never closed with */");
  }

  private Token next() {
    int start = position;
    int startLine = line;
    char c = sql.charAt(position);
    if (c == '\'' || ((c == 'E' || c == 'e') && peek(1) == '\'')) {
      boolean escapes = c != '\'';
      position += escapes ? 2 : 1;
      return new Token(Token.Type.STRING, quoted('\'', escapes, startLine), startLine, start, position);
    }
    if ((c == 'U' || c == 'u') && peek(1) == '&' && peek(2) == '\'') {
      position += 3;
      return new Token(Token.Type.STRING, quoted('\'', false, startLine), startLine, start, position);
    }
    if (c == '"') {
      position++;
      return new Token(Token.Type.QUOTED, quoted('"', false, startLine), startLine, start, position);
    }
    if (c == '$') {
      Matcher tag = DOLLAR_TAG.matcher(sql).region(position, sql.length());
      if (tag.lookingAt()) {
        String delimiter = tag.group();
        int end = sql.indexOf(delimiter, tag.end());
        if (end < 0) {
          throw new IllegalArgumentException("the dollar-quoted string opened with " + delimiter + " at line "
              + startLine + " is never closed");
        }
        String body = sql.substring(tag.end(), end);
        line += (int) body.chars().filter(ch -> ch == '\n').count();
        position = end + delimiter.length();
        return new Token(Token.Type.STRING, body, startLine, start, position);
      }
    }
    if (Character.isLetter(c) || c == '_') {
      while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_'
          || sql.charAt(position) == '$')) {
        position++;
      }
      return new Token(Token.Type.WORD, sql.substring(start, position).toLowerCase(Locale.ROOT), startLine, start,
          position);
    }
    if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
      while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '.'
          || sql.charAt(position) == '_')) {
        position++;
      }
      return new Token(Token.Type.NUMBER, sql.substring(start, position), startLine, start, position);
    }
    if ("(),;.[]".indexOf(c) >= 0) {
      position++;
      return new Token(Token.Type.SYMBOL, String.valueOf(c), startLine, start, position);
    }
    if (c == ':' && peek(1) == ':') {
      position += 2;
      return new Token(Token.Type.SYMBOL, "::", startLine, start, position);
    }
    // an operator: a run of operator characters, as PostgreSQL reads them
    while (position < sql.length() && "+-*/<>=~!@#%^&|`?:".indexOf(sql.charAt(position)) >= 0
        && !sql.startsWith("--", position) && !sql.startsWith("/*", position)) {
      position++;
    }
    if (position == start) {
      position++; // a character PostgreSQL would reject; keep it as a symbol and let the server say so
    }
    return new Token(Token.Type.SYMBOL, sql.substring(start, position), startLine, start, position);
  }

  private String quoted(char quote, boolean backslashEscapes, int openedAt) {
    StringBuilder value = new StringBuilder();
    while (position < sql.length()) {
      char c = sql.charAt(position);
      if (c == '\n') {
        line++;
      }
      if (backslashEscapes && c == '\\' && position + 1 < sql.length()) {
        value.append(sql.charAt(position + 1));
        position += 2;
        continue;
      }
      if (c == quote) {
        if (peek(1) == quote) {
          value.append(quote);
          position += 2;
          continue;
        }
        position++;
        return value.toString();
      }
      value.append(c);
      position++;
    }
    throw new IllegalArgumentException("the " + (quote == '"' ? "quoted name" : "string") + " opened at line "
        + openedAt + " is never closed with " + quote);
  }

  private char peek(int ahead) {
    int at = position + ahead;
    return at < sql.length() ? sql.charAt(at) : '\0';
  }

  /**
   * Whether a script read line by line is inside a string, a quoted name, a dollar-quoted body or a block comment
   * at the end of a line, by the same rules as {@link #statements}: for a reader that cannot hold the whole script
   * (a dump of gigabytes). A line comment ends with its line.
   */
  public static final class OpenQuotes {
    private char quote;
    private boolean escapes;
    private String dollarTag;
    private int comments;

    /** Whether the text so far ends inside a string, a quoted name, a body or a comment. */
    public boolean open() {
      return quote != 0 || dollarTag != null || comments > 0;
    }

    /** Reads one more line. */
    public void scan(String line) {
      int i = 0;
      while (i < line.length()) {
        char c = line.charAt(i);
        if (dollarTag != null) {
          int end = line.indexOf(dollarTag, i);
          if (end < 0) {
            return;
          }
          i = end + dollarTag.length();
          dollarTag = null;
        } else if (comments > 0) {
          if (line.startsWith("/*", i)) {
            comments++;
            i += 2;
          } else if (line.startsWith("*/", i)) {
            comments--;
            i += 2;
          } else {
            i++;
          }
        } else if (quote != 0) {
          if (escapes && c == '\\') {
            i += 2;
          } else if (c == quote && i + 1 < line.length() && line.charAt(i + 1) == quote) {
            i += 2;
          } else {
            if (c == quote) {
              quote = 0;
            }
            i++;
          }
        } else if (line.startsWith("--", i)) {
          return;
        } else if (line.startsWith("/*", i)) {
          comments++;
          i += 2;
        } else if (c == '\'' || c == '"') {
          escapes = c == '\'' && i > 0 && (line.charAt(i - 1) == 'E' || line.charAt(i - 1) == 'e')
              && (i == 1 || !Character.isLetterOrDigit(line.charAt(i - 2)) && line.charAt(i - 2) != '_');
          quote = c;
          i++;
        } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1))
            && line.charAt(i - 1) != '_')) {
          Matcher tag = DOLLAR_TAG.matcher(line).region(i, line.length());
          if (tag.lookingAt()) {
            dollarTag = tag.group();
            i = tag.end();
          } else {
            i++;
          }
        } else {
          i++;
        }
      }
    }
  }
}
