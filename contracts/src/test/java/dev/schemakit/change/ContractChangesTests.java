package dev.schemakit.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemakit.change.Change.Category;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Classifying contract changes as a pull request reviewer needs them; no database. */
class ContractChangesTests {

  private static final String BASE = """
      schema: public
      strict: true
      enums:
        guild_status: [active, archived]
      tables:
        guilds:
          strict: true
          columns:
            id: { type: serial }
            name: { type: varchar(50), nullable: false }
            realm: varchar(50)
            motto: varchar(100)
            gm_bnet_id: integer
            score: integer
            old_tag: varchar(10)
          primary_key: [id]
          foreign_keys:
            - { columns: [gm_bnet_id], references: users(bnet_id), on_delete: restrict }
          indexes:
            - { name: ix_guilds_name, columns: [name] }
            - { name: ix_guilds_motto, columns: [motto] }
        users:
          strict: true
          columns:
            bnet_id: { type: integer, nullable: false }
          primary_key: [bnet_id]
        audit_log:
          strict: true
          columns:
            id: { type: bigint, nullable: false }
      """;

  private static final String HEAD = """
      schema: public
      strict: true
      enums:
        guild_status: [active, archived, disbanded]
      tables:
        guilds:
          strict: true
          columns:
            id: { type: serial }
            name: { type: varchar(100), nullable: false }
            realm: { type: varchar(50), nullable: false }
            motto: varchar(20)
            gm_bnet_id: integer
            score: bigint
            new_tag: varchar(10)
            region: varchar(10)
            created_at: { type: timestamptz, nullable: false, default: now() }
            rank: { type: integer, nullable: false }
          primary_key: [id]
          foreign_keys:
            - { columns: [gm_bnet_id], references: users(bnet_id), on_delete: cascade }
          indexes:
            - { name: ix_guilds_name, columns: [name] }
            - { name: ix_guilds_realm, columns: [realm] }
            - { name: ux_guilds_realm_name, columns: [realm, name], unique: true }
        users:
          strict: true
          columns:
            bnet_id: { type: integer, nullable: false }
          primary_key: [bnet_id]
        raids:
          strict: true
          columns:
            id: { type: bigint, nullable: false }
      """;

  @Test
  void everyChangeIsClassifiedAndBreakingOnesSayWhy() {
    List<Change> changes = ContractChanges.between(read(BASE), read(HEAD));

    assertThat(changes).extracting(Change::path, Change::category, Change::breaking).containsExactlyInAnyOrder(
        tuple("public.guild_status", Category.ADDITIVE, false),
        tuple("public.audit_log", Category.DESTRUCTIVE, true),
        tuple("public.raids", Category.ADDITIVE, false),
        tuple("public.guilds.region", Category.ADDITIVE, false),
        tuple("public.guilds.created_at", Category.ADDITIVE, false),
        tuple("public.guilds.rank", Category.CHANGED, true),
        tuple("public.guilds.old_tag", Category.DESTRUCTIVE, true),
        tuple("public.guilds.name", Category.CHANGED, false),
        tuple("public.guilds.realm", Category.CHANGED, true),
        tuple("public.guilds.motto", Category.CHANGED, true),
        tuple("public.guilds.score", Category.CHANGED, false),
        tuple("public.guilds.gm_bnet_id", Category.CHANGED, true),
        tuple("public.guilds.ix_guilds_motto", Category.DESTRUCTIVE, false),
        tuple("public.guilds.ix_guilds_realm", Category.ADDITIVE, false),
        tuple("public.guilds.ux_guilds_realm_name", Category.CHANGED, true));
    assertThat(changes).filteredOn(c -> c.path().equals("public.guilds.old_tag")).singleElement()
        .extracting(Change::description).isEqualTo("column public.guilds.old_tag renamed to new_tag (same position and type): the "
            + "running version still uses the old name");
    assertThat(changes).filteredOn(c -> c.path().equals("public.guilds.realm")).singleElement()
        .extracting(Change::description).isEqualTo("column public.guilds.realm is now NOT NULL without a default: "
            + "inserts of the running version that leave it out fail");
    assertThat(changes).filteredOn(c -> c.path().equals("public.guilds.motto")).singleElement()
        .extracting(Change::description).isEqualTo("column public.guilds.motto type varchar(100) -> varchar(20): "
            + "values of the running version may no longer fit or convert");
  }

  @Test
  void wideningIsNotBreaking() {
    assertThat(TypeWidening.widens("character varying(50)", "character varying(100)")).isTrue();
    assertThat(TypeWidening.widens("character varying(50)", "text")).isTrue();
    assertThat(TypeWidening.widens("integer", "bigint")).isTrue();
    assertThat(TypeWidening.widens("numeric(10,2)", "numeric(12,2)")).isTrue();
    assertThat(TypeWidening.widens("numeric(10,2)", "numeric(10,3)")).isFalse();
    assertThat(TypeWidening.widens("bigint", "integer")).isFalse();
    assertThat(TypeWidening.widens("text", "character varying(10)")).isFalse();
  }

