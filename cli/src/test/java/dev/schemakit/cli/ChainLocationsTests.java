package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import dev.schemakit.commands.ExitCodes;
import dev.schemakit.database.EmbeddedPostgres;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains as real projects keep them, through the jar as their teams run it: several locations, one of them in a
 * jar, Java migrations from --classes, names without a description. Each is held to what Flyway itself lists for
 * the same locations and class path.
 */
class ChainLocationsTests {

  @TempDir
  Path dir;

  @Test
  void severalLocationsRepeatedOrCommaSeparatedOneOfThemInAJar() throws Exception {
    Path first = Files.createDirectories(dir.resolve("v1"));
    Path second = Files.createDirectories(dir.resolve("common"));
    Files.writeString(first.resolve("V1__accounts.sql"), "create table accounts (id int primary key);");
    Files.writeString(second.resolve("V3__invoices.sql"), "create table invoices (id int primary key);");
    Path jar = dir.resolve("library.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String folder : List.of("db/", "db/library/")) {
        out.putNextEntry(new JarEntry(folder));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("db/library/V2__orders.sql"));
      out.write("create table orders (id int primary key);".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Path contracts = dir.resolve("contracts");

    Run record = CliProcess.run("record", "--migrations", first + ",classpath:db/library", "--migrations",
        second.toString(), "--classes", jar.toString(), "--contracts", contracts.toString());

    assertThat(record.exitCode()).as(record.toString()).isZero();
    assertThat(record.out()).startsWith("recorded 3 table(s) in schema public at version 3 into ");
    assertThat(flywayLists(List.of(jar), "filesystem:" + first, "classpath:db/library", "filesystem:" + second))
        .containsExactly("1 accounts", "2 orders", "3 invoices");

    Run withoutTheJar = CliProcess.run("lint", "--migrations", first + ",classpath:db/library");
    assertThat(withoutTheJar.exitCode()).as(withoutTheJar.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(withoutTheJar.err()).contains("--migrations classpath:db/library is on the class path, but no"
        + " --classes says what the class path is.");
  }

  @Test
  void javaMigrationsFromTheClassPathRunInOrderWithTheSqlOnes() throws Exception {
    Path classes = Path.of("target/test-classes").toAbsolutePath();
    Path contracts = dir.resolve("contracts");

    Run record = CliProcess.run("record", "--migrations", "classpath:db/clijava", "--classes", classes.toString(),
        "--contracts", contracts.toString());

    assertThat(record.exitCode()).as(record.toString()).isZero();
    assertThat(record.out()).startsWith("recorded 1 table(s) in schema public at version 3 into ");
    assertThat(Files.readString(contracts.resolve("public.yaml"))).contains("nickname").contains("accounts_nickname");
    assertThat(flywayLists(List.of(classes), "classpath:db/clijava"))
        .containsExactly("1 accounts", "2 Backfill nicknames", "3 nickname index");
    Run verify = CliProcess.run("verify", "--migrations", "classpath:db/clijava", "--classes", classes.toString(),
        "--no-entities", "--contracts", contracts.toString());
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    // without --no-entities, classes that hold no entity (the chain's alone) are refused, with the way a project
    // without JPA goes on
    Path chainOnly = Files.createDirectories(dir.resolve("chain-only/db/clijava"));
    try (var files = Files.list(classes.resolve("db/clijava"))) {
      for (Path file : files.toList()) {
        Files.copy(file, chainOnly.resolve(file.getFileName()));
      }
    }
    Path chainClasses = dir.resolve("chain-only");
    Run entitiesExpected = CliProcess.run("verify", "--migrations", "classpath:db/clijava", "--classes",
        chainClasses.toString(), "--contracts", contracts.toString());
    assertThat(entitiesExpected.exitCode()).as(entitiesExpected.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(entitiesExpected.err()).isEqualTo("schemakit verify: Reading JPA entities from " + chainClasses
        + ": no class annotated with @jakarta.persistence.Entity or @javax.persistence.Entity was found. Check the"
        + " package name and that the classes are compiled. If --classes is there only for Java migrations or"
        + " classpath: locations, add --no-entities.\n");
  }

  @Test
  void javaMigrationsWhoseClassesAreNotGivenAreNamedBeforeMigratingAndInTheFailure() throws Exception {
    Path project = Files.createDirectories(dir.resolve("service"));
    Path sql = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
    Path java = Files.createDirectories(project.resolve("src/main/java/db/migration"));
    Files.copy(Path.of("src/test/resources/db/clijava/V1__accounts.sql"), sql.resolve("V1__accounts.sql"));
    Files.copy(Path.of("src/test/resources/db/clijava/V3__nickname_index.sql"), sql.resolve("V3__nickname_index.sql"));
    Files.writeString(java.resolve("V2__Backfill_nicknames.java"), Files.readString(
        Path.of("src/test/java/db/clijava/V2__Backfill_nicknames.java")).replace("package db.clijava;",
        "package db.migration;"));
    // named as Marquez names three of its own: one underscore, the version said by the class itself
    Files.writeString(java.resolve("V2_5_CountNicknames.java"), """
        package db.migration;

        import org.flywaydb.core.api.MigrationVersion;
        import org.flywaydb.core.api.migration.Context;
        import org.flywaydb.core.api.migration.JavaMigration;

        public class V2_5_CountNicknames implements JavaMigration {
          @Override
          public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("2.5");
          }
          // the rest of JavaMigration: never compiled here, only read
        }
        """);

    Run record = CliProcess.run("record", "--migrations", sql.toString(), "--contracts",
        dir.resolve("contracts").toString());

    assertThat(record.exitCode()).as(record.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(record.err()).startsWith("schemakit: WARNING 2 Java migration(s) of the project will not run, because"
        + " their classes are not on the class path: V2_5_CountNicknames.java, V2__Backfill_nicknames.java.")
        .contains("failed in V3__nickname_index.sql")
        .contains("Java migrations at or below version '3' did not run, because their classes are not on the class"
            + " path: V2__Backfill_nicknames.java, V2_5_CountNicknames.java. The statement may be right and need them");
  }

  @Test
  void aJavaMigrationThatNeedsAClassTheClassPathLacksIsNamedWithTheFix() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/db/needy"));
    Files.writeString(sources.resolve("Tables.java"), """
        package db.needy;

        public final class Tables {
          public static String accounts() {
            return "accounts";
          }
        }
        """);
    Files.writeString(sources.resolve("V2__Uses_a_helper.java"), """
        package db.needy;

        public class V2__Uses_a_helper extends org.flywaydb.core.api.migration.BaseJavaMigration {
          @Override
          public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
            try (java.sql.Statement statement = context.getConnection().createStatement()) {
              statement.execute("alter table " + Tables.accounts() + " add column nickname text");
            }
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), sources.resolve("Tables.java").toString(),
        sources.resolve("V2__Uses_a_helper.java").toString());
    assertThat(compiled).isZero();
    // the helper's jar is missing from the class path given
    Files.delete(classes.resolve("db/needy/Tables.class"));
    Files.writeString(classes.resolve("db/needy/V1__accounts.sql"), "create table accounts (id int);");

    Run record = CliProcess.run("record", "--migrations", "classpath:db/needy", "--classes", classes.toString(),
        "--contracts", dir.resolve("contracts").toString());

    assertThat(record.exitCode()).as(record.toString()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(record.err()).as(record.toString()).doesNotContain("Exception in thread")
        .contains("failed: the Java migration db.needy.V2__Uses_a_helper (version '2') needs db.needy.Tables, which is"
            + " not on the class path (NoClassDefFoundError). Give --classes the project's runtime class path");
  }

  @Test
  void namesWithoutADescriptionAndFilesThatAreNotMigrations() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(folder.resolve("V1__a.sql"), "create table a (id int);");
    Files.writeString(folder.resolve("V2.sql"), "create table b (id int);");
    Files.writeString(folder.resolve("V2_1.sql"), "create table c (id int);");
    Files.writeString(folder.resolve("V57__readme.md"), "# not a migration");
    Files.writeString(folder.resolve("update-sequences.sql"), "select 1;");

    Run record = CliProcess.run("record", "--migrations", folder.toString(), "--contracts",
        dir.resolve("contracts").toString());
    Run lint = CliProcess.run("lint", "--migrations", folder.toString());

    assertThat(record.exitCode()).as(record.toString()).isZero();
    assertThat(record.out()).startsWith("recorded 3 table(s) in schema public at version 2.1 into ");
    assertThat(flywayLists(List.of(), "filesystem:" + folder)).containsExactly("1 a", "2 ", "2.1 ");
    assertThat(lint.exitCode()).as(lint.toString()).isZero();
    assertThat(lint.out()).startsWith("info: 1 SQL file(s) in the locations are not migrations, and Flyway never"
        + " runs them: update-sequences.sql\n3 migration(s), 0 problem(s)\n");
  }

  /** What Flyway itself lists as pending on an empty database for these locations and class path. */
  private static List<String> flywayLists(List<Path> classPath, String... locations) throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    String name = "locations_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    URL[] urls = classPath.stream().map(p -> {
      try {
        return p.toUri().toURL();
      } catch (java.net.MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }).toArray(URL[]::new);
    try (URLClassLoader loader = new URLClassLoader(urls, ChainLocationsTests.class.getClassLoader())) {
      Flyway flyway = Flyway.configure(loader).locations(locations).dataSource(server.dataSource(name)).load();
      return Arrays.stream(flyway.info().pending()).map(ChainLocationsTests::describe).toList();
    } finally {
      try (Connection admin = server.connect("postgres"); Statement statement = admin.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private static String describe(MigrationInfo info) {
    return (info.getVersion() == null ? "R" : info.getVersion().getVersion()) + " " + info.getDescription();
  }
}
