package dev.schemakit.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.Catalog;
import dev.schemakit.report.Reports;
import dev.schemakit.yaml.ContractReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff on models alone; the "actual" side is written as a strict contract of what a database has. */
class SchemaDiffTests {

  static final Catalog ACTUAL = ContractReader.read(Map.of("db.yaml", """
      enums:
        status: [active, archived]
      tables:
        guilds:
          strict: true
          columns:
            id: { type: serial }
            name: { type: varchar(100), nullable: false }
            realm: { type: text, nullable: false }
            deleted_at: { type: timestamptz }
            gm_bnet_id: { type: integer }
          primary_key: { name: guilds_pkey, columns: [id] }
          foreign_keys:
            - { name: guilds_gm_fkey, columns: [gm_bnet_id], references: users(bnet_id), on_delete: cascade }
          indexes:
            - { name: ux_guilds_realm_name, columns: [realm, name], unique: true }
            - { name: ix_guilds_extra, columns: [realm] }
          checks:
            - { name: guilds_name_check, expression: "(length((name)::text) > 0)" }
      """));

  @Test
  void reportsEveryDifferenceWithCodePathAndOrigin() {
    Catalog expected = ContractReader.read(Map.of("contracts/guilds.yaml", """
        enums:
          status: [active, archived, banned]
        tables:
          guilds:
            strict: true
            columns:
              id: { type: serial }
              name: { type: varchar(255), nullable: false }
              realm: { type: text }
              deleted_at: { type: timestamptz }
              gm_bnet_id: { type: integer }
              created_at: { type: timestamptz }
            primary_key: [id]
            foreign_keys:
              - { columns: [gm_bnet_id], references: users(bnet_id), on_delete: restrict }
            indexes:
              - { name: ux_guilds_realm_name, columns: [realm, name], unique: true }
            checks:
              - { expression: "length(name) > 0" }
            soft_delete: deleted_at
          users:
            columns:
              bnet_id: { type: integer }
        """));
    DiffResult result = SchemaDiff.compare(expected, ACTUAL);
    assertThat(result.findings()).extracting(f -> f.code() + " " + f.path()).containsExactly(
        "COLUMN_TYPE_MISMATCH public.guilds.name",
        "COLUMN_NULLABILITY_MISMATCH public.guilds.realm",
        "COLUMN_MISSING public.guilds.created_at",
        "FOREIGN_KEY_ACTION_MISMATCH public.guilds.fk[gm_bnet_id].on_delete",
        "INDEX_UNEXPECTED public.guilds.ix_guilds_extra",
        "SOFT_DELETE_UNIQUE_INCLUDES_DELETED public.guilds.ux_guilds_realm_name",
        "TABLE_MISSING public.users",
        "ENUM_LABELS_MISMATCH public.status");
    Finding type = result.findings().get(0);
    assertThat(type.message()).isEqualTo(
        "column public.guilds.name has type character varying(100), contract expects character varying(255)");
    assertThat(type.origin()).hasToString("contracts/guilds.yaml:8:13");
    assertThat(type.severity()).isEqualTo(Severity.ERROR);
    assertThat(result.passed()).isFalse();
    assertThat(result.subjects()).containsExactly("public.guilds", "public.users", "public.status");
  }

  @Test
  void partialContractsCheckOnlyWhatTheyList() {
    Catalog expected = ContractReader.read(Map.of("c.yaml", """
        tables:
          guilds:
            columns:
              name: { type: "character varying(100)" }
              realm: {}
            indexes:
              - { columns: [realm, name], unique: true }
        """));
    assertThat(SchemaDiff.compare(expected, ACTUAL).findings()).isEmpty();
  }

  @Test
  void reportsRenderTheSameFindings() {
    Catalog expected = ContractReader.read(Map.of("c.yaml", """
        tables:
          guilds:
            columns:
              name: { type: text }
              deleted_at: {}
            soft_delete: deleted_at
        """));
    DiffResult result = SchemaDiff.compare(expected, ACTUAL);
    assertThat(Reports.text(result)).contains(
        "ERROR   COLUMN_TYPE_MISMATCH public.guilds.name: column public.guilds.name has type character varying(100),"
            + " contract expects text (c.yaml:4:13)");
    assertThat(Reports.markdown(result)).startsWith(Reports.MARKDOWN_MARKER + "\n### schemakit contract check: failed")
        .contains("| error | `SOFT_DELETE_UNIQUE_INCLUDES_DELETED` | `public.guilds.ux_guilds_realm_name` |");
    assertThat(Reports.json(result)).contains("\"passed\": false", "\"errors\": 2",
        "{\"code\": \"COLUMN_TYPE_MISMATCH\", \"severity\": \"ERROR\", \"subject\": \"public.guilds\","
            + " \"path\": \"public.guilds.name\", \"expected\": \"text\", \"actual\": \"character varying(100)\"");
    assertThat(Reports.junitXml("contract", result)).contains(
        "<testsuite name=\"contract\" tests=\"1\" failures=\"1\"",
        "<testcase classname=\"contract\" name=\"public.guilds\">",
        "<failure type=\"COLUMN_TYPE_MISMATCH\" message=\"2 finding(s): column public.guilds.name has type");
  }

  @Test
  void textualNormalisationEvensOutParenthesesCastsAndCase() {
    assertThat(SqlText.canonical("(length((name)::text) > 0)")).isEqualTo(SqlText.canonical("LENGTH(name) > 0"));
    assertThat(SqlText.canonical("CURRENT_TIMESTAMP")).isEqualTo(SqlText.canonical("now()"));
    assertThat(SqlText.canonical("(status = 'Active'::text)")).isEqualTo("status = 'Active'");
    assertThat(SqlText.canonical("a > 1")).isNotEqualTo(SqlText.canonical("a >= 1"));
  }
}
