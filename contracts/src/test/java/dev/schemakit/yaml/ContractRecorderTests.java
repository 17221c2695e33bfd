package dev.schemakit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.Catalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Re-recording keeps files, table order and hand-written comments, so the diff shows only real changes. */
class ContractRecorderTests {

  private static final Catalog SNAPSHOT = ContractReader.read(Map.of("snapshot.yaml", """
      schema: public
      tables:
        users:
          columns:
            bnet_id: { type: integer, nullable: false }
          primary_key: [bnet_id]
        guilds:
          columns:
            id: { type: integer, nullable: false }
            name: { type: varchar(100), nullable: false }
            realm: { type: varchar(50), nullable: false }
          primary_key: [id]
          indexes:
            - { name: ix_guilds_realm, columns: [realm] }
        raids:
          columns:
            id: { type: bigint, nullable: false }
      """));

  @Test
  void commentsFilesAndOrderSurviveARecording() {
    String guilds = """
        # Guilds: reviewed by the data team.
        schema: public
        strict: true
        tables:
          # guilds come first in this file on purpose
          guilds:
            strict: true
            columns:
              id: { type: integer, nullable: false }
              # 50 was too short for some realms
              name: { type: varchar(50), nullable: false }  # see ticket GM-12
            primary_key: [id]  # surrogate key
          users:
            strict: true
            columns:
              bnet_id: { type: integer, nullable: false }
            primary_key: [bnet_id]
        """;

    Map<String, String> files = ContractRecorder.record(SNAPSHOT, Map.of("guilds.yaml", guilds));

    assertThat(files).containsOnlyKeys("guilds.yaml");
    assertThat(files.get("guilds.yaml")).isEqualTo("""
        # Guilds: reviewed by the data team.
        schema: public
        strict: true
        tables:
          # guilds come first in this file on purpose
          guilds:
            strict: true
            columns:
              id: { type: integer, nullable: false }
              # 50 was too short for some realms
              name: { type: varchar(100), nullable: false }  # see ticket GM-12
              realm: { type: varchar(50), nullable: false }
            primary_key: [id]  # surrogate key
            indexes:
              - { name: ix_guilds_realm, columns: [realm] }
          users:
            strict: true
            columns:
              bnet_id: { type: integer, nullable: false }
            primary_key: [bnet_id]
          raids:
            strict: true
            columns:
              id: { type: bigint, nullable: false }
        """);
    assertThat(ContractRecorder.record(SNAPSHOT, files)).isEqualTo(files);
  }

  @Test
  void tablesStayInTheirFilesAndNewOnesGoToTheSchemaFile() {
    Map<String, String> existing = Map.of(
        "users.yaml", "schema: public\ntables:\n  users:\n    columns:\n      bnet_id: integer\n",
        "public.yaml", "schema: public\ntables:\n  guilds:\n    columns:\n      id: integer\n  dropped_table:\n"
            + "    columns:\n      id: integer\n");

    Map<String, String> files = ContractRecorder.record(SNAPSHOT, existing);

    assertThat(files).containsOnlyKeys("users.yaml", "public.yaml");
    assertThat(ContractReader.read(Map.of("u.yaml", files.get("users.yaml"))).tableCount()).isEqualTo(1);
    assertThat(files.get("public.yaml")).contains("  guilds:").contains("  raids:").doesNotContain("dropped_table");
  }

  @Test
  void declaredSoftDeletesSurviveWhileTheColumnExists() {
    Catalog withDeletedAt = ContractReader.read(Map.of("s.yaml", """
        schema: public
        tables:
          guilds:
            columns:
              id: { type: integer, nullable: false }
              deleted_at: timestamptz
        """));
    String existing = "schema: public\ntables:\n  guilds:\n    columns:\n      deleted_at: timestamptz\n"
        + "    soft_delete: { column: deleted_at, unique_excludes_deleted: false }\n";

    assertThat(ContractRecorder.record(withDeletedAt, Map.of("public.yaml", existing)).get("public.yaml"))
        .contains("    soft_delete: { column: deleted_at, unique_excludes_deleted: false }\n");
    assertThat(ContractRecorder.record(SNAPSHOT, Map.of("public.yaml", existing)).get("public.yaml"))
        .doesNotContain("soft_delete");
  }

  @Test
  void withoutExistingFilesItIsAFreshRecordingWhoseFilesNameTheSchema() {
    Map<String, String> fresh = new java.util.LinkedHashMap<>();
    ContractWriter.recordFiles(SNAPSHOT).forEach((name, text) -> fresh.put(name,
        "# yaml-language-server: $schema=schemakit-contract.schema.json\n" + text));

    assertThat(ContractRecorder.record(SNAPSHOT, Map.of())).isEqualTo(fresh);
  }

  @Test
  void aFileRecordedAgainKeepsItsSchemaLine() {
    Map<String, String> first = ContractRecorder.record(SNAPSHOT, Map.of());

    assertThat(ContractRecorder.record(SNAPSHOT, first)).isEqualTo(first);
  }
}
