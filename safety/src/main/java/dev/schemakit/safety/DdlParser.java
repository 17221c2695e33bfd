package dev.schemakit.safety;

import dev.schemakit.safety.Ddl.Action;
import dev.schemakit.safety.Ddl.TableName;
import dev.schemakit.sql.SqlScript.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the part of PostgreSQL's DDL grammar the deploy-safety rules read:
 * {@code CREATE TABLE}, {@code CREATE/DROP INDEX}, {@code DROP TABLE}, {@code ALTER TABLE} and its
 * actions, and the statements that cannot run in a transaction. Other statements are
 * {@link Ddl.Other}; a statement of a kind it reads in a form it does not know is
 * {@link Ddl.Unparsed}, never an exception.
 */
final class DdlParser {

  private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("not", "null", "default", "constraint", "primary",
      "unique", "check", "references", "generated", "collate");
  private static final Set<String> TABLE_CONSTRAINT_WORDS = Set.of("constraint", "check", "unique", "primary",
      "foreign", "exclude");
  private static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial2", "serial4",
      "serial8");

  private final List<Token> tokens;
  private int at;

  private DdlParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Ddl parse(List<Token> tokens) {
    DdlParser parser = new DdlParser(tokens);
    try {
      return parser.statement();
    } catch (ParseFailure failure) {
      return new Ddl.Unparsed(failure.getMessage());
    }
  }

  private static final class ParseFailure extends RuntimeException {
    ParseFailure(String message) {
      super(message, null, false, false);
    }
  }

  private Ddl statement() {
    String keyword = peek().value();
    if (accept("create")) {
      accept("or", "replace");
      boolean unique = accept("unique");
      if (accept("index")) {
        return createIndex(unique);
      }
      accept("global");
      accept("local");
      boolean temporary = accept("temporary") || accept("temp");
      accept("unlogged");
      if (!unique && accept("table")) {
        accept("if", "not", "exists");
        TableName table = tableName();
        return temporary ? new Ddl.Other("create temporary table") : new Ddl.CreateTable(table);
      }
      if (accept("database") || accept("tablespace")) {
        return new Ddl.NonTransactional("CREATE " + tokens.get(at - 1).value().toUpperCase());
      }
      return new Ddl.Other("create");
    }
    if (accept("drop")) {
      if (accept("index")) {
        boolean concurrently = accept("concurrently");
        accept("if", "exists");
        List<String> names = new ArrayList<>();
        do {
          names.add(qualifiedName().name());
        } while (accept(","));
        return new Ddl.DropIndex(names, concurrently);
      }
      if (accept("table")) {
        accept("if", "exists");
        List<TableName> tables = new ArrayList<>();
        do {
          tables.add(tableName());
        } while (accept(","));
        return new Ddl.DropTable(tables);
      }
      if (accept("database") || accept("tablespace")) {
        return new Ddl.NonTransactional("DROP " + tokens.get(at - 1).value().toUpperCase());
      }
      return new Ddl.Other("drop");
    }
    if (accept("alter")) {
      if (accept("system")) {
        return new Ddl.NonTransactional("ALTER SYSTEM");
      }
      if (accept("table")) {
        return alterTable();
      }
      return new Ddl.Other("alter");
    }
    if (accept("reindex")) {
      return remaining().stream().anyMatch(t -> t.isWord("concurrently"))
          ? new Ddl.NonTransactional("REINDEX CONCURRENTLY") : new Ddl.Other("reindex");
    }
    if (accept("vacuum")) {
      return new Ddl.NonTransactional("VACUUM");
    }
    return new Ddl.Other(keyword);
  }

  private Ddl createIndex(boolean unique) {
    boolean concurrently = accept("concurrently");
    accept("if", "not", "exists");
    String name = null;
    if (!peek().isWord("on")) {
      name = qualifiedName().name();
    }
    expect("on");
    accept("only");
    TableName table = tableName();
    if (!peek().isSymbol("(") && !peek().isWord("using")) {
      throw new ParseFailure("expected ( or USING after the table of CREATE INDEX, found " + describe(peek()));
    }
    return new Ddl.CreateIndex(name, table, concurrently, unique);
  }

  private Ddl alterTable() {
    accept("if", "exists");
    accept("only");
    TableName table = tableName();
    accept("*");
    if (peek().isWord("attach") || peek().isWord("detach") || peek().isWord("set") && peekAt(1).isWord("schema")) {
      return new Ddl.AlterTable(table, List.of(new Ddl.OtherAction(peek().value())));
    }
    if (accept("rename")) {
      if (accept("to")) {
        return new Ddl.AlterTable(table, List.of(new Ddl.RenameTable(name())));
      }
      if (accept("constraint")) {
        return new Ddl.AlterTable(table, List.of(new Ddl.OtherAction("rename constraint")));
      }
      accept("column");
      String from = name();
      expect("to");
      return new Ddl.AlterTable(table, List.of(new Ddl.RenameColumn(from, name())));
    }
    List<Action> actions = new ArrayList<>();
    do {
      actions.add(action());
    } while (accept(","));
    if (at < tokens.size()) {
      throw new ParseFailure("unexpected " + describe(peek()) + " after an ALTER TABLE action");
    }
    return new Ddl.AlterTable(table, actions);
  }

  private Action action() {
    if (accept("add")) {
      if (TABLE_CONSTRAINT_WORDS.contains(peek().value()) && peek().type() == Token.Type.WORD) {
        return tableConstraint();
      }
      accept("column");
      accept("if", "not", "exists");
      return addColumn();
    }
    if (accept("alter")) {
      accept("column");
      String column = name();
      if (accept("type") || accept("set", "data", "type")) {
        String type = text(untilActionEnd(Set.of("using", "collate")));
        skipAction(); // USING expression, COLLATE
        return new Ddl.AlterColumnType(column, type);
      }
      if (accept("set", "not", "null")) {
        return new Ddl.SetNotNull(column);
      }
      skipAction();
      return new Ddl.OtherAction("alter column");
    }
    if (accept("drop")) {
      if (accept("constraint")) {
        skipAction();
        return new Ddl.OtherAction("drop constraint");
      }
      accept("column");
      accept("if", "exists");
      String column = name();
      skipAction();
      return new Ddl.DropColumn(column);
    }
    if (accept("validate", "constraint")) {
      return new Ddl.ValidateConstraint(name());
    }
    String keyword = peek().value();
    skipAction();
    return new Ddl.OtherAction(keyword);
  }

  private Action addColumn() {
    String column = name();
    List<Token> type = untilActionEnd(COLUMN_CONSTRAINT_WORDS);
    if (type.isEmpty()) {
      throw new ParseFailure("ADD COLUMN " + column + " has no type");
    }
    String typeText = text(type);
    boolean notNull = false;
    boolean references = false;
    boolean filledPerRow = SERIAL_TYPES.contains(type.get(0).value()) && type.size() == 1;
    List<Token> defaultExpression = null;
    while (!actionEnd()) {
      if (accept("not", "null")) {
        notNull = true;
      } else if (accept("null")) {
        notNull = false;
      } else if (accept("default")) {
        defaultExpression = untilActionEnd(COLUMN_CONSTRAINT_WORDS);
      } else if (accept("constraint")) {
        name();
      } else if (accept("primary", "key")) {
        notNull = true;
      } else if (accept("unique")) {
        if (!accept("nulls", "not", "distinct")) {
          accept("nulls", "distinct");
        }
      } else if (accept("check")) {
        group();
      } else if (accept("references")) {
        references = true;
        tableName();
        // ON DELETE SET NULL / SET DEFAULT belong to the reference, not to the column
        untilActionEnd(Set.of("not", "constraint", "primary", "unique", "check", "references", "generated", "collate",
            "deferrable", "initially"));
      } else if (accept("generated")) {
        filledPerRow = true;
        untilActionEnd(Set.of("not", "null", "default", "constraint", "primary", "unique", "check", "references"));
      } else if (accept("collate")) {
        qualifiedName();
      } else if (accept("deferrable") || accept("not", "deferrable")) {
        continue;
      } else if (accept("initially")) {
        name();
      } else {
        throw new ParseFailure("unexpected " + describe(peek()) + " in the definition of column " + column);
      }
    }
    List<String> functions = new ArrayList<>();
    if (defaultExpression != null) {
      for (int i = 0; i + 1 < defaultExpression.size(); i++) {
        if (defaultExpression.get(i).isName() && defaultExpression.get(i + 1).isSymbol("(")) {
          functions.add(defaultExpression.get(i).value());
        }
      }
    }
    return new Ddl.AddColumn(column, typeText, notNull, defaultExpression == null ? null : text(defaultExpression),
        functions, filledPerRow, references);
  }

  private Action tableConstraint() {
    String name = accept("constraint") ? name() : null;
    String kind = peek().value();
    List<Token> rest = untilActionEnd(Set.of());
    boolean notValid = false;
    if (rest.size() >= 2 && rest.get(rest.size() - 1).isWord("valid") && rest.get(rest.size() - 2).isWord("not")) {
      notValid = true;
      rest = rest.subList(0, rest.size() - 2);
    }
    boolean usingIndex = false;
    for (int i = 0; i + 1 < rest.size(); i++) {
      usingIndex |= rest.get(i).isWord("using") && rest.get(i + 1).isWord("index");
    }
    switch (kind) {
      case "check", "unique", "primary", "foreign", "exclude" -> { }
      default -> throw new ParseFailure("expected CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY or EXCLUDE after ADD "
          + (name == null ? "" : "CONSTRAINT " + name + " ") + "but found " + kind);
    }
    List<String> expression = new ArrayList<>();
    if (kind.equals("check")) {
      for (Token token : rest.subList(1, rest.size())) {
        if (!token.isSymbol("(") && !token.isSymbol(")")) {
          expression.add(token.value());
        }
      }
    }
    return new Ddl.AddConstraint(name, kind.equals("primary") ? "primary key" : kind.equals("foreign") ? "foreign key"
        : kind, notValid, usingIndex, expression);
  }

  // --- cursor

  private Token peek() {
    return peekAt(0);
  }

  private Token peekAt(int ahead) {
    int index = at + ahead;
    if (index < tokens.size()) {
      return tokens.get(index);
    }
    int end = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
    int line = tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
    return new Token(Token.Type.SYMBOL, "", line, end, end);
  }

  /** Takes the words when all of them come next, in order. */
  private boolean accept(String... words) {
    for (int i = 0; i < words.length; i++) {
      Token token = peekAt(i);
      boolean matches = words[i].length() == 1 && !Character.isLetter(words[i].charAt(0))
          ? token.isSymbol(words[i]) : token.isWord(words[i]);
      if (!matches) {
        return false;
      }
    }
    at += words.length;
    return true;
  }

  private void expect(String word) {
    if (!accept(word)) {
      throw new ParseFailure("expected " + word.toUpperCase() + " but found " + describe(peek()));
    }
  }

  private String name() {
    Token token = peek();
    if (!token.isName()) {
      throw new ParseFailure("expected a name but found " + describe(token));
    }
    at++;
    return token.value();
  }

  private TableName qualifiedName() {
    String first = name();
    if (accept(".")) {
      return new TableName(first, name());
    }
    return new TableName(null, first);
  }

  private TableName tableName() {
    return qualifiedName();
  }

  private void group() {
    if (!peek().isSymbol("(")) {
      throw new ParseFailure("expected ( but found " + describe(peek()));
    }
    int depth = 0;
    do {
      Token token = tokens.get(at++);
      depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
    } while (depth > 0 && at < tokens.size());
  }

  private boolean actionEnd() {
    return at >= tokens.size() || peek().isSymbol(",");
  }

  /** Tokens up to the end of this action or the first of the words at depth 0. */
  private List<Token> untilActionEnd(Set<String> stopWords) {
    List<Token> taken = new ArrayList<>();
    int depth = 0;
    while (at < tokens.size()) {
      Token token = peek();
      if (depth == 0 && (token.isSymbol(",") || token.isSymbol(")")
          || token.type() == Token.Type.WORD && stopWords.contains(token.value()))) {
        break;
      }
      depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
      taken.add(token);
      at++;
    }
    return taken;
  }

  private void skipAction() {
    untilActionEnd(Set.of());
  }

  private List<Token> remaining() {
    return tokens.subList(at, tokens.size());
  }

  private static String text(List<Token> tokens) {
    StringBuilder text = new StringBuilder();
    Token previous = null;
    for (Token token : tokens) {
      boolean glue = previous != null && (token.isSymbol("(") || token.isSymbol(")") || token.isSymbol(",")
          || token.isSymbol(".") || token.isSymbol("::") || previous.isSymbol("(") || previous.isSymbol(".")
          || previous.isSymbol("::"));
      if (previous != null && !glue) {
        text.append(' ');
      }
      text.append(switch (token.type()) {
        case QUOTED -> "\"" + token.value().replace("\"", "\"\"") + "\"";
        case STRING -> "'" + token.value().replace("'", "''") + "'";
        default -> token.value();
      });
      previous = token;
    }
    return text.toString();
  }

  private static String describe(Token token) {
    return token.value().isEmpty() ? "the end of the statement" : "'" + token.value() + "' (line " + token.line() + ")";
  }
}
