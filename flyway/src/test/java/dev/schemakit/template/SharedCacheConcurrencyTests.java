package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs on one machine share the embedded server's cache (Surefire forks, an IDE and a terminal, CI
 * jobs on one runner). The cache is an optimisation: whatever the others do to it, even dying with
 * {@code kill -9} in the middle of copying it, no run fails and nothing is left behind.
 */
class SharedCacheConcurrencyTests {

  static final int ROUNDS = 10;
  static final int JVMS = 4;

  @TempDir
  Path migrations;

  /** Under target/: a temporary folder is closed to the server's user when the tests run as root. */
  final Path cache = Path.of("target", "shared-cache-" + UUID.randomUUID().toString().substring(0, 8))
      .toAbsolutePath();

  final java.util.Map<Process, Path> outputs = new java.util.HashMap<>();

  @AfterEach
  void removeCacheAndOutputs() {
    deleteTree(dev.schemakit.database.EmbeddedPostgres.dataRoot(cache));
    deleteTree(cache);
    outputs.values().forEach(SharedCacheConcurrencyTests::deleteTree);
  }

  @Test
  void fourJvmsAtOnceWithOneKilledMidStartNeverFailAndLeaveNothingBehind() throws Exception {
    Files.writeString(migrations.resolve("V1__create.sql"), "create table accounts (id int primary key);\n"
        + "create index accounts_id on accounts (id);");
    Files.writeString(migrations.resolve("V2__more.sql"), "create table raids (id int primary key);");
    assertThat(child().waitFor(120, TimeUnit.SECONDS)).isTrue(); // binaries and initdb, once

    int killedDuringStart = 0;
    List<String> failures = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      List<Process> children = new ArrayList<>();
      int victimIndex = round % JVMS;
      Process victim = null;
      for (int i = 0; i < JVMS; i++) {
        // staggered, so that one JVM copies the warm directory while another, stopping, replaces it
        Thread.sleep(ThreadLocalRandom.current().nextInt(200, 900));
        children.add(child());
        if (i == victimIndex) {
          victim = children.get(i);
        }
      }
      // a JVM needs ~0.4 s to reach the copy of the warm directory, which takes ~0.1-0.3 s more
      Thread.sleep(ThreadLocalRandom.current().nextInt(100, 600));
      boolean startedAlready = Files.exists(outputOf(victim)) && Files.readString(outputOf(victim)).contains("HAD ");
      new ProcessBuilder("kill", "-9", Long.toString(victim.pid())).start().waitFor();
      killedDuringStart += startedAlready ? 0 : 1;
      for (Process child : children) {
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("round " + round + ": a JVM hangs").isTrue();
        if (child != victim && child.exitValue() != 0) {
          failures.add("round " + round + ": exit " + child.exitValue() + "\n" + Files.readString(outputOf(child)));
        }
      }
    }
    // one more run tidies up what the killed ones left (their servers, their data directories)
    Process last = child();
    assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(failures).isEmpty();
    assertThat(last.exitValue()).as(Files.readString(outputOf(last))).isZero();
    assertThat(killedDuringStart).as("JVMs killed before their server was up").isPositive();
    assertThat(serversOn(cache)).as("servers left running on the cache").isEmpty();
    Path data = dev.schemakit.database.EmbeddedPostgres.dataRoot(cache);
    // a data directory a JVM threw away is deleted by an rm that goes on after that JVM's exit: give it time
    assertThat(leftAfterDeletes(data.resolve("run"), name -> true))
        .as("data directories, logs and owner files left in run/").isEmpty();
    assertThat(leftAfterDeletes(data, name -> name.contains(".old-"))).isEmpty();
  }

  /** The entries of a folder that match, once deletes under way had up to 30 s to end. */
  private static List<String> leftAfterDeletes(Path folder, java.util.function.Predicate<String> matching)
      throws Exception {
    return dev.schemakit.testing.Eventually.value(java.time.Duration.ofSeconds(30), () -> {
      try (Stream<Path> entries = Files.list(folder)) {
        return entries.map(p -> p.getFileName().toString()).filter(matching).toList();
      }
    }, List::isEmpty);
  }

  private Process child() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = Files.createTempFile("schemakit-child", ".log");
    // short JVMs: C1 alone and the serial collector spend less of the two cores (README, Building)
    Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dschemakit.cache.dir=" + cache, "-cp",
        System.getProperty("java.class.path"), WarmStartMain.class.getName(), migrations.toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    outputs.put(process, output);
    return process;
  }

  private Path outputOf(Process process) {
    return outputs.get(process);
  }

  private static List<String> serversOn(Path cache) {
    return ProcessHandle.allProcesses()
        .map(p -> p.info().commandLine().orElse(""))
        .filter(line -> line.contains(cache.toString()) && line.contains("bin/postgres"))
        .toList();
  }

  private static void deleteTree(Path path) {
    try (Stream<Path> walk = Files.exists(path) ? Files.walk(path) : Stream.empty()) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover folder under target/ goes with mvn clean
    }
  }
}
