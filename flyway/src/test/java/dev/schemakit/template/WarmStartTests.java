package dev.schemakit.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared embedded server hands its templates, and only them, to the next JVM. */
class WarmStartTests {

  @TempDir
  Path migrations;

  /** What the last child JVM printed. */
  private String lastOutput = "";

  @Test
  void theNextJvmStartsWithTheTemplatesOfTheLastRunAndNothingElse() throws Exception {
    // a chain no other run has seen, so the first JVM cannot find its template anywhere
    Files.writeString(migrations.resolve("V1__create.sql"),
        "create table t_" + UUID.randomUUID().toString().replace("-", "") + " (id int primary key);");
    assertThat(runChild()).isEqualTo("HAD template=false scratch=false");
    assertThat(runChild()).isEqualTo("HAD template=true scratch=false");
    // that run built nothing new, so it left the warm state as it was instead of saving its own: the scratch
    // database it made went with its data directory
    assertThat(runChild()).isEqualTo("HAD template=true scratch=false");
  }

  @Test
  void threeProjectsOnOneMachineEachStayWarm(@TempDir Path projects) throws Exception {
    // a cache folder of their own (under target/: a temporary folder is closed to the server's user under root)
    Path cache = Path.of("target", "warm-projects-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    List<Path> dirs = new ArrayList<>();
    for (String name : List.of("orders", "billing", "search", "archive")) {
      Path project = Files.createDirectories(projects.resolve(name));
      Files.writeString(project.resolve("V1__create.sql"), "create table " + name + "_"
          + UUID.randomUUID().toString().replace("-", "") + " (id int primary key);");
      dirs.add(project);
    }
    try {
      for (Path project : dirs.subList(0, 3)) {
        assertThat(runChild(project, cache)).isEqualTo("HAD template=false scratch=false");
      }
      // each of the three starts from its own warm state: another project's run did not replace it
      for (Path project : dirs.subList(0, 3)) {
        assertThat(runChild(project, cache)).as(project.toString()).isEqualTo("HAD template=true scratch=false");
      }
      // a fourth project makes the least recently used warm state go
      assertThat(runChild(dirs.get(3), cache)).isEqualTo("HAD template=false scratch=false");
      assertThat(runChild(dirs.get(0), cache)).isEqualTo("HAD template=false scratch=false");
      try (Stream<Path> entries = Files.list(dev.schemakit.database.EmbeddedPostgres.dataRoot(cache))) {
        // a replaced warm state (<name>.old-<id>.trash) may still be on its way out through a background rm
        assertThat(entries.map(p -> p.getFileName().toString())
            .filter(name -> name.contains("-warm-") && !name.contains(".old-")).count()).isEqualTo(3);
      }
    } finally {
      deleteCache(cache);
    }
  }

  @Test
  void aRunLinksTheWarmTemplatesAndLeavesTheirFilesAsTheyWere() throws Exception {
    Path cache = Path.of("target", "warm-linked-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    Files.writeString(migrations.resolve("V1__create.sql"), "create table linked_"
        + UUID.randomUUID().toString().replace("-", "") + " (id int primary key, name text);");
    try {
      assertThat(runChild(migrations, cache)).isEqualTo("HAD template=false scratch=false");
      Path data = dev.schemakit.database.EmbeddedPostgres.dataRoot(cache);
      Path warm;
      try (Stream<Path> entries = Files.list(data)) {
        warm = entries.filter(p -> p.getFileName().toString().contains("-warm-")
            && !p.getFileName().toString().contains(".old-")).findFirst().orElseThrow();
      }
      List<String> kept = Files.readAllLines(warm.resolve("schemakit-warm-databases"));
      assertThat(kept).hasSize(1).allMatch(line -> line.matches("\\d+ schemakit_t_\\w+"));
      Path template = warm.resolve("base").resolve(kept.get(0).split(" ")[0]);
      java.util.Map<String, String> before = digests(template);
      // the next run clones that template (its files linked into the run's data directory) and writes in the clone
      assertThat(runChild(migrations, cache)).isEqualTo("HAD template=true scratch=false");
      assertThat(lastOutput).contains("TEMPLATE LINKS 2");
      assertThat(digests(template)).as("the warm template's files after a run that cloned it").isEqualTo(before);
      // the run's data directory, which linked them, goes with an rm that outlives its JVM: give it up to 30 s
      assertThat(dev.schemakit.testing.Eventually.value(java.time.Duration.ofSeconds(30),
          () -> onlyLinkedOnce(template), Boolean::booleanValue)).as("no run directory still links them").isTrue();
    } finally {
      deleteCache(cache);
    }
  }

  private static java.util.Map<String, String> digests(Path folder) throws Exception {
    java.util.Map<String, String> digests = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(file.getFileName().toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
      }
    }
    return digests;
  }

  private static boolean onlyLinkedOnce(Path folder) throws java.io.IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).allMatch(file -> linkCount(file) == 1);
    }
  }

  private static int linkCount(Path file) {
    try {
      return (Integer) Files.getAttribute(file, "unix:nlink");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteCache(Path cache) throws Exception {
    Path data = dev.schemakit.database.EmbeddedPostgres.dataRoot(cache);
    if (!data.equals(cache) && Files.exists(data)) {
      try (Stream<Path> walk = Files.walk(data)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> walk = Files.walk(cache)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private String runChild() throws Exception {
    return runChild(migrations, null);
  }

  /** A JVM in a project's folder (its working directory), optionally on a cache folder of its own. */
  private String runChild(Path project, Path cache) throws Exception {
    Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    // short JVMs: C1 alone and the serial collector spend less of the two cores (README, Building)
    List<String> command = new ArrayList<>(List.of(javaBinary.toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC"));
    if (cache != null) {
      command.add("-Dschemakit.cache.dir=" + cache);
    }
    command.addAll(List.of("-cp", classPath(), WarmStartMain.class.getName(), project.toString()));
    Process child = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    String had = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("HAD ")) {
          had = line;
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output.toString()).isZero();
    lastOutput = output.toString();
    return had;
  }

  /** The test class path with absolute entries, for a JVM started in another folder. */
  private static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
