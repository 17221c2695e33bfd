package dev.schemakit.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Identity;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.Table;
import dev.schemakit.model.TriggerEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractReaderTests {

  static final String GUILDS = """
      schema: public
      tables:
        guilds:
          strict: true
          columns:
            id:         { type: serial }
            name:       { type: varchar(255), nullable: false }
            realm:      { type: "character varying(255)", nullable: false }
            gm_bnet_id: { type: int4, nullable: false }
            deleted_at: { type: timestamptz }
            created_at: { type: timestamptz, nullable: false, default: now() }
            token:      { type: uuid, identity: true }
          primary_key: [id]
          foreign_keys:
            - { columns: [gm_bnet_id], references: users(bnet_id), on_delete: restrict }
          indexes:
            - { name: ix_guilds_name, columns: [name] }
            - { columns: [realm, name], unique: true, where: "deleted_at IS NULL" }
          checks:
            - { name: guilds_name_not_blank, expression: "length(name) > 0" }
          triggers:
            - { name: trg, timing: before, events: [delete, update], function: soft_delete() }
          soft_delete: deleted_at
      """;

  @Test
  void readsTheDesignSketchFormat() {
    Catalog catalog = ContractReader.read(Map.of("guilds.yaml", GUILDS));
    Table guilds = catalog.table("public", "guilds").orElseThrow();
    assertThat(guilds.strict()).isTrue();
    Column id = guilds.column("id").orElseThrow();
    assertThat(id.type()).isEqualTo("integer");
    assertThat(id.nullable()).isFalse();
    assertThat(id.defaultValue()).isEqualTo("nextval('guilds_id_seq'::regclass)");
    assertThat(guilds.column("realm").orElseThrow().type()).isEqualTo("character varying(255)");
    assertThat(guilds.column("name").orElseThrow().type()).isEqualTo("character varying(255)");
    assertThat(guilds.column("gm_bnet_id").orElseThrow().type()).isEqualTo("integer");
    assertThat(guilds.column("deleted_at").orElseThrow().nullable()).as("strict: missing means nullable").isTrue();
    assertThat(guilds.column("token").orElseThrow().identity()).isEqualTo(Identity.ANY);
    ForeignKey fk = guilds.foreignKeys().get(0);
    assertThat(fk.referencedSchema()).isEqualTo("public");
    assertThat(fk.referencedColumns()).containsExactly("bnet_id");
    assertThat(fk.onDelete()).isEqualTo(ReferentialAction.RESTRICT);
    assertThat(fk.onUpdate()).as("strict: missing means NO ACTION").isEqualTo(ReferentialAction.NO_ACTION);
    assertThat(guilds.indexes()).hasSize(2);
    assertThat(guilds.indexes().get(1).where()).isEqualTo("deleted_at IS NULL");
    assertThat(guilds.triggers().get(0).events()).containsExactly(TriggerEvent.UPDATE, TriggerEvent.DELETE);
    assertThat(guilds.softDelete().column()).isEqualTo("deleted_at");
    assertThat(guilds.softDelete().kind()).isNull();
    assertThat(guilds.columns().get(1).origin()).hasToString("guilds.yaml:7:19");
  }

  @Test
  void partialTablesLeaveUnstatedAttributesUnasserted() {
    Catalog catalog = ContractReader.read(Map.of("a.yaml", """
        tables:
          users:
            columns:
              bnet_id: { type: integer }
              last_login:
            soft_delete: { column: last_login, kind: timestamp, unique_excludes_deleted: false }
        """));
    Table users = catalog.table("public", "users").orElseThrow();
    assertThat(users.column("bnet_id").orElseThrow().nullable()).isNull();
    assertThat(users.column("last_login").orElseThrow().type()).isNull();
    assertThat(users.rowLevelSecurity()).isNull();
    assertThat(users.softDelete().kind()).isEqualTo(SoftDeleteKind.TIMESTAMP);
    assertThat(users.softDelete().uniqueExcludesDeleted()).isFalse();
  }

  @Test
  void unknownKeySuggestsTheNearestOneWithFileLineAndColumn() {
    assertThatThrownBy(() -> ContractReader.read(Map.of("users.yaml", """
        tables:
          users:
            colums:
              id: { type: integer }
        """)))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("users.yaml:3:5: unknown key 'colums' in table users. Did you mean 'columns'?");
  }

  @Test
  void wrongValueTypesAreNamedWithWhatWasExpectedAndFound() {
    ContractException e = (ContractException) org.assertj.core.api.Assertions.catchThrowable(() ->
        ContractReader.read(Map.of("t.yaml", """
            tables:
              t:
                columns:
                  a: { type: integer, nullable: maybe }
                  b: { type: [integer] }
                foreign_keys:
                  - { columns: [a], references: "other", on_delete: cascad }
            """)));
    assertThat(e.problems()).extracting(ContractProblem::toString).containsExactly(
        "t.yaml:4:37: nullable must be true or false, but was 'maybe'.",
        "t.yaml:5:18: type must be a single value, but was a list.",
        "t.yaml:7:37: references must look like 'table(column, ...)' or 'schema.table(column, ...)', but was 'other'.",
        "t.yaml:7:57: on_delete must be one of no_action, restrict, cascade, set_null, set_default, but was 'cascad'. Did you mean 'cascade'?");
  }

  @Test
  void aStrictTablesReferencesToColumnsItDoesNotListAreErrorsWithTheFix() {
    assertThatThrownBy(() -> ContractReader.read(Map.of("t.yaml", """
        tables:
          guilds:
            strict: true
            columns:
              id: { type: integer }
              name: { type: text }
            primary_key: [idd]
            indexes:
              - { columns: [realm, lower(name)] }
        """)))
        .hasMessageContaining("t.yaml:7:18: primary key of table public.guilds names column 'idd', which the table"
            + " does not list under columns. Did you mean 'id'?")
        .hasMessageContaining("t.yaml:9:9: index of table public.guilds names column 'realm', which the table does"
            + " not list under columns. Add it to columns (an empty entry 'realm: {}' asserts only that it exists).")
        .hasMessageNotContaining("lower(name)");
  }

  @Test
  void aPartialTableMayNameColumnsItDoesNotList() {
    var catalog = ContractReader.read(Map.of("t.yaml", """
        tables:
          guilds:
            indexes:
              - { columns: [realm, lower(name)] }
        """));
    assertThat(catalog.schema("public").orElseThrow().table("guilds").orElseThrow().indexes()).singleElement()
        .satisfies(index -> assertThat(index.elements()).containsExactly("realm", "lower(name)"));
  }

  @Test
  void duplicateTablesAcrossFilesNameBothPlaces() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.yaml", "tables:\n  users:\n    columns:\n      id: { type: integer }\n");
    files.put("b.yaml", "schema: public\ntables:\n  users: {}\n");
    assertThatThrownBy(() -> ContractReader.read(files))
        .hasMessageContaining("b.yaml:3:10: table public.users is declared twice: also at a.yaml:3:5");
  }

  @Test
  void malformedYamlIsReportedAtItsPosition() {
    assertThatThrownBy(() -> ContractReader.read(Map.of("bad.yaml", "tables:\n  users: { columns: [a, b }\n")))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("bad.yaml:2:")
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void aMissingDirectoryIsOneClearError() {
    assertThatThrownBy(() -> ContractReader.readDirectory(java.nio.file.Path.of("no-such-contracts")))
        .hasMessageContaining("no-such-contracts")
        .hasMessageContaining("does not exist");
  }
}
