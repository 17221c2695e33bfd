package dev.schemakit.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.model.Catalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractWriterTests {

  @Test
  void writesCanonicalSortedYaml() {
    Catalog catalog = ContractReader.read(Map.of("guilds.yaml", ContractReaderTests.GUILDS));
    assertThat(ContractWriter.writeFiles(catalog).get("public.yaml")).isEqualTo("""
        schema: public
        tables:
          guilds:
            strict: true
            columns:
              id: { type: serial }
              name: { type: varchar(255), nullable: false }
              realm: { type: varchar(255), nullable: false }
              gm_bnet_id: { type: integer, nullable: false }
              deleted_at: { type: timestamptz }
              created_at: { type: timestamptz, nullable: false, default: "now()" }
              token: { type: uuid, identity: true }
            primary_key: [id]
            foreign_keys:
              - { columns: [gm_bnet_id], references: users(bnet_id), on_delete: restrict }
            indexes:
              - { name: ix_guilds_name, columns: [name] }
              - { columns: [realm, name], unique: true, where: "deleted_at IS NULL" }
            checks:
              - { name: guilds_name_not_blank, expression: "length(name) > 0" }
            triggers:
              - { name: trg, timing: before, events: [update, delete], function: soft_delete() }
            soft_delete: deleted_at
        """);
  }

  @Test
  void roundTripIsStable() {
    String once = ContractWriter.writeFiles(ContractReader.read(Map.of("g.yaml", ContractReaderTests.GUILDS)))
        .get("public.yaml");
    String twice = ContractWriter.writeFiles(ContractReader.read(Map.of("g.yaml", once))).get("public.yaml");
    assertThat(twice).isEqualTo(once);
  }

  @Test
  void partialContractsKeepEveryStatedFact() {
    String partial = """
        schema: app
        enums:
          status: [new, "yes", "a, b"]
        tables:
          t:
            columns:
              a: { type: "numeric(10,2)", nullable: true }
              b: { nullable: false }
            row_level_security: { enabled: true, policies: [p1] }
        """;
    String written = ContractWriter.writeFiles(ContractReader.read(Map.of("x.yaml", partial))).get("app.yaml");
    assertThat(written).isEqualTo(partial);
  }
}
