package dev.schemakit.flyway;

import dev.schemakit.chain.ChainChecks;
import dev.schemakit.chain.ChainProblem;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.MigrationLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broken chains written on purpose, each caught with its message; a clean chain passes. */
class ChainChecksTests {

  @TempDir
  Path folder;

  @TempDir
  Path project;

  MigrationChain chain() {
    return MigrationChain.scan(MigrationSettings.builder().locations("filesystem:" + folder).build());
  }

  void write(String name, String sql) throws Exception {
    Files.writeString(folder.resolve(name), sql);
  }

  void cleanChain() throws Exception {
    write("V1__create.sql", "create table a (id int);");
    write("U1__create.sql", "drop table a;");
    write("V2__more.sql", "create table b (id int);");
    write("U2__more.sql", "drop table b;");
  }

  @Test
  void aCleanChainHasNoProblemsEvenWithEveryOptInRule() throws Exception {
    cleanChain();
    MigrationChain chain = chain();
    assertThat(ChainChecks.defaults().requireUndo(true).contiguousVersions(true).check(chain)).isEmpty();
    assertThat(MigrationLock.of(chain).check(chain)).isEmpty();
  }

  @Test
  void namesFlywayRefusesThatWereMeantAsMigrationsAreReportedAndOtherFilesAreNot() throws Exception {
    cleanChain();
    write("V3_one_underscore.sql", "select 1;");
    write("v4__lower_case.sql", "select 1;");
    // not a migration suffix: Flyway never looks at these, so neither is a problem
    write("V5__wrong_extension.txt", "select 1;");
    write("README.md", "notes are fine");
    // a helper script without a migration prefix: Flyway ignores it unless validateMigrationNaming is on
    write("update-sequences.sql", "select 1;");
    MigrationChain chain = chain();
    assertThat(ChainChecks.defaults().check(chain)).extracting(ChainProblem::code, p -> Path.of(p.location())
        .getFileName().toString()).containsExactly(
            org.assertj.core.groups.Tuple.tuple(ChainProblem.Code.IGNORED_FILE, "V3_one_underscore.sql"),
            org.assertj.core.groups.Tuple.tuple(ChainProblem.Code.IGNORED_FILE, "v4__lower_case.sql"));
    assertThat(chain.notMigrations()).extracting(p -> Path.of(p).getFileName().toString())
        .containsExactly("update-sequences.sql");
  }

  @Test
  void undoWithoutMigrationMissingUndoAndGapsAreReported() throws Exception {
    cleanChain();
    write("U7__orphan.sql", "select 1;");
    write("V4__skips_three.sql", "select 1;");
    List<ChainProblem> problems = ChainChecks.defaults().requireUndo(true).contiguousVersions(true).check(chain());
    assertThat(problems).extracting(ChainProblem::code).containsExactly(ChainProblem.Code.UNDO_WITHOUT_MIGRATION,
        ChainProblem.Code.MISSING_UNDO, ChainProblem.Code.VERSION_GAP);
    assertThat(problems.get(1).message()).isEqualTo("V4__skips_three.sql has no undo script. Add"
        + " U4__skips_three.sql beside it.");
  }

  @Test
  void anEditedReleasedMigrationNamesFileOldAndNewChecksumAndTheFix() throws Exception {
    cleanChain();
    Path lockFile = project.resolve(MigrationLock.FILE_NAME);
    MigrationLock.of(chain()).write(lockFile);
    String before = MigrationLock.read(lockFile).entry(chain().versions().get(0)).orElseThrow().sha256();
    write("V1__create.sql", "create table a (id bigint);");
    List<ChainProblem> problems = MigrationLock.read(lockFile).check(chain());
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(ChainProblem.Code.RELEASED_EDITED);
      assertThat(p.message()).isEqualTo("released migration V1__create.sql (version '1') was edited: sha256 was "
          + before + ", is " + chain().versioned().get(0).sha256() + ". Databases that applied it will not run it"
          + " again: restore it and put the change in a new migration.");
    });
  }

  @Test
  void renamedDeletedAndOutOfOrderMigrationsAreReported() throws Exception {
    cleanChain();
    write("V3__third.sql", "select 1;");
    Path lockFile = project.resolve(MigrationLock.FILE_NAME);
    MigrationLock.of(chain()).write(lockFile);
    Files.move(folder.resolve("V2__more.sql"), folder.resolve("V2__renamed.sql"));
    Files.delete(folder.resolve("V3__third.sql"));
    write("V2_5__late.sql", "select 1;");
    write("V4__next.sql", "select 1;");
    assertThat(MigrationLock.read(lockFile).check(chain())).extracting(ChainProblem::code).containsExactly(
        ChainProblem.Code.RELEASED_RENAMED, ChainProblem.Code.RELEASED_DELETED, ChainProblem.Code.OUT_OF_ORDER);
  }

  @Test
  void recordingANewReleaseKeepsReleasedLinesAndRefusesToLaunderAnEdit() throws Exception {
    cleanChain();
    Path lockFile = project.resolve(MigrationLock.FILE_NAME);
    MigrationLock.read(lockFile).withNewReleases(chain()).write(lockFile);
    write("V3__third.sql", "create table c (id int);");
    MigrationLock.read(lockFile).withNewReleases(chain()).write(lockFile);
    assertThat(MigrationLock.read(lockFile).size()).isEqualTo(3);
    assertThat(MigrationLock.read(lockFile).check(chain())).isEmpty();
    write("V1__create.sql", "create table a (id bigint);");
    assertThatThrownBy(() -> MigrationLock.read(lockFile).withNewReleases(chain()))
        .isInstanceOf(MigrationException.class)
        .hasMessageStartingWith("Recording new releases into the lock failed: released migrations changed. Fix these"
            + " first:\nRELEASED_EDITED filesystem:" + folder + "/V1__create.sql: released migration V1__create.sql");
  }

  @Test
  void aCorruptLockFileSaysWhereAndHowToRegenerateIt() throws Exception {
    Path lockFile = project.resolve(MigrationLock.FILE_NAME);
    Files.writeString(lockFile, "# header\n1 V1__create.sql abc\n");
    assertThatThrownBy(() -> MigrationLock.read(lockFile)).isInstanceOf(MigrationException.class)
        .hasMessage("Reading the lock file " + lockFile + " failed at line 2: expected a SHA-256 of 64 hex digits but"
            + " found 'abc'. The file is written by schemakit, not by hand: restore it from version control, or"
            + " regenerate it from the released migrations with `schemakit lint --lock FILE --update-lock`.");
  }

  @Test
  void aMissingLockFileMeansNothingIsReleasedYet() {
    assertThat(MigrationLock.read(project.resolve("absent.lock")).size()).isZero();
  }
}
