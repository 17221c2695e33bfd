package dev.schemakit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import dev.schemakit.yaml.ContractRecorder;
import dev.schemakit.yaml.ContractWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The object kinds beyond tables (exclusion constraints, domains, partitions, policies in full, functions and
 * procedures, sequence options), on real PostgreSQL: record then verify is clean, recording again changes nothing,
 * a hand-written contract in a person's spelling is clean, and each one-object change is found, named, at its line.
 */
class SchemaZooTests {

  static String zoo;
  static Map<String, String> recorded;

  @BeforeAll
  static void recordTheZoo() throws Exception {
    zoo = ScratchDatabases.script("zoo/objects.sql");
    recorded = ContractWriter.recordFiles(snapshot(ScratchDatabases.createFrom("zoo", "zoo/objects.sql")));
  }

  static Catalog snapshot(DataSource dataSource) {
    return SnapshotReader.forPostgres().read(dataSource, List.of("public"));
  }

  static DiffResult compare(Map<String, String> contract, String change) throws Exception {
    String database = ScratchDatabases.create("zoo_mutant");
    DataSource dataSource = EmbeddedPostgres.shared().dataSource(database);
    ScratchDatabases.execute(dataSource, zoo);
    if (!change.isBlank()) {
      ScratchDatabases.execute(dataSource, change);
    }
    try (Connection connection = dataSource.getConnection()) {
      return SchemaDiff.compare(ContractReader.read(contract), snapshot(dataSource),
          new PostgresExpressionNormalizer(connection));
    }
  }

  @Test
  void theRecordedContractHoldsEveryKind() {
    assertThat(recorded.get("public.yaml")).contains(
        "domains:\n  email: { type: text, nullable: false, checks: [{ name: email_check, expression: \"VALUE ~ '^[^@]+@[^@]+$'::text\" }] }",
        "invoice_numbers: { increment: 1, min_value: 1, max_value: 9223372036854775807, cycle: false, start: 1000,"
            + " cache: 20, owned_by: accounts.invoice_no }",
        "\"touch_account()\": { returns: trigger, language: plpgsql, volatility: volatile, security_definer: false,"
            + " body_sha256: ",
        "\"close_tenant(bigint)\": { kind: procedure, language: plpgsql, volatility: volatile, security_definer: true,",
        "- { name: bookings_no_overlap, definition: \"EXCLUDE USING gist (room WITH =, during WITH &&)\" }",
        "partition_by: \"RANGE (measured_at)\"",
        "readings_2026_01: \"FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2026-02-01 00:00:00+00')\"",
        "- { name: admins_write, command: update, permissive: false, roles: [zoo_admin, zoo_app], using: \"true\","
            + " with_check: \"((balance)::numeric >= (0)::numeric)\" }");
    assertThat(recorded.get("public.yaml")).doesNotContain("readings_2026_01:\n    strict");
  }

  @Test
  void recordThenVerifyIsCleanAndRecordingAgainChangesNothing() throws Exception {
    assertThat(compare(recorded, "").findings()).isEmpty();
    String database = ScratchDatabases.create("zoo_again");
    ScratchDatabases.execute(EmbeddedPostgres.shared().dataSource(database), zoo);
    assertThat(ContractRecorder.record(snapshot(EmbeddedPostgres.shared().dataSource(database)), recorded))
        .isEqualTo(recorded);
  }

  @Test
  void aHandWrittenContractInAPersonsSpellingIsClean() throws Exception {
    DiffResult result = compare(Map.of("hand.yaml", """
        domains:
          email: { type: text, nullable: false, checks: [{ expression: "value ~ '^[^@]+@[^@]+$'" }] }
          positive_amount: { type: "numeric(12,2)", default: "0" }
        sequences:
          invoice_numbers: { start: 1000, cache: 20, owned_by: accounts.invoice_no }
        functions:
          "touch_account()":
            language: plpgsql
            returns: trigger
            body: |
              BEGIN
                new.tenant_id := old.tenant_id;   -- comments and layout are not the code
                RETURN new;
              END;
          "close_tenant(bigint)": { kind: procedure, security_definer: true }
        tables:
          accounts:
            row_level_security:
              policies:
                - { name: tenant_rows, command: select, roles: [zoo_app],
                    using: "balance >= 0 and tenant_id = current_setting('app.tenant_id')::bigint" }
                - admins_write
          bookings:
            exclusions:
              - { definition: "exclude using gist (room with =, during with &&)" }
          readings:
            partition_by: RANGE (measured_at)
            partitions:
              readings_2026_01: {}
              readings_2026_02: "FOR VALUES FROM ('2026-02-01 00:00:00+00') TO ('2026-03-01 00:00:00+00')"
        """), "");
    assertThat(result.findings()).isEmpty();
  }

