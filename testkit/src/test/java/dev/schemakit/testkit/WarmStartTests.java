package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared embedded server hands its templates, and only them, to the next JVM. */
class WarmStartTests {

  @TempDir
  Path migrations;

  @Test
  void theNextJvmStartsWithTheTemplatesOfTheLastRunAndNothingElse() throws Exception {
    // a chain no other run has seen, so the first JVM cannot find its template anywhere
    Files.writeString(migrations.resolve("V1__create.sql"),
        "create table t_" + UUID.randomUUID().toString().replace("-", "") + " (id int primary key);");
    assertThat(runChild()).isEqualTo("HAD template=false scratch=false");
    assertThat(runChild()).isEqualTo("HAD template=true scratch=false");
  }

  private String runChild() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        WarmStartMain.class.getName(), migrations.toString()).redirectErrorStream(true).start();
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
    return had;
  }
}
