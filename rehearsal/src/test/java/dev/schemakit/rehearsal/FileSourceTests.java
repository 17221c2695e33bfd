package dev.schemakit.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.rehearsal.RehearsalFinding.Code;
import dev.schemakit.rehearsal.RehearsalReport.MatchRate;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.VersionedDatabase;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rehearsals from files: a plain {@code pg_dump} (the fixture {@code shop-at-1.sql} is {@code pg_dump 15.18
 * --format=plain} of the shop chain at version 1 with the rows of {@link RehearsalTests#source()}, on PostgreSQL 15),
 * a custom-format one through {@code pg_restore}, and a SQLite file that stays as it was.
 */
class FileSourceTests {

  static final Path DUMP = Path.of("src/test/resources/shop-at-1.sql");
  static final Path SQLITE_SHOP = Path.of("src/test/resources/sqlite-shop");

  @Test
  void aPlainDumpIsRestoredWithItsCopyBlocksOnTheServerOfItsMajorAndRehearsed() {
    RehearsalReport report = Rehearsal.of(RehearsalTests.chain(RehearsalTests.SHOP)).fromDump(DUMP);

    assertThat(report.findings()).isEmpty();
    assertThat(report.source()).isEqualTo(DUMP + " (plain pg_dump of PostgreSQL 15)");
    // 1,715 rows of the shop and Flyway's history row
    assertThat(report.notes().get(0)).startsWith("restored 1,716 rows").contains("on the embedded PostgreSQL 15");
    assertThat(report.rowsBefore()).containsEntry("public.orders", 1015L);
    assertThat(report.matchRates()).containsExactly(new MatchRate("public.orders.customer_id", "added",
        "public.customers.id", 1015, 1000, 15, 0L));
    assertThat(report.undo().schemaDiff().passed()).isTrue();
  }

  @Test
  void aCustomFormatDumpIsReadThroughPgRestore(@TempDir Path directory) throws Exception {
    assumeTrue(onPath("pg_dump") && onPath("pg_restore"), "pg_dump and pg_restore are not on the PATH here"
        + " (.ci/run installs Debian's postgresql-client-15)");
    // a PostgreSQL 15 database restored from the plain fixture, dumped again in the custom format
    EmbeddedPostgres server = EmbeddedPostgres.shared(OptionalInt.of(15));
    String name = "rehearsal_custom_" + Long.toHexString(System.nanoTime());
    try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    try (Connection target = server.connect(name); var in = new FileInputStream(DUMP.toFile())) {
      DumpRestore.restore(in, DUMP.toString(), target);
    }
    Path custom = directory.resolve("shop.dump");
    Process dump = new ProcessBuilder("pg_dump", "--host=localhost", "--port=" + server.port(), "--username=postgres",
        "--format=custom", "--file=" + custom, name).inheritIO().start();
    assumeTrue(dump.waitFor() == 0, "pg_dump on the PATH cannot dump PostgreSQL 15 (it is an older major)");

    RehearsalReport report = Rehearsal.of(RehearsalTests.chain(RehearsalTests.SHOP)).fromDump(custom);

    assertThat(report.findings()).isEmpty();
    assertThat(report.source()).isEqualTo(custom + " (custom pg_dump of PostgreSQL 15)");
    assertThat(report.rowsAfter()).containsEntry("public.payments", 500L);
  }

  @Test
  void aDumpOfSeveralDatabasesIsRefusedWithTheLineAndHowToDumpOne(@TempDir Path directory) throws Exception {
    Path all = directory.resolve("all.sql");
    Files.writeString(all, "-- PostgreSQL database cluster dump\n\nSET client_encoding = 'UTF8';\n\n\\connect shop\n");

    assertThatThrownBy(() -> Rehearsal.of(RehearsalTests.chain(RehearsalTests.SHOP)).fromDump(all))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Restoring " + all + ":5 failed: the dump connects to another database (\\connect shop), so it"
            + " holds several (pg_dumpall). Dump the one database to rehearse on: pg_dump --dbname=NAME"
            + " --file=dump.sql.");
  }

  @Test
  void aSqliteFileIsCopiedReadOnlyRehearsedAndLeftAsItWas() throws Exception {
    MigrationChain chain = RehearsalTests.chain(SQLITE_SHOP);
    try (SqliteDatabases databases = SqliteDatabases.open()) {
      VersionedDatabase source = sqliteSource(databases, chain);
      Path file = Path.of(source.jdbcUrl().substring("jdbc:sqlite:".length()));
      String before = sha256(file);
      long modified = Files.getLastModifiedTime(file).toMillis();

      RehearsalReport report = Rehearsal.of(chain).fromSqlite(file);

      assertThat(report.findings()).isEmpty();
      assertThat(report.steps()).extracting(RehearsalReport.Step::file).containsExactly("V2__orders_customer_id.sql");
      assertThat(report.matchRates()).containsExactly(new MatchRate("orders.customer_id", "added",
          "customers.id", 30, 20, 10, 0L));
      assertThat(report.undo().schemaDiff().passed()).isTrue();
      assertThat(report.undo().rowsAfterUndo()).containsEntry("main.orders", 30L);
      assertThat(sha256(file)).isEqualTo(before);
      assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
    }
  }

  @Test
  void aSqliteFileThatDriftedStopsTheRehearsal() throws Exception {
    MigrationChain chain = RehearsalTests.chain(SQLITE_SHOP);
    try (SqliteDatabases databases = SqliteDatabases.open()) {
      VersionedDatabase source = sqliteSource(databases, chain);
      source.execute("CREATE TABLE hotfix (id INTEGER PRIMARY KEY)");

      RehearsalReport report = Rehearsal.of(chain)
          .fromSqlite(Path.of(source.jdbcUrl().substring("jdbc:sqlite:".length())));

      assertThat(report.findings()).extracting(RehearsalFinding::code).containsExactly(Code.SOURCE_DRIFT);
      assertThat(report.findings().get(0).where()).isEqualTo("main.hotfix");
    }
  }

  /** The SQLite shop at version 1: 20 customers, 30 orders of which 10 name no customer's e-mail. */
  private static VersionedDatabase sqliteSource(SqliteDatabases databases, MigrationChain chain) {
    VersionedDatabase source = databases.create(chain, "1");
    for (int i = 1; i <= 20; i++) {
      source.execute("INSERT INTO customers (id, name, email) VALUES (?, ?, ?)", i, "c" + i, "c" + i + "@example.org");
    }
    for (int i = 1; i <= 30; i++) {
      source.execute("INSERT INTO orders (id, customer_email, amount) VALUES (?, ?, 1)", i,
          i <= 20 ? "c" + i + "@example.org" : "gone" + i + "@example.org");
    }
    return source;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
  }
}
