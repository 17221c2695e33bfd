package dev.schemakit.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.model.Catalog;
import dev.schemakit.rehearsal.RehearsalFinding.Code;
import dev.schemakit.rehearsal.RehearsalReport.MatchRate;
import dev.schemakit.rehearsal.RehearsalReport.TableEffect;
import dev.schemakit.snapshot.SnapshotReader;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import dev.schemakit.yaml.ContractReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rehearsals from a live PostgreSQL source (read-only) and in place, on the embedded server, each point both ways. */
class RehearsalTests {

  static final Path SHOP = Path.of("src/test/resources/shop");

  private static TemplateFactory factory;

  @BeforeAll
  static void startServer() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void dropDatabases() {
    factory.close();
  }

  static MigrationChain chain(Path directory) {
    return MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + directory.toAbsolutePath())
        .build());
  }

  /** A source at version 1 with 200 customers, 1,015 orders (15 without a customer to find) and 500 payments. */
  static VersionedDatabase source() {
    VersionedDatabase source = factory.create(chain(SHOP), "1");
    source.execute("insert into customers (name, email) select 'c' || i, 'c' || i || '@example.org'"
        + " from generate_series(1, 200) i");
    source.execute("insert into orders (customer_email, amount, note) select 'c' || (i % 200 + 1) || '@example.org',"
        + " i, 'n' from generate_series(1, 1000) i");
    source.execute("insert into orders (customer_email, amount) select case when i <= 10 then 'gone' || i"
        + " || '@example.org' end, 1 from generate_series(1, 15) i");
    source.execute("insert into payments (order_id, paid) select i * 2, 1 from generate_series(1, 500) i");
    return source;
  }

  @Test
  void aReleaseWithinItsBudgetPassesWithTimesLocksRowsAndMatchRates() {
    VersionedDatabase source = source();

    RehearsalReport report = Rehearsal.of(chain(SHOP)).fromPostgres(source.jdbcUrl(), "postgres", null);

    assertThat(report.findings()).isEmpty();
    assertThat(report.fromVersion()).isEqualTo("1");
    assertThat(report.toVersion()).isEqualTo("3");
    assertThat(report.steps()).extracting(RehearsalReport.Step::file)
        .containsExactly("V2__orders_customer_id.sql", "V3__orders_maintenance.sql");
    TableEffect backfill = effect(report, 0, "public.orders");
    assertThat(backfill.lock()).isEqualTo("ACCESS EXCLUSIVE");
    assertThat(backfill.rowsWritten()).isEqualTo(1000); // the 15 orders whose customer is not found are not updated
    assertThat(backfill.where()).isEqualTo("V2__orders_customer_id.sql:2");
    assertThat(effect(report, 0, "public.customers").lock()).isEqualTo("SHARE ROW EXCLUSIVE");
    TableEffect held = effect(report, 1, "public.orders");
    // pg_sleep(0.8) under the lock: the watch's error is within one sampling period, far below these bounds
    assertThat(held.heldMillis()).isBetween(750.0, 3000.0);
    assertThat(held.blocks()).isEqualTo("reads and writes");
    assertThat(report.rowsBefore()).containsEntry("public.orders", 1015L).containsEntry("public.payments", 500L);
    assertThat(report.rowsAfter()).isEqualTo(report.rowsBefore());
    MatchRate rate = report.matchRates().get(0);
    assertThat(rate).isEqualTo(new MatchRate("public.orders.customer_id", "added", "public.customers.id", 1015, 1000,
        15, 0L));
    assertThat(report.undo()).isNotNull();
    assertThat(report.undo().version()).isEqualTo("1");
    assertThat(report.undo().schemaDiff().passed()).isTrue();
    assertThat(report.undo().rowsAfterUndo()).isEqualTo(report.rowsBefore());
    assertThat(report.text()).contains("public.orders.customer_id (added, references public.customers.id): 1,000 of"
        + " 1,015 rows matched (98.5 %), 15 NULL, 0 orphaned").contains("rehearsal passed");
  }

  @Test
  void aLockHeldPastTheBudgetIsAnErrorNamingTableModeTimeAndStatement() {
    VersionedDatabase source = source();

    RehearsalReport report = Rehearsal.of(chain(SHOP)).lockBudget(Duration.ofMillis(300))
        .fromPostgres(source.jdbcUrl(), "postgres", null);

    assertThat(report.passed()).isFalse();
    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.code()).isEqualTo(Code.LOCK_BUDGET_EXCEEDED);
      assertThat(finding.where()).isEqualTo("V3__orders_maintenance.sql:2");
      assertThat(finding.message()).startsWith("public.orders: ACCESS EXCLUSIVE held ")
          .contains("blocking reads and writes (budget 300 ms)");
    });
  }

  @Test
  void aStatementPastTheTimeoutIsStoppedAndReported() {
    VersionedDatabase source = source();

    RehearsalReport report = Rehearsal.of(chain(SHOP)).statementTimeout(Duration.ofMillis(300))
        .fromPostgres(source.jdbcUrl(), "postgres", null);

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.code()).isEqualTo(Code.STATEMENT_TIMEOUT);
      assertThat(finding.where()).isEqualTo("V3__orders_maintenance.sql:3");
    });
    assertThat(report.toVersion()).isEqualTo("2");
    assertThat(report.steps().get(1).failure()).isEqualTo("stopped at the statement timeout");
  }

  @Test
  void theSourceIsNeverWrittenAndARoleWithOnlySelectRightsIsEnough() throws Exception {
    VersionedDatabase source = source();
    source.execute("do $$ begin if not exists (select from pg_roles where rolname = 'rehearsal_reader') then"
        + " create role rehearsal_reader login password 'secret'; end if; end $$");
    source.execute("grant usage on schema public to rehearsal_reader;"
        + " grant select on all tables in schema public to rehearsal_reader;"
        + " grant select on all sequences in schema public to rehearsal_reader");
    Catalog schemaBefore = SnapshotReader.forPostgres().read(source.dataSource(), List.of("public"));
    List<Long> writesBefore = writes(source);

    RehearsalReport report = Rehearsal.of(chain(SHOP)).fromPostgres(source.jdbcUrl(), "rehearsal_reader", "secret");

    assertThat(report.findings()).isEmpty();
    assertThat(report.steps()).hasSize(2);
    assertThat(writes(source)).isEqualTo(writesBefore);
    assertThat(SnapshotReader.forPostgres().read(source.dataSource(), List.of("public"))).isEqualTo(schemaBefore);
    assertThat(source.queryForValue("select max(version) from flyway_schema_history")).isEqualTo("1");
  }

  /** The source database's rows inserted, updated and deleted, as the server counts them. */
  private static List<Long> writes(VersionedDatabase database) throws Exception {
    try (Connection connection = EmbeddedPostgres.shared().connect("postgres");
        Statement statement = connection.createStatement()) {
      Thread.sleep(1100); // sessions that ended hand over their counts within a second
      statement.execute("select pg_stat_clear_snapshot()");
      try (ResultSet rs = statement.executeQuery("select tup_inserted, tup_updated, tup_deleted from"
          + " pg_stat_database where datname = '" + database.name() + "'")) {
        rs.next();
        return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      }
    }
  }

  @Test
  void anUndoThatRestoresPassesAndOneThatLosesRowsIsAnError(@TempDir Path lossy) throws IOException {
    copyChain(SHOP, lossy);
    Files.writeString(lossy.resolve("U2__orders_customer_id.sql"),
        "DELETE FROM payments WHERE order_id IN (SELECT id FROM orders WHERE customer_id IS NULL);\n"
            + "DELETE FROM orders WHERE customer_id IS NULL;\nALTER TABLE orders DROP COLUMN customer_id;\n");

    RehearsalReport report = Rehearsal.of(chain(lossy)).fromPostgres(source().jdbcUrl(), "postgres", null);

    assertThat(report.findings()).extracting(RehearsalFinding::code).containsExactly(Code.UNDO_LOSES_ROWS);
    assertThat(report.findings().get(0).where()).isEqualTo("public.orders");
    assertThat(report.findings().get(0).message()).contains("leaves 1,000 of the 1,015 rows");
    assertThat(report.undo().schemaDiff().passed()).isTrue();
  }

  @Test
  void anUndoThatLeavesTheSchemaChangedIsAnError(@TempDir Path partial) throws IOException {
    copyChain(SHOP, partial);
    Files.writeString(partial.resolve("U2__orders_customer_id.sql"),
        "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;\n");

    RehearsalReport report = Rehearsal.of(chain(partial)).fromPostgres(source().jdbcUrl(), "postgres", null);

    assertThat(report.findings()).extracting(RehearsalFinding::code).contains(Code.UNDO_CHANGES_SCHEMA);
    assertThat(report.findings()).filteredOn(f -> f.code() == Code.UNDO_CHANGES_SCHEMA)
        .anySatisfy(f -> assertThat(f.where()).contains("orders.customer_id"));
  }

  @Test
  void theRunningVersionBrokenByADroppedColumnAndNotBrokenWithoutIt(@TempDir Path dropping) throws IOException {
    var running = EntityReader.defaults().readClasses(Path.of("target/test-classes"));
    RehearsalReport fine = Rehearsal.of(chain(SHOP)).runningVersion(running)
        .fromPostgres(source().jdbcUrl(), "postgres", null);
    assertThat(fine.findings()).isEmpty();

    copyChain(SHOP, dropping);
    Files.writeString(dropping.resolve("V3__orders_maintenance.sql"), "-- notes move to a table of their own\n"
        + "ALTER TABLE orders DROP COLUMN note;\n");
    Files.delete(dropping.resolve("U3__orders_maintenance.sql"));

    RehearsalReport broken = Rehearsal.of(chain(dropping)).runningVersion(running)
        .fromPostgres(source().jdbcUrl(), "postgres", null);

    assertThat(broken.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.code()).isEqualTo(Code.BREAKS_RUNNING_VERSION);
      assertThat(finding.where()).isEqualTo("V3__orders_maintenance.sql:2");
      assertThat(finding.message()).startsWith("Order.note (column orders.note): the running version reads and"
          + " writes the column, and the release drops or renames it.");
    });
    assertThat(broken.notes()).anyMatch(note -> note.contains("the undo is not rehearsed: V3__orders_maintenance.sql"
        + " has no undo script"));
  }

  @Test
  void aSourceThatDriftedFromItsMigrationsStopsTheRehearsalBeforeCopying() {
    VersionedDatabase source = source();
    source.execute("alter table orders add column hotfix text");

    RehearsalReport report = Rehearsal.of(chain(SHOP)).fromPostgres(source.jdbcUrl(), "postgres", null);

    assertThat(report.steps()).isEmpty();
    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.code()).isEqualTo(Code.SOURCE_DRIFT);
      assertThat(finding.where()).isEqualTo("public.orders.hotfix");
    });
    assertThat(report.notes().get(0)).contains("the rehearsal stopped before copying anything");
  }

  @Test
  void aSampleKeepsEveryForeignKey() {
    VersionedDatabase source = source();

    RehearsalReport report = Rehearsal.of(chain(SHOP)).sample(100).fromPostgres(source.jdbcUrl(), "postgres", null);

    assertThat(report.findings()).isEmpty();
    // payments 1..100 point at orders 2..200, of which the sample kept 1..100: half of them stay
    assertThat(report.rowsBefore()).containsEntry("public.orders", 100L).containsEntry("public.customers", 100L)
        .containsEntry("public.payments", 50L);
    assertThat(report.notes().get(0)).contains("sampled 100 rows per table in primary-key order, 50 rows removed so"
        + " every foreign key holds");
  }

  @Test
  void theContractsAreComparedAtTheNewVersion(@TempDir Path contracts) throws IOException {
    Files.writeString(contracts.resolve("public.yaml"), "schema: public\ntables:\n  orders:\n    columns:\n"
        + "      customer_id: { type: bigint }\n");
    RehearsalReport matching = Rehearsal.of(chain(SHOP)).contracts(ContractReader.readDirectory(contracts))
        .fromPostgres(source().jdbcUrl(), "postgres", null);
    assertThat(matching.findings()).isEmpty();
    assertThat(matching.contract().passed()).isTrue();

    Files.writeString(contracts.resolve("public.yaml"), "schema: public\ntables:\n  orders:\n    columns:\n"
        + "      customer_id: { type: bigint, nullable: false }\n");
    RehearsalReport drifting = Rehearsal.of(chain(SHOP)).contracts(ContractReader.readDirectory(contracts))
        .fromPostgres(source().jdbcUrl(), "postgres", null);

    assertThat(drifting.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.code()).isEqualTo(Code.CONTRACT_DRIFT);
      assertThat(finding.where()).contains("public.yaml:");
      assertThat(finding.message()).startsWith("public.orders.customer_id: ");
    });
  }

  @Test
  void tablesWithTypesOfTheDatabasesOwnAreCopiedAsText(@TempDir Path moods) throws IOException {
    Files.writeString(moods.resolve("V1__moods.sql"), "CREATE TYPE mood AS ENUM ('ok', 'great');\n"
        + "CREATE TABLE diary (id int PRIMARY KEY, today mood NOT NULL, week mood[], at timestamptz);\n");
    Files.writeString(moods.resolve("V2__diary_note.sql"), "ALTER TABLE diary ADD COLUMN note text;\n");
    VersionedDatabase source = factory.create(chain(moods), "1");
    source.execute("insert into diary select i, 'great', array['ok', 'great']::mood[], now()"
        + " from generate_series(1, 300) i");

    RehearsalReport report = Rehearsal.of(chain(moods)).fromPostgres(source.jdbcUrl(), "postgres", null);

    assertThat(report.findings()).isEmpty();
    assertThat(report.rowsAfter()).containsEntry("public.diary", 300L);
    assertThat(report.copied().rows()).isEqualTo(300);
  }

  @Test
  void inPlaceOnAClone() throws Exception {
    VersionedDatabase clone = source();

    RehearsalReport report = Rehearsal.of(chain(SHOP)).inPlace(clone.jdbcUrl(), "postgres", null);

    assertThat(report.findings()).isEmpty();
    assertThat(report.source()).endsWith("(in place: the database was changed)");
    // the undo ran there too: the clone is back at version 1 with its rows
    assertThat(clone.queryForValue("select max(version) from flyway_schema_history")).isEqualTo("1");
    assertThat(clone.queryForValue("select count(*) from orders")).isEqualTo(1015L);
  }

  @Test
  void inPlaceIsRefusedWhileAnotherRoleIsConnectedOrWhenTheHistoryIsNoPrefix() throws Exception {
    VersionedDatabase clone = source();
    clone.execute("do $$ begin if not exists (select from pg_roles where rolname = 'rehearsal_app') then"
        + " create role rehearsal_app login password 'app'; end if; end $$");
    try (Connection app = DriverManager.getConnection(clone.jdbcUrl(), "rehearsal_app", "app")) {
      assertThatThrownBy(() -> Rehearsal.of(chain(SHOP)).inPlace(clone.jdbcUrl(), "postgres", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("refused: sessions of other roles are connected to it (rehearsal_app)");
    }
    clone.execute("insert into flyway_schema_history (installed_rank, version, description, type, script,"
        + " installed_by, execution_time, success) values (9, '9', 'hotfix', 'SQL', 'V9__hotfix.sql', 'x', 1, true)");
    assertThatThrownBy(() -> Rehearsal.of(chain(SHOP)).inPlace(clone.jdbcUrl(), "postgres", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is at a version the migrations do not have: 9");
  }

  private static TableEffect effect(RehearsalReport report, int step, String table) {
    return report.steps().get(step).tables().stream().filter(effect -> effect.table().equals(table)).findFirst()
        .orElseThrow(() -> new AssertionError(table + " not in " + report.steps().get(step)));
  }

  static void copyChain(Path from, Path to) throws IOException {
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

}
