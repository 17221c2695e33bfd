package dev.schemakit.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs schemakit's benchmarks, prints their tables and writes {@code bench-results.json} next to
 * the jar: {@code java -jar benchmarks/target/benchmarks.jar [NAME...]}.
 */
public final class Benchmarks {

  /** A benchmark: prints its own table and returns its metrics. */
  interface Benchmark {
    Map<String, Double> run() throws Exception;
  }

  private static final Map<String, Benchmark> ALL = new LinkedHashMap<>();

  static {
    ALL.put("snapshot", new SnapshotBenchmark());
    ALL.put("provisioning", new ProvisioningBenchmark());
    ALL.put("stairway", new StairwayBenchmark());
    ALL.put("cli", new CliBenchmark());
    ALL.put("suite", new SuiteBenchmark());
    ALL.put("spring", new SpringBenchmark());
    ALL.put("rehearse", new RehearseBenchmark());
    ALL.put("chainbuild", new ChainBuildBenchmark());
  }

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    List<String> names = args.length == 0 ? List.copyOf(ALL.keySet()) : List.of(args);
    for (String name : names) {
      if (!ALL.containsKey(name)) {
        System.err.println("Unknown benchmark '" + name + "'. Known: " + String.join(", ", ALL.keySet()));
        System.exit(2);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (String name : names) {
      System.out.println("== " + name);
      metrics.putAll(ALL.get(name).run());
    }
    Path results = resultsFile();
    Files.writeString(results, json(metrics));
    System.out.println("\nwrote " + results);
  }

  /** An empty folder at {@code folder}: what a benchmark left there before is deleted. */
  static Path fresh(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (var walk = Files.walk(folder)) {
        for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(folder);
  }

  /** The middle value (the mean of the two middle ones for an even count). */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
  }

  static String json(Map<String, Double> metrics) {
    List<String> entries = new ArrayList<>();
    metrics.forEach((k, v) -> entries.add("    \"" + k + "\": " + String.format(Locale.ROOT, "%.3f", v)));
    return "{\n  \"metrics\": {\n" + entries.stream().collect(Collectors.joining(",\n")) + "\n  }\n}\n";
  }

  private static Path resultsFile() throws IOException, URISyntaxException {
    Path jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // target/benchmarks.jar or, run from the IDE, target/classes: either way the file goes into target/
    return jar.getParent().resolve("bench-results.json");
  }
}
