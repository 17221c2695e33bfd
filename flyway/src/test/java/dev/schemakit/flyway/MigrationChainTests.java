package dev.schemakit.flyway;

import dev.schemakit.chain.ChainChecks;
import dev.schemakit.chain.ChainProblem;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.MigrationLock;
import dev.schemakit.chain.Version;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading migrations by Flyway's naming rules, without a database. */
class MigrationChainTests {

  @TempDir
  Path folder;

  private MigrationChain scanFolder() {
    return MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
  }

  @Test
  void readsVersionedUndoRepeatableAndCallbackFilesInVersionOrder() throws Exception {
    Files.writeString(folder.resolve("V10__later.sql"), "select 1;");
    Files.writeString(folder.resolve("V2__second.sql"), "select 1;");
    Files.writeString(folder.resolve("V1_1__point_one.sql"), "select 1;");
    Files.writeString(folder.resolve("U2__second.sql"), "select 1;");
    Files.writeString(folder.resolve("R__views.sql"), "select 1;");
    Files.writeString(folder.resolve("afterMigrate.sql"), "select 1;");
    Files.writeString(folder.resolve("notes.txt"), "not a migration");
    Files.writeString(folder.resolve("V3_add_x.sql"), "no separator: Flyway ignores it");
    MigrationChain chain = scanFolder();
    assertThat(chain.versions()).extracting(Version::getVersion).containsExactly("1.1", "2", "10");
    assertThat(chain.versioned().get(0).description()).isEqualTo("point one");
    assertThat(chain.undo()).extracting(Migration::fileName).containsExactly("U2__second.sql");
    assertThat(chain.repeatable()).extracting(Migration::fileName).containsExactly("R__views.sql");
    assertThat(chain.callbacks()).extracting(Migration::fileName).containsExactly("afterMigrate.sql");
    assertThat(chain.resolve("latest").getVersion()).isEqualTo("10");
    assertThat(chain.resolve("1.1").getVersion()).isEqualTo("1.1");
    assertThat(chain.versionsBelow(Version.fromVersion("10"))).extracting(Version::getVersion)
        .containsExactly("2", "1.1");
  }

  @Test
  void twoMigrationsWithOneVersionAreRejectedNamingBoth() throws Exception {
    Files.writeString(folder.resolve("V1__a.sql"), "select 1;");
    Files.writeString(folder.resolve("V1.0__b.sql"), "select 1;");
    assertThatThrownBy(this::scanFolder).isInstanceOf(MigrationException.class)
        .hasMessageContaining("two versioned migrations have version '1")
        .hasMessageContaining("V1__a.sql").hasMessageContaining("V1.0__b.sql")
        .hasMessageEndingWith("Give one of them the next free version.");
  }

