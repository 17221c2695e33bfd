package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.flyway.MigrationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stairway on chains written on purpose: one clean, others whose undo scripts forget something. */
class StairwayTests {

  @TempDir
  Path folder;

  TemplateFactory factory;

  @BeforeEach
  void open() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterEach
  void close() {
    factory.close();
  }

  void write(String name, String sql) throws Exception {
    Files.writeString(folder.resolve(name), sql);
  }

  void cleanChain() throws Exception {
    write("V1__orders.sql", "create type order_state as enum ('new', 'paid');\n"
        + "create table orders (id bigint primary key, state order_state not null default 'new', customer text);\n"
        + "create index orders_customer on orders (customer);\n");
    write("U1__orders.sql", "drop table orders;\ndrop type order_state;\n");
    write("V2__order_lines.sql", "create table order_lines (id bigint primary key,"
        + " order_id bigint not null references orders (id) on delete cascade, amount numeric check (amount > 0));\n"
        + "alter table orders add column total numeric;\n");
    write("U2__order_lines.sql", "alter table orders drop column total;\ndrop table order_lines;\n");
  }

  List<StairwayClimb.Step> climb() {
    return StairwayClimb.of(factory, MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder)
        .build())).climb();
  }

  @Test
  void aCleanChainPassesEveryStepAndGoesDownToEmpty() throws Exception {
    cleanChain();
    assertThat(climb()).extracting(StairwayClimb.Step::version, StairwayClimb.Step::outcome).containsExactly(
        org.assertj.core.groups.Tuple.tuple("1", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("2", StairwayClimb.Outcome.PASSED),
        org.assertj.core.groups.Tuple.tuple("down to empty", StairwayClimb.Outcome.PASSED));
  }

  @Test
  void settingsAMigrationLeavesInItsSessionDoNotReachTheNextStep() throws Exception {
    // the stairway works over one session; were V2's search_path, time zone and role left in it, the snapshots
    // after it would print billing's type unqualified and the default's timestamp in another zone: a false trace
    write("V1__billing.sql", "create schema billing;\ncreate type billing.kind as enum ('card', 'cash');\n"
        + "create table payments (id bigint primary key, kind billing.kind not null,"
        + " due timestamptz not null default '2026-01-01 00:00:00+00');\n");
    write("U1__billing.sql", "drop table payments;\ndrop type billing.kind;\ndrop schema billing;\n");
    write("V2__refunds.sql", "set search_path = billing, public;\nset time zone 'Asia/Tokyo';\n"
        + "select pg_advisory_lock(4242);\ncreate temporary table scratch (id int);\n"
        + "create table public.refunds (id bigint primary key, kind billing.kind);\n");
    write("U2__refunds.sql", "drop table public.refunds;\n");
    write("V3__notes.sql", "alter table payments add column note text;\n");
    write("U3__notes.sql", "alter table payments drop column note;\n");
    assertThat(climb()).extracting(StairwayClimb.Step::version, StairwayClimb.Step::outcome, StairwayClimb.Step::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", StairwayClimb.Outcome.PASSED, ""),
            org.assertj.core.groups.Tuple.tuple("2", StairwayClimb.Outcome.PASSED, ""),
            org.assertj.core.groups.Tuple.tuple("3", StairwayClimb.Outcome.PASSED, ""),
            org.assertj.core.groups.Tuple.tuple("down to empty", StairwayClimb.Outcome.PASSED, ""));
  }

  @Test
  void anUndoThatForgetsAnEnumTypeLeavesATraceNamedByVersionAndScript() throws Exception {
    cleanChain();
    write("U1__orders.sql", "drop table orders;\n");
    List<StairwayClimb.Step> steps = climb();
    assertThat(steps.get(0).outcome()).isEqualTo(StairwayClimb.Outcome.FAILED);
    assertThat(steps.get(0).detail())
        .startsWith("Stairway at version '1': U1__orders.sql leaves a trace; the schema differs from version 'empty':")
        .contains("ENUM_UNEXPECTED").contains("order_state");
    assertThat(steps.get(1).outcome()).as("a failed step does not fail the next").isEqualTo(StairwayClimb.Outcome.PASSED);
  }

  @Test
  void anUndoThatForgetsAnIndexIsCaught() throws Exception {
    cleanChain();
    write("V2__order_lines.sql", "create index orders_state on orders (state);\n");
    write("U2__order_lines.sql", "select 1;\n");
    List<StairwayClimb.Step> steps = climb();
    assertThat(steps.get(1).outcome()).isEqualTo(StairwayClimb.Outcome.FAILED);
    assertThat(steps.get(1).detail()).startsWith("Stairway at version '2': U2__order_lines.sql leaves a trace")
        .contains("INDEX_UNEXPECTED").contains("orders_state");
  }

  @Test
  void aMissingUndoScriptFailsWithTheFixAndAnExcludedVersionIsSkippedWithItsReason() throws Exception {
    cleanChain();
    Files.delete(folder.resolve("U2__order_lines.sql"));
    List<StairwayClimb.Step> steps = climb();
    assertThat(steps.get(1).detail()).isEqualTo("Stairway at version '2': there is no undo script U2__*.sql in"
        + " [filesystem:" + folder + "]. Add one beside the versioned migration, or exclude the version with a reason"
        + " when it cannot be undone.");
    List<StairwayClimb.Step> excluded = StairwayClimb.of(factory, MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + folder).build())).exclude("2", "drops data on purpose").climb();
    assertThat(excluded.get(1).outcome()).isEqualTo(StairwayClimb.Outcome.EXCLUDED);
    assertThat(excluded.get(1).detail()).isEqualTo("drops data on purpose");
  }

  @Test
  void anUndoScriptWithAnSqlErrorNamesVersionAndScriptAndChangesNothing() throws Exception {
    cleanChain();
    write("U2__order_lines.sql", "alter table orders drop column total;\ndrop tabel order_lines;\n");
    List<StairwayClimb.Step> steps = climb();
    assertThat(steps.get(1).detail()).startsWith("Stairway at version '2': Undoing version '2' of jdbc:postgresql://")
        .contains("with U2__order_lines.sql (filesystem:" + folder + "/U2__order_lines.sql) failed: ERROR: syntax error")
        .endsWith("Fix U2__order_lines.sql; it ran in a transaction, so the database is still at version '2'.");
  }

  @Test
  void undoMovesTheDatabaseAndFlywayAppliesTheVersionAgain() throws Exception {
    cleanChain();
    VersionedDatabase db = factory.create(MigrationChain.scan(MigrationSettings.builder()
        .locations("filesystem:" + folder).build()), "latest");
    db.undo();
    assertThat(db.version()).isEqualTo("1");
    assertThat(db.queryForValue("select count(*) from flyway_schema_history where version = '2'")).isEqualTo(0L);
    db.migrate();
    assertThat(db.queryForValue("select count(*) from order_lines")).isEqualTo(0L);
    db.undoTo("empty");
    assertThat(db.query("select table_name from information_schema.tables where table_schema = 'public'"))
        .containsExactly(java.util.Map.of("table_name", "flyway_schema_history"));
  }
}
