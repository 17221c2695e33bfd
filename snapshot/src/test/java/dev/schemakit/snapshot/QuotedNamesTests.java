package dev.schemakit.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractReader;
import dev.schemakit.yaml.ContractWriter;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names that need quoting (a schema with a space, reserved words, mixed case, a dot) in every element: recorded
 * and verified clean through both readers, written plainly or quoted in a hand-written contract alike, and named as
 * they are in a finding.
 */
class QuotedNamesTests {

  static final List<String> SCHEMAS = List.of("Sales Ops");
  static DataSource database;

  @BeforeAll
  static void create() throws Exception {
    database = ScratchDatabases.createFrom("quoted", "quoted/names.sql");
  }

  static SnapshotReader reader(String which) {
    return which.equals("pg_catalog") ? SnapshotReader.forPostgres() : SnapshotReader.schemaCrawler();
  }

  static DiffResult compare(Map<String, String> contract, SnapshotReader reader, DataSource dataSource)
      throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      return SchemaDiff.compare(ContractReader.read(contract), reader.read(dataSource, SCHEMAS),
          new PostgresExpressionNormalizer(connection));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg_catalog", "SchemaCrawler"})
  void aRecordedContractVerifiesClean(String which) throws Exception {
    Catalog snapshot = reader(which).read(database, SCHEMAS);
    Map<String, String> recorded = ContractWriter.recordFiles(snapshot);

    assertThat(compare(recorded, reader(which), database).findings()).isEmpty();
    String written = String.join("\n", recorded.values());
    assertThat(written).contains("schema: Sales Ops", "references: \"Line(order, group)\"",
        "- { name: Order_offset, columns: [offset] }", "\"Line seq\": {", "\"Order Status\": [open, shipped]",
        "- { name: Order_open_user, columns: [user], where: \"(\\\"Deleted At\\\" IS NULL)\" }");
    if (which.equals("pg_catalog")) {
      // SchemaCrawler reads no sequence owner
      assertThat(written).contains("owned_by: Line.group");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg_catalog", "SchemaCrawler"})
  void aHandWrittenContractMayWriteANamePlainlyOrQuoted(String which) throws Exception {
    String contract = """
        schema: Sales Ops
        tables:
          Order:
            strict: false
            columns:
              '"OrderId"': { type: bigint, nullable: false }
              user: { type: text, nullable: false }
              '"offset"': { type: integer, nullable: false, default: 0 }
              Deleted At: { type: timestamptz }
            primary_key: [OrderId]
            unique: [['"user"', select]]
            indexes:
              - { name: Order_offset, columns: [offset] }
              - { name: Order_open_user, columns: ['"user"'], where: '"Deleted At" IS NULL' }
              - { name: Order_lower_select, columns: ['lower("select")'] }
          Shipment:
            foreign_keys:
              - { columns: [order, '"group"'], references: '"Line"(order, "group")', on_delete: cascade }
        """;

    assertThat(compare(Map.of("sales.yaml", contract), reader(which), database).findings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg_catalog", "SchemaCrawler"})
  void eachDriftedElementIsNamedAsItIs(String which) throws Exception {
    Map<String, String> recorded = ContractWriter.recordFiles(reader(which).read(database, SCHEMAS));
    DataSource drifted = ScratchDatabases.createFrom("quoted_drift", "quoted/names.sql");
    ScratchDatabases.execute(drifted, """
        drop index "Sales Ops"."Order_offset";
        alter table "Sales Ops"."Order" alter column "select" set not null;
        alter table "Sales Ops"."Shipment" drop constraint "Shipment_order_group_fkey";
        alter table "Sales Ops"."Order" drop constraint "Order_user_select_key";
        alter table "Sales Ops"."Order" drop constraint "offset is positive";
        alter type "Sales Ops"."Order Status" add value 'returned';
        drop view "Sales Ops"."Open Orders";
        alter sequence "Sales Ops"."Line seq" increment by 5;
        alter table "Sales Ops"."Order" rename column "a.b" to "a.c";
        drop index "Sales Ops"."Order_open_user";
        drop index "Sales Ops"."Order_lower_select";
        alter table "Sales Ops"."Line" drop constraint "Line_pkey";
        alter table "Sales Ops"."Line" add primary key ("group", "order");
        """);
    if (which.equals("pg_catalog")) {
      // what only the pg_catalog reader reads: triggers, policies, comments
      ScratchDatabases.execute(drifted, """
          drop trigger "Order touch" on "Sales Ops"."Order";
          drop policy "own Orders" on "Sales Ops"."Order";
          comment on column "Sales Ops"."Order"."offset" is 'where the writer stopped';
          create or replace function "Sales Ops"."touch Order"() returns trigger language plpgsql as $$
          begin new."offset" := new."offset" + 2; return new; end $$;
          """);
    }

    List<String> paths = compare(recorded, reader(which), drifted).findings().stream().map(Finding::path).toList();

    // the partial index on "user" and the expression index on lower("select"), named as they are
    assertThat(paths).contains("Sales Ops.Order.Order_open_user", "Sales Ops.Order.Order_lower_select",
        "Sales Ops.Line.primary_key");
    assertThat(paths).contains("Sales Ops.Order.Order_offset", "Sales Ops.Order.select", "Sales Ops.Order.a.b",
        "Sales Ops.Open Orders", "Sales Ops.Order Status").anySatisfy(path -> assertThat(path)
        .startsWith("Sales Ops.Shipment"));
    assertThat(paths).anySatisfy(path -> assertThat(path).startsWith("Sales Ops.Line seq"))
        .anySatisfy(path -> assertThat(path).contains("offset is positive"))
        // recorded without its conventional name (Order_user_select_key): named by its columns, as they are
        .contains("Sales Ops.Order.unique[user, select]");
    if (which.equals("pg_catalog")) {
      assertThat(paths).anySatisfy(path -> assertThat(path).contains("Order touch"))
          .anySatisfy(path -> assertThat(path).contains("own Orders"))
          .anySatisfy(path -> assertThat(path).contains("touch Order()"))
          .contains("Sales Ops.Order.offset");
    }
  }

}