  @Test
  void aFolderThatDoesNotExistIsNamedWithTheFix() {
    Path missing = folder.resolve("nope");
    assertThatThrownBy(() -> MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + missing).build()))
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Reading migrations from filesystem:" + missing + " failed: " + missing
            + " does not exist. Fix the path");
  }

  @Test
  void notAFlywayVersionListsTheVersionsThereAre() throws Exception {
    Files.writeString(folder.resolve("V1__a.sql"), "select 1;");
    assertThatThrownBy(() -> scanFolder().resolve("v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'v1' is not a Flyway version (digits separated by '.' or '_', e.g. '3' or '1.2'). Use one of '1'"
            + " or \"latest\".");
  }

  @Test
  void migrationsInsideAJarOnTheClasspathAreRead() throws Exception {
    Path jar = folder.resolve("migrations.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // as the Maven jar plugin writes them: folders have entries of their own
      for (String name : new String[] {"db/", "db/shipped/", "db/shipped/V1__one.sql", "db/shipped/V2__two.sql",
          "db/other/", "db/other/V9__no.sql"}) {
        out.putNextEntry(new JarEntry(name));
        if (!name.endsWith("/")) {
          out.write("select 1;".getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().classLoader(loader)
          .locations("classpath:db/shipped").build());
      assertThat(chain.versioned()).extracting(Migration::location)
          .containsExactly("classpath:db/shipped/V1__one.sql", "classpath:db/shipped/V2__two.sql");
    }
  }

  @Test
  void theFingerprintOfAVersionChangesWithItsFilesAndSettingsButNotWithLaterFiles() throws Exception {
    Files.writeString(folder.resolve("V1__a.sql"), "create table a (id int);");
    Files.writeString(folder.resolve("V2__b.sql"), "create table b (id int);");
    Version one = Version.fromVersion("1");
    Version two = Version.fromVersion("2");
    MigrationChain before = scanFolder();
    Files.writeString(folder.resolve("V2__b.sql"), "create table b (id bigint);");
    MigrationChain after = scanFolder();
    assertThat(after.fingerprint(one)).isEqualTo(before.fingerprint(one));
    assertThat(after.fingerprint(two)).isNotEqualTo(before.fingerprint(two));
    MigrationChain otherTable = MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder)
        .flywayProperty("table", "history").build());
    assertThat(otherTable.fingerprint(one)).isNotEqualTo(after.fingerprint(one));
  }

  @Test
  void anUnknownFlywayPropertyIsRejectedByFlywayItself() {
    assertThatThrownBy(() -> MigrationSettings.builder().flywayProperty("flyway.tabel", "x").build())
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Reading the Flyway settings")
        .hasMessageContaining("flyway.tabel");
  }


  @Test
  void aBaselineMigrationIsPartOfTheChainAsFlywayReadsIt() throws Exception {
    // the shape of a squashed chain: old versions kept for databases deployed from them, a baseline for new ones
    Files.writeString(folder.resolve("V1__users.sql"), "create table users (id int primary key);");
    Files.writeString(folder.resolve("V2__guilds.sql"), "create table guilds (id int primary key);");
    Files.writeString(folder.resolve("B2__squashed.sql"), "create table users (id int primary key);"
        + " create table guilds (id int primary key);");
    Files.writeString(folder.resolve("V3__names.sql"), "alter table guilds add column name text;");
    Files.writeString(folder.resolve("B4__squashed_again.sql"), "select 1;");

    MigrationChain chain = scanFolder();

    assertThat(chain.ignored()).isEmpty();
    assertThat(chain.baselines()).extracting(Migration::fileName)
        .containsExactly("B2__squashed.sql", "B4__squashed_again.sql");
    assertThat(chain.baselines()).allMatch(m -> m.kind() == Migration.Kind.BASELINE);
    assertThat(chain.versions()).extracting(Version::getVersion).containsExactly("1", "2", "3", "4");
    assertThat(chain.resolve("4")).isEqualTo(Version.fromVersion("4"));
    assertThat(chain.latest()).contains(Version.fromVersion("4"));
    // Flyway starts an empty database from the newest baseline; below it, the versioned migrations make it
    assertThat(chain.fromEmpty(Version.fromVersion("4"))).extracting(Migration::fileName)
        .containsExactly("B4__squashed_again.sql");
    assertThat(chain.fromEmpty(Version.fromVersion("3"))).extracting(Migration::fileName)
        .containsExactly("V1__users.sql", "V2__guilds.sql", "V3__names.sql");
    assertThat(chain.isBaseline(Version.fromVersion("4"))).isTrue();
    assertThat(chain.isBaseline(Version.fromVersion("2"))).isFalse();
    // a new database at 4 comes from the baseline, never from version 3
    assertThat(chain.versionsBelow(Version.fromVersion("4"))).isEmpty();
    assertThat(chain.versionsBelow(Version.fromVersion("3"))).extracting(Version::getVersion)
        .containsExactly("2", "1");
    assertThat(ChainChecks.defaults().check(chain)).isEmpty();

    Files.delete(folder.resolve("B4__squashed_again.sql"));
    MigrationChain squashedOnce = scanFolder();
    assertThat(squashedOnce.fromEmpty(Version.fromVersion("3"))).extracting(Migration::fileName)
        .containsExactly("B2__squashed.sql", "V3__names.sql");
    assertThat(squashedOnce.fromEmpty(Version.fromVersion("1"))).extracting(Migration::fileName)
        .containsExactly("V1__users.sql");
    assertThat(squashedOnce.versionsBelow(Version.fromVersion("3"))).extracting(Version::getVersion)
        .containsExactly("2");
  }

  @Test
  void theLockRecordsBaselinesBesideVersionsOfTheSameNumberAndFindsThemEdited() throws Exception {
    Files.writeString(folder.resolve("V1__users.sql"), "create table users (id int primary key);");
    Files.writeString(folder.resolve("B1__squashed.sql"), "create table users (id int primary key);");
    Path lockFile = folder.resolveSibling(folder.getFileName() + ".lock");
    MigrationLock.of(scanFolder()).write(lockFile);

    MigrationLock lock = MigrationLock.read(lockFile);
    assertThat(Files.readAllLines(lockFile)).hasSize(3).anyMatch(line -> line.startsWith("B1 B1__squashed.sql "))
        .anyMatch(line -> line.startsWith("1 V1__users.sql "));
    assertThat(lock.size()).isEqualTo(2);
    assertThat(lock.check(scanFolder())).isEmpty();

    Files.writeString(folder.resolve("B1__squashed.sql"), "create table users (id bigint primary key);");
    assertThat(lock.check(scanFolder())).extracting(ChainProblem::code, ChainProblem::location)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ChainProblem.Code.RELEASED_EDITED,
            "filesystem:" + folder + "/B1__squashed.sql"));
    Files.delete(lockFile);
  }
}
