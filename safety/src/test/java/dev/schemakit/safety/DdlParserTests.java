package dev.schemakit.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.sql.SqlScript;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexer and the DDL parser on statements as real migrations write them; no database. */
class DdlParserTests {

  static Ddl parse(String sql) {
    List<SqlScript.Statement> statements = SqlScript.statements(sql);
    assertThat(statements).hasSize(1);
    return DdlParser.parse(statements.get(0).tokens());
  }

  @Test
  void scriptsAreCutWhereFlywayCutsThemWithTheirLines() {
    List<SqlScript.Statement> statements = SqlScript.statements("""
        -- a comment; with a semicolon
        create function touch() returns trigger language plpgsql as $body$
        begin new.updated_at := now(); return new; end;
        $body$;
        /* nested /* block */ comment; */ insert into notes values ('it''s; here', E'a\\'; b');
        create function add(a int, b int) returns int language sql
        begin atomic select a + b; end;
        select 1
        """);

    assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 5, 6, 8);
    assertThat(statements.get(1).text()).isEqualTo("insert into notes values ('it''s; here', E'a\\'; b')");
    assertThat(statements.get(2).text()).endsWith("begin atomic select a + b; end");
  }

  @Test
  void indexesTablesAndTheirNames() {
    assertThat(parse("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Ix\" ON ONLY app.accounts USING btree "
        + "(lower(email)) INCLUDE (id) WHERE deleted_at IS NULL"))
        .isEqualTo(new Ddl.CreateIndex("Ix", new Ddl.TableName("app", "accounts"), true, true));
    assertThat(parse("create index on accounts (email)"))
        .isEqualTo(new Ddl.CreateIndex(null, new Ddl.TableName(null, "accounts"), false, false));
    assertThat(parse("DROP INDEX CONCURRENTLY IF EXISTS app.ix_a, ix_b CASCADE"))
        .isEqualTo(new Ddl.DropIndex(List.of("ix_a", "ix_b"), true));
    assertThat(parse("create unlogged table if not exists Events (id int)"))
        .isEqualTo(new Ddl.CreateTable(new Ddl.TableName(null, "events")));
    assertThat(parse("reindex index concurrently ix_a")).isEqualTo(new Ddl.NonTransactional("REINDEX CONCURRENTLY"));
  }

  @Test
  void alterTableActions() {
    Ddl parsed = parse("""
        ALTER TABLE IF EXISTS ONLY accounts
          ADD COLUMN IF NOT EXISTS level integer NOT NULL DEFAULT 1,
          ADD COLUMN token uuid DEFAULT gen_random_uuid(),
          ADD COLUMN owner_id bigint NOT NULL REFERENCES users (id) ON DELETE SET NULL,
          ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY,
          ALTER COLUMN score TYPE bigint USING score::bigint,
          ALTER nickname SET NOT NULL,
          ALTER COLUMN email SET DEFAULT '',
          ADD CONSTRAINT fk FOREIGN KEY (guild_id) REFERENCES guilds (id) NOT VALID,
          ADD CHECK (level > 0),
          ADD CONSTRAINT u UNIQUE USING INDEX ix_u,
          VALIDATE CONSTRAINT fk,
          DROP COLUMN IF EXISTS legacy CASCADE,
          ENABLE ROW LEVEL SECURITY
        """);
    assertThat(parsed).isInstanceOf(Ddl.AlterTable.class);
    Ddl.AlterTable alter = (Ddl.AlterTable) parsed;

    assertThat(alter.table()).isEqualTo(new Ddl.TableName(null, "accounts"));
    assertThat(alter.actions()).containsExactly(
        new Ddl.AddColumn("level", "integer", true, "1", List.of(), false, false),
        new Ddl.AddColumn("token", "uuid", false, "gen_random_uuid()", List.of("gen_random_uuid"), false, false),
        new Ddl.AddColumn("owner_id", "bigint", true, null, List.of(), false, true),
        new Ddl.AddColumn("n", "bigint", false, null, List.of(), true, false),
        new Ddl.AlterColumnType("score", "bigint"),
        new Ddl.SetNotNull("nickname"),
        new Ddl.OtherAction("alter column"),
        new Ddl.AddConstraint("fk", "foreign key", true, false, List.of()),
        new Ddl.AddConstraint(null, "check", false, false, List.of("level", ">", "0")),
        new Ddl.AddConstraint("u", "unique", false, true, List.of()),
        new Ddl.ValidateConstraint("fk"),
        new Ddl.DropColumn("legacy"),
        new Ddl.OtherAction("enable"));
    assertThat(parse("alter table accounts rename column nickname to handle"))
        .isEqualTo(new Ddl.AlterTable(new Ddl.TableName(null, "accounts"),
            List.of(new Ddl.RenameColumn("nickname", "handle"))));
  }

  @Test
  void whatItCannotReadIsUnparsedAndOtherStatementsNeedNoStructure() {
    assertThat(parse("alter table accounts add column")).isInstanceOf(Ddl.Unparsed.class);
    assertThat(parse("create index ix on accounts")).isEqualTo(new Ddl.Unparsed(
        "expected ( or USING after the table of CREATE INDEX, found the end of the statement"));
    assertThat(parse("update accounts set a = 1")).isEqualTo(new Ddl.Other("update"));
    assertThat(parse("create type mood as enum ('a', 'b')")).isEqualTo(new Ddl.Other("create"));
  }
}
