package dev.schemakit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line-by-line reader agrees with the statement cutter on where a statement may end. */
class OpenQuotesTests {

  static final String SCRIPT = """
      create function f1() returns text language plpgsql as $body1$
      begin
        return 'a; b';
      end $body1$;
      select E'it\\'s; still', 'it''s; still
      ' as x;
      /* a comment /* nested; */ still;
      */ select "a;
      b" from t;
      select 1; -- $$ a comment's dollar signs;
      select a$b$ from t;
      """;

  @Test
  void aLineEndsOpenExactlyWhereTheStatementCutterWouldNotEndAStatement() {
    SqlScript.OpenQuotes quotes = new SqlScript.OpenQuotes();
    List<Boolean> open = new ArrayList<>();
    for (String line : SCRIPT.lines().toList()) {
      quotes.scan(line);
      open.add(quotes.open());
    }

    // open inside the body (1-3), the string of lines 5-6, the comment of 7 and the quoted name of 8-9
    assertThat(open).containsExactly(true, true, true, false, true, false, true, true, false, false, false);
    assertThat(SqlScript.statements(SCRIPT)).extracting(SqlScript.Statement::line).containsExactly(1, 5, 8, 10, 11);
  }
}
