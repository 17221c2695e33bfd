package dev.schemakit.template;

import static dev.schemakit.database.ScratchDatabases.existing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.database.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a killed JVM leaves behind is cleaned by the next one: its server, its data directory, its databases. */
class AbandonedRunTests {

  @Test
  void theNextRunCleansWhatAKilledJvmLeft() throws Exception {
    EmbeddedPostgres shared = EmbeddedPostgres.shared();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        AbandonedRunMain.class.getName(), shared.jdbcUrl("postgres"))
        .redirectErrorStream(true).start();
    String ready;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      ready = out.lines().filter(line -> line.startsWith("READY ")).findFirst().orElse(null);
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    }
    assertThat(ready).as("the child JVM's output").isNotNull();
    String[] parts = ready.split(" ");
    long orphanServer = Long.parseLong(parts[1]);
    String orphanDatabase = parts[2];
    assertThat(ProcessHandle.of(orphanServer).map(ProcessHandle::isAlive)).contains(true);
    assertThat(existing(List.of(orphanDatabase))).containsExactly(orphanDatabase);

    // a new server start removes servers and data directories whose JVM is gone
    try (EmbeddedPostgres next = EmbeddedPostgres.start()) {
      assertThat(ProcessHandle.of(orphanServer).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
    // a new factory drops databases of runs whose advisory lock nobody holds any more
    try (TemplateFactory factory = TemplateFactory.on(shared)) {
      assertThat(existing(List.of(orphanDatabase))).isEmpty();
    }
  }
}
