package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.model.Catalog;
import dev.schemakit.template.Databases;
import dev.schemakit.template.VersionedDatabase;
import dev.schemakit.yaml.ContractRecorder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@code record}: write or refresh the contracts from the migrated schema. */
final class RecordCommand implements Command {

  @Override
  public Set<String> options() {
    return Provisioning.withMigrationAndServerOptions("--contracts", "--target", "--schemas");
  }

  @Override
  public String usage() {
    return """
          record   --migrations LOC --contracts DIR [--target V] [--schemas a,b] [--url JDBC ...]
                   Writes the migrated schema into the contracts: tables stay in their files and order,
                   comments stay on their elements; new files are <schema>.yaml. Everything is recorded strict.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chainAppliedByFlyway(options, console);
    Path contracts = Path.of(options.required("--contracts", "the folder to write the YAML contracts to"));
    Recorded recorded = record(options, console, chain, contracts, options.value("--target").orElse("latest"));
    console.report(options, recorded.summary() + "\n");
    return ExitCodes.CLEAN;
  }

  /** What one recording wrote. */
  record Recorded(int tables, List<String> schemas, String version, Path contracts, int written, int unchanged,
      int deleted) {

    /** {@code recorded 3 table(s) in schema public at version 4 into DIR: 1 file(s) written, ...}. */
    String summary() {
      return "recorded " + tables + " table(s) in schema" + (schemas.size() == 1 ? " " : "s ")
          + String.join(", ", schemas) + " at version " + version + " into " + contracts + ": " + written
          + " file(s) written, " + unchanged + " unchanged, " + deleted + " deleted";
    }

    boolean changedNothing() {
      return written == 0 && deleted == 0;
    }
  }

  /**
   * Writes the schema of the chain at a target into the contracts: tables stay in their files and order, comments on
   * their elements; files that hold nothing any more are deleted.
   */
  static Recorded record(Options options, Console console, MigrationChain chain, Path contracts, String target) {
    chain.resolve(target);
    Map<String, String> existing = existing(contracts);
    Catalog snapshot;
    try (Databases databases = Provisioning.databases(options, console)) {
      console.progress("migrating to version " + target + " on " + Provisioning.where(databases));
      VersionedDatabase database = databases.create(chain, target);
      List<String> schemas = Provisioning.compared(options);
      snapshot = database.snapshot(schemas.isEmpty() ? database.schemas() : schemas);
    }
    Map<String, String> files = ContractRecorder.record(snapshot, existing);
    // the JSON Schema the new files' first line names, for editors; kept as the jar ships it
    Path schema = contracts.resolve(ContractRecorder.SCHEMA_FILE);
    String shipped = ContractRecorder.schema();
    try {
      if (!Files.isRegularFile(schema) || !Files.readString(schema, StandardCharsets.UTF_8).equals(shipped)) {
        Console.write(schema, shipped);
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "record: reading " + schema + " failed: " + e.getMessage(), e);
    }
    int written = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (!file.getValue().equals(existing.get(file.getKey()))) {
        Console.write(contracts.resolve(file.getKey()), file.getValue());
        written++;
      }
    }
    int deleted = 0;
    for (String old : existing.keySet()) {
      if (!files.containsKey(old)) {
        delete(contracts.resolve(old));
        deleted++;
      }
    }
    return new Recorded(snapshot.tableCount(), snapshot.schemas().stream().map(dev.schemakit.model.Schema::name)
        .toList(), chain.resolve(target).getVersion(), contracts, written, files.size() - written, deleted);
  }

  private static Map<String, String> existing(Path contracts) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(contracts)) {
      return files;
    }
    try (Stream<Path> list = Files.list(contracts)) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "record: reading " + contracts + " failed: " + e.getMessage(), e);
    }
    return files;
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new CliException(ExitCodes.BAD_INPUT, "record: deleting " + file + " (no longer holds anything) failed: "
          + e.getMessage(), e);
    }
  }
}