  @Test
  void aCommentOrReindentedBodyIsNoChange() throws Exception {
    assertThat(compare(recorded, """
        create or replace function touch_account() returns trigger language plpgsql as $$
        begin
            new.tenant_id := old.tenant_id; /* a row never moves */
            return new;
        end;
        $$;
        """).findings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      drop exclusion constraint      | alter table bookings drop constraint bookings_no_overlap | EXCLUSION_MISSING public.bookings.bookings_no_overlap
      change exclusion constraint    | alter table bookings drop constraint bookings_no_overlap; alter table bookings add constraint bookings_no_overlap exclude using gist (during with &&) | EXCLUSION_MISMATCH public.bookings.bookings_no_overlap
      add exclusion constraint       | alter table tenants add constraint tenants_one_name exclude using gist (name with =) | EXCLUSION_UNEXPECTED public.tenants.tenants_one_name
      change domain check            | alter domain email drop constraint email_check; alter domain email add constraint email_check check (value like '%@%') | DOMAIN_MISMATCH public.email
      drop domain not null           | alter domain email drop not null | DOMAIN_MISMATCH public.email
      add domain                     | create domain short_code as varchar(8) | DOMAIN_UNEXPECTED public.short_code
      drop partition                 | drop table readings_2026_02 | PARTITION_MISSING public.readings.readings_2026_02
      add partition                  | create table readings_2026_03 partition of readings for values from ('2026-03-01 00:00:00+00') to ('2026-04-01 00:00:00+00') | PARTITION_UNEXPECTED public.readings.readings_2026_03
      change partition bound         | alter table readings detach partition readings_2026_02; alter table readings attach partition readings_2026_02 for values from ('2026-02-01 00:00:00+00') to ('2026-02-15 00:00:00+00') | PARTITION_BOUND_MISMATCH public.readings.readings_2026_02
      change policy using            | alter policy tenant_rows on accounts using (tenant_id = current_setting('app.tenant_id')::bigint) | POLICY_MISMATCH public.accounts.tenant_rows
      change policy roles            | alter policy tenant_rows on accounts to zoo_app, zoo_admin | POLICY_MISMATCH public.accounts.tenant_rows
      make policy permissive         | drop policy admins_write on accounts; create policy admins_write on accounts for update to zoo_admin, zoo_app using (true) with check (balance >= 0) | POLICY_MISMATCH public.accounts.admins_write
      change trigger function body   | create or replace function touch_account() returns trigger language plpgsql as $$ begin return new; end; $$ | FUNCTION_BODY_MISMATCH public.touch_account().body
      change volatility              | alter function account_count(bigint) volatile | FUNCTION_MISMATCH public.account_count(bigint)
      drop security definer          | alter procedure close_tenant(bigint) security invoker | FUNCTION_MISMATCH public.close_tenant(bigint)
      add function                   | create function tenant_name(bigint) returns text language sql as $$ select name from tenants where id = $1 $$ | FUNCTION_UNEXPECTED public.tenant_name(bigint)
      change sequence start          | alter sequence invoice_numbers start with 5000 | SEQUENCE_MISMATCH public.invoice_numbers.start
      change sequence cache          | alter sequence invoice_numbers cache 1 | SEQUENCE_MISMATCH public.invoice_numbers.cache
      change sequence owner          | alter sequence invoice_numbers owned by none | SEQUENCE_MISMATCH public.invoice_numbers.owned_by
      """)
  void eachChangeIsFoundAndNamed(String change, String sql, String expected) throws Exception {
    DiffResult result = compare(recorded, sql);
    assertThat(result.findings()).as(change).extracting(f -> f.code().name() + " " + f.path())
        .containsExactly(expected);
    assertThat(result.findings().get(0).origin()).as("the contract line of " + change).isNotNull();
  }
}
