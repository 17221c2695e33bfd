package dev.schemakit.flyway;

import dev.schemakit.chain.ChainChecks;
import dev.schemakit.chain.ClassPaths;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ScratchDatabases;
import dev.schemakit.snapshot.SnapshotReader;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chains as real projects write them, read as Flyway reads them: in each test, what {@link MigrationChain#scan}
 * lists is what {@code Flyway.info()} lists for an empty database, and the template schemakit builds has the history
 * and the schema that Flyway's own {@code migrate} gives.
 */
class FlywayExactTests {

  @TempDir
  Path folder;

  @TempDir
  Path other;

  private static TemplateFactory factory;
  private final EmbeddedPostgres server = EmbeddedPostgres.shared();

  @BeforeAll
  static void open() {
    factory = TemplateFactory.on(EmbeddedPostgres.shared());
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void namesWithoutADescriptionAreMigrations() throws Exception {
    write(folder, "V1__a.sql", "create table a (id int);");
    write(folder, "V2.sql", "create table b (id int);");
    write(folder, "V2_1.sql", "create table c (id int);");
    write(folder, "V6.3.0.2.sql", "create table d (id int);");
    MigrationChain chain = scan(settings("filesystem:" + folder));

    assertThat(chain.versions()).extracting(v -> v.getVersion()).containsExactly("1", "2", "2.1", "6.3.0.2");
    assertThat(ChainChecks.defaults().check(chain)).isEmpty();
    assertAsFlyway(chain, "1 a", "2 ", "2.1 ", "6.3.0.2 ");
  }

  @Test
  void filesThatAreNotMigrationsAreNoProblemUnlessFlywayIsToldToRefuseThem() throws Exception {
    write(folder, "V1__a.sql", "create table a (id int);");
    write(folder, "V57__readme.md", "# notes: Flyway never reads a .md file");
    write(folder, "update-sequences.sql", "select setval('x', 1);");
    write(folder, "V3_create_x.sql", "create table x (id int);");
    MigrationChain chain = scan(settings("filesystem:" + folder));

    assertThat(chain.notMigrations()).singleElement().asString().endsWith("/update-sequences.sql");
    // a name Flyway refuses that was meant as a migration is still reported: the table it creates will be missing
    assertThat(ChainChecks.defaults().check(chain)).extracting(p -> Path.of(p.location()).getFileName().toString())
        .containsExactly("V3_create_x.sql");
    assertAsFlyway(chain, "1 a");

    MigrationSettings strict = MigrationSettings.builder().locations("filesystem:" + folder)
        .flywayProperty("validateMigrationNaming", "true").build();
    assertThatThrownBy(() -> strict.flyway(newDatabase(), null).info()).isInstanceOf(FlywayException.class)
        .hasMessageContaining("update-sequences.sql");
    assertThatThrownBy(() -> MigrationChain.scan(strict)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("validateMigrationNaming is on, and Flyway refuses these file names:\n"
            + "  V3_create_x.sql: Invalid versioned migration name format")
        .hasMessageContaining("  update-sequences.sql: Unrecognised migration name format");
  }

  @Test
  void severalLocationsOneOfThemAJarMakeOneChain() throws Exception {
    write(folder, "V1__accounts.sql", "create table accounts (id int primary key);");
    write(other, "V3__invoices.sql", "create table invoices (id int primary key, account int references accounts);");
    Path jar = folder.getParent().resolve("chain-" + UUID.randomUUID() + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // as the jar plugin writes them: the folders as entries of their own, then the files
      for (String directory : List.of("db/", "db/jarred/")) {
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("db/jarred/V2__orders.sql"));
      out.write("create table orders (id int primary key, account int references accounts);"
          .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    try {
      MigrationChain chain = scan(MigrationSettings.builder()
          .locations("filesystem:" + folder, "classpath:db/jarred", "filesystem:" + other)
          .classLoader(ClassPaths.loader(List.of(jar), getClass().getClassLoader())).build());

      assertThat(chain.versioned()).extracting(Migration::location).containsExactly(
          "filesystem:" + folder.resolve("V1__accounts.sql"), "classpath:db/jarred/V2__orders.sql",
          "filesystem:" + other.resolve("V3__invoices.sql"));
      assertAsFlyway(chain, "1 accounts", "2 orders", "3 invoices");
    } finally {
      Files.delete(jar);
    }
  }

  @Test
  void aLocationWithOnlyRepeatableMigrationsIsAChain() throws Exception {
    write(folder, "R__initial_schema.sql", "create schema if not exists ${schema};\n"
        + "create table if not exists ${schema}.settings (key text primary key, value text);");
    MigrationChain chain = scan(MigrationSettings.builder().locations("filesystem:" + folder)
        .placeholder("schema", "config").build());

    assertThat(chain.versions()).isEmpty();
    assertThat(chain.repeatable()).extracting(Migration::description).containsExactly("initial schema");
    assertAsFlyway(chain, "R initial schema");
  }

  @Test
  void javaMigrationsRunInOrderWithTheSqlOnes() throws Exception {
    MigrationChain chain = scan(settings("classpath:db/javachain"));

    assertThat(chain.versioned()).extracting(Migration::fileName).containsExactly("V1__accounts.sql",
        "V2__Backfill_nicknames.class", "V3__nickname_index.sql");
    VersionedDatabase database = assertAsFlyway(chain, "1 accounts", "2 Backfill nicknames", "3 nickname index");
    assertThat(database.queryForValue("select nickname from accounts")).isEqualTo("ada");
  }

  @Test
  void theNamingOfAHandRolledMigrationManagerWorksWithItsPrefixAndSeparator() throws Exception {
    write(folder, "001_create_initial_schema.sql", "create table accounts (id int primary key);");
    write(folder, "002_add_email.sql", "alter table accounts add column email text;");
    MigrationChain chain = scan(MigrationSettings.builder().locations("filesystem:" + folder)
        .flywayProperty("sqlMigrationPrefix", "").flywayProperty("sqlMigrationSeparator", "_").build());

    assertThat(chain.versions()).extracting(v -> v.getVersion()).containsExactly("001", "002");
    assertAsFlyway(chain, "001 create initial schema", "002 add email");
  }

  /**
   * What Flyway lists as pending on an empty database is {@code expected}, and so is what the chain holds; the
   * template schemakit builds has the history and schema that Flyway's own migrate leaves.
   */
  private VersionedDatabase assertAsFlyway(MigrationChain chain, String... expected) throws SQLException {
    DataSource byFlyway = newDatabase();
    Flyway flyway = MigrationSettings.of(chain.settings()).flyway(byFlyway, null);
    assertThat(Arrays.stream(flyway.info().pending()).map(FlywayExactTests::describe).toList())
        .as("what Flyway lists").containsExactly(expected);
    List<String> ours = new ArrayList<>(chain.versioned().stream()
        .map(m -> m.version().getVersion() + " " + m.description()).toList());
    chain.repeatable().forEach(m -> ours.add("R " + m.description()));
    assertThat(ours).as("what schemakit lists").containsExactly(expected);

    flyway.migrate();
    VersionedDatabase template = factory.create(chain, MigrationChain.LATEST);
    assertThat(history(template.dataSource())).isEqualTo(history(byFlyway));
    List<String> schemas = template.schemas();
    SnapshotReader reader = SnapshotReader.forPostgres();
    assertThat(reader.read(template.dataSource(), schemas)).isEqualTo(reader.read(byFlyway, schemas));
    return template;
  }

  private static String describe(MigrationInfo info) {
    return (info.getVersion() == null ? "R" : info.getVersion().getVersion()) + " " + info.getDescription();
  }

  private static MigrationSettings settings(String... locations) {
    return MigrationSettings.builder().locations(locations).build();
  }

  private static MigrationChain scan(MigrationSettings settings) {
    return MigrationChain.scan(settings);
  }

  private static void write(Path directory, String name, String text) throws Exception {
    try (OutputStream out = Files.newOutputStream(directory.resolve(name))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A new empty database on the shared server, whose data directory goes when the run ends. */
  private DataSource newDatabase() throws SQLException {
    return server.dataSource(ScratchDatabases.create("flyway_exact"));
  }

  /** Flyway's history as it stays the same between two runs: everything but when, how long and by whom. */
  private static List<String> history(DataSource database) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("select version, description, type, script, checksum, success"
             + " from flyway_schema_history order by installed_rank")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
            + rs.getString(5) + "|" + rs.getBoolean(6));
      }
    }
    return rows;
  }
}