  @Test
  void theDiagramGoesAfterTheBreakingChangesAndIsTheLastToBeCut() {
    List<Change> changes = ContractChanges.between(read(BASE), read(HEAD));
    var diagram = ChangeReports.diagram(changes, read(BASE), read(HEAD), 30);
    assertThat(diagram.mermaid()).startsWith("erDiagram\n").contains("(changed)");

    String full = ChangeReports.markdown(changes, diagram, ChangeReports.GITHUB_COMMENT_LIMIT);
    assertThat(full.indexOf("```mermaid\nerDiagram")).isGreaterThan(full.indexOf("**Breaking"))
        .isLessThan(full.indexOf("<details>"));

    int withoutDetails = full.indexOf("<details>") + 200;
    String noList = ChangeReports.markdown(changes, diagram, withoutDetails);
    assertThat(noList).contains("```mermaid").doesNotContain("<details>").contains("15 change(s) in total")
        .hasSizeLessThanOrEqualTo(withoutDetails);

    String tight = ChangeReports.markdown(changes, diagram, 1200);
    assertThat(tight).doesNotContain("```mermaid").hasSizeLessThanOrEqualTo(1200);
  }

  @Test
  void markdownHasTheMarkerASummaryAndFallsBackWhenTooLong() {
    List<Change> changes = ContractChanges.between(read(BASE), read(HEAD));

    String full = ChangeReports.markdown(changes, ChangeReports.GITHUB_COMMENT_LIMIT);
    assertThat(full).startsWith(ChangeReports.MARKDOWN_MARKER + "\n### Schema contract changes\n")
        .contains("| 5 | 7 | 3 | **7** |").contains("<details><summary>All 15 change(s)</summary>")
        .contains("- `public.guilds.rank`: column public.guilds.rank added (integer NOT NULL) without a default: "
            + "inserts of the running version fail");

    String capped = ChangeReports.markdown(changes, 1200);
    assertThat(capped.length()).isLessThanOrEqualTo(1200);
    assertThat(capped).startsWith(ChangeReports.MARKDOWN_MARKER).doesNotContain("<details>")
        .contains("15 change(s) in total; the full list does not fit in 1200 characters.");
    assertThat(ChangeReports.markdown(List.of(), 1000)).endsWith("No changes to the schema contract.\n");
  }

  @Test
  void jsonCountsEachCategory() {
    List<Change> changes = ContractChanges.between(read(BASE), read(HEAD));

    assertThat(ChangeReports.json(changes)).startsWith("{\n  \"summary\": {\"additive\": 5, \"changed\": 7, "
        + "\"destructive\": 3, \"breaking\": 7},");
  }

  @Test
  void functionsDomainsPartitionsExclusionsAndPoliciesAreClassified() {
    String base = """
        strict: true
        domains:
          email: { type: text, nullable: true, checks: [{ expression: "VALUE ~ '@'" }] }
        functions:
          "touch()": { returns: trigger, language: plpgsql, body_sha256: "aaaaaaaaaaaaaaaa" }
          "old_helper()": { returns: integer, language: sql }
        tables:
          readings:
            strict: true
            columns: { id: { type: bigint, nullable: false } }
            partition_by: RANGE (id)
            partitions:
              r1: "FOR VALUES FROM (0) TO (100)"
              r2: "FOR VALUES FROM (100) TO (200)"
          bookings:
            strict: true
            columns: { id: { type: bigint, nullable: false } }
            row_level_security:
              policies:
                - { name: own_rows, using: "id > 0" }
        """;
    String head = """
        strict: true
        domains:
          email: { type: text, nullable: false, checks: [{ expression: "VALUE ~ '@'" }] }
        functions:
          "touch()": { returns: trigger, language: plpgsql, body_sha256: "bbbbbbbbbbbbbbbb" }
        tables:
          readings:
            strict: true
            columns: { id: { type: bigint, nullable: false } }
            partition_by: RANGE (id)
            partitions:
              r1: "FOR VALUES FROM (0) TO (100)"
              r3: "FOR VALUES FROM (200) TO (300)"
          bookings:
            strict: true
            columns: { id: { type: bigint, nullable: false } }
            exclusions:
              - { name: no_overlap, definition: "EXCLUDE USING gist (id WITH =)" }
            row_level_security:
              policies:
                - { name: own_rows, using: "id > 1" }
        """;
    assertThat(ContractChanges.between(read(base), read(head)))
        .extracting(Change::category, Change::breaking, Change::path)
        .containsExactlyInAnyOrder(
            tuple(Category.DESTRUCTIVE, true, "public.old_helper()"),
            tuple(Category.CHANGED, false, "public.touch().body"),
            tuple(Category.CHANGED, true, "public.email"),
            tuple(Category.DESTRUCTIVE, true, "public.readings.r2"),
            tuple(Category.ADDITIVE, false, "public.readings.r3"),
            tuple(Category.CHANGED, true, "public.bookings.no_overlap"),
            tuple(Category.CHANGED, true, "public.bookings.row_level_security"));
  }

  private static Catalog read(String yaml) {
    return ContractReader.read(Map.of("public.yaml", yaml));
  }
}
