package dev.schemakit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Runs {@code target/schemakit.jar} as a separate process, as users and CI do. */
final class CliProcess {

  /**
   * What one run printed and returned. {@code err} is what the command said; the progress lines of slow steps
   * ("schemakit: downloaded the PostgreSQL 18.1 binaries ... (9.2 s)") are apart in {@code progress}, because
   * only a machine that has not yet cached the binaries or the template prints them: a test that reads
   * {@code err} must not pass or fail by how warm the cache is.
   */
  record Run(int exitCode, String out, String err, String progress) {

    private static final Pattern PROGRESS_LINE =
        Pattern.compile("schemakit: (?!WARNING ).* \\([0-9]+\\.[0-9] s\\)");

    static Run of(int exitCode, String out, String stderr) {
      StringBuilder said = new StringBuilder();
      StringBuilder progress = new StringBuilder();
      stderr.lines().forEach(line -> (PROGRESS_LINE.matcher(line).matches() ? progress : said).append(line)
          .append('\n'));
      return new Run(exitCode, out, said.toString(), progress.toString());
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + progress + err;
    }
  }

  private CliProcess() {}

  static Run run(String... args) {
    return run(Map.of(), args);
  }

  static Run run(Map<String, String> environment, String... args) {
    return runIn(null, environment, args);
  }

  /**
   * A run in another working directory, whose home directory is that directory too: what the jar finds there
   * (flyway.conf, flyway.toml) is all it finds.
   */
  static Run runIn(Path directory, Map<String, String> environment, String... args) {
    String jar = Path.of(System.getProperty("schemakit.cli.jar", "target/schemakit.jar")).toAbsolutePath().toString();
    if (!Files.exists(Path.of(jar))) {
      throw new IllegalStateException(jar + " does not exist: these tests run after `mvn package` (failsafe)");
    }
    // a short JVM per run: C1 alone and the serial collector spend less of the two cores (README, Building)
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (directory != null) {
      command.add("-Duser.home=" + directory.toAbsolutePath());
    }
    command.addAll(List.of("-jar", jar));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("schemakit-cli", ".out");
      Path err = Files.createTempFile("schemakit-cli", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().remove("PGPASSWORD");
      builder.environment().remove("SCHEMAKIT_PASSWORD");
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("schemakit " + String.join(" ", args) + " did not finish in 5 minutes");
      }
      Run run = Run.of(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new IllegalStateException("starting " + command + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
