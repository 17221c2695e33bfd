package dev.schemakit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import dev.schemakit.yaml.ContractWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contracts compared with a real database, expressions normalised by PostgreSQL itself. */
class ContractAgainstDatabaseTests {

  static DataSource dataSource;
  static Catalog snapshot;

  @BeforeAll
  static void migrate() throws Exception {
    dataSource = ScratchDatabases.createFrom("contract", "rich-schema.sql");
    snapshot = SnapshotReader.forPostgres().read(dataSource, List.of("public"));
  }

  private static DiffResult compare(String contract) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setReadOnly(true);
      return SchemaDiff.compare(ContractReader.read(Map.of("contract.yaml", contract)), snapshot,
          new PostgresExpressionNormalizer(connection));
    }
  }

  @Test
  void otherSpellingsOfTheSameExpressionsAreNotDrift() throws Exception {
    DiffResult result = compare("""
        tables:
          users:
            columns:
              created_at: { type: timestamp with time zone, nullable: false, default: CURRENT_TIMESTAMP }
              updated_at: { default: now() }
              balance: { type: "decimal(12, 2)", default: "0" }
            checks:
              - { expression: "balance >= 0" }
          guilds:
            columns:
              id: { type: serial }
              name: { type: varchar(255) }
              realm: {}
              status: { default: "'active'" }
              deleted_at: { type: timestamptz }
              name_length: { generated: length(name) }
            indexes:
              - { columns: [realm, lower(name)], unique: true, where: deleted_at is null }
            checks:
              - { name: guilds_name_not_blank, expression: "LENGTH(name) > 0" }
            soft_delete: deleted_at
        """);
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void changedExpressionsAreDriftAndUnparsableOnesAreNamed() throws Exception {
    DiffResult result = compare("""
        tables:
          guilds:
            columns:
              status: { default: "'archived'" }
            checks:
              - { name: guilds_name_not_blank, expression: "length(name) > 1" }
              - { expression: "length(name) >>> 0" }
        """);
    assertThat(result.findings()).extracting(f -> f.code().name()).containsExactly(
        "COLUMN_DEFAULT_MISMATCH", "CHECK_MISMATCH", "EXPRESSION_INVALID", "CHECK_MISSING");
    assertThat(result.findings().get(2).message()).startsWith(
        "PostgreSQL cannot parse the contract's expression 'length(name) >>> 0': ERROR: operator does not exist");
    assertThat(result.findings().get(2).origin()).hasToString("contract.yaml:7:9");
  }

  @Test
  void aRecordedContractMatchesItsDatabaseAndCatchesALaterChange() throws Exception {
    String recorded = ContractWriter.recordFiles(snapshot).get("public.yaml");
    assertThat(compare(recorded).findings()).isEmpty();

    ScratchDatabases.execute(dataSource, "ALTER TABLE guild_members DROP CONSTRAINT fk_members_user;"
        + " ALTER TABLE guild_members ADD CONSTRAINT fk_members_user FOREIGN KEY (bnet_id) REFERENCES users (bnet_id);"
        + " ALTER TABLE guilds ADD COLUMN motto text;");
    try {
      snapshot = SnapshotReader.forPostgres().read(dataSource, List.of("public"));
      assertThat(compare(recorded).findings()).extracting(f -> f.code() + " " + f.path()).containsExactly(
          "FOREIGN_KEY_ACTION_MISMATCH public.guild_members.fk_members_user.on_delete",
          "COLUMN_UNEXPECTED public.guilds.motto");
    } finally {
      ScratchDatabases.execute(dataSource, "ALTER TABLE guilds DROP COLUMN motto;"
          + " ALTER TABLE guild_members DROP CONSTRAINT fk_members_user;"
          + " ALTER TABLE guild_members ADD CONSTRAINT fk_members_user FOREIGN KEY (bnet_id) REFERENCES users (bnet_id)"
          + " ON DELETE SET NULL;");
      snapshot = SnapshotReader.forPostgres().read(dataSource, List.of("public"));
    }
  }
}
