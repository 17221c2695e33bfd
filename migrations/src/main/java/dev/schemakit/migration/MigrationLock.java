package dev.schemakit.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The lock file of released migrations ({@code schemakit.lock}, committed with the service): for each
 * released version, its file name and the SHA-256 of its bytes. A released migration must never
 * change: a database that applied it will not apply it again.
 *
 * <pre>
 * # schemakit.lock: released migrations (version, file, sha256)
 * 1 V1__create_members.sql 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 * </pre>
 *
 * <p>The hash covers the exact bytes (Flyway's own checksum ignores line endings): a changed line
 * ending in a released file is reported too.
 */
public final class MigrationLock {

  /** The conventional file name, beside the pom. */
  public static final String FILE_NAME = "schemakit.lock";

  private static final String HEADER = "# schemakit.lock: released migrations (version, file, sha256)."
      + " Written by schemakit; add new releases with `schemakit lint --lock FILE --update-lock`, never edit released lines.";

  /** One released migration. */
  public record Entry(MigrationVersion version, String fileName, String sha256) {
  }

  private final Map<MigrationVersion, Entry> entries;

  private MigrationLock(Map<MigrationVersion, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** A lock of every versioned migration of the chain: what {@code lock} records at a release. */
  public static MigrationLock of(MigrationChain chain) {
    Map<MigrationVersion, Entry> entries = new LinkedHashMap<>();
    for (Migration migration : chain.versioned()) {
      entries.put(migration.version(), new Entry(migration.version(), migration.fileName(), migration.sha256()));
    }
    return new MigrationLock(entries);
  }

  /**
   * Reads a lock file; a missing file is an empty lock (nothing released yet).
   *
   * @throws MigrationException naming file and line when the file is corrupt, and how to regenerate it
   */
  public static MigrationLock read(Path file) {
    if (!Files.exists(file)) {
      return new MigrationLock(Map.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException("Reading the lock file " + file + " failed: " + e.getMessage() + ".", e);
    }
    Map<MigrationVersion, Entry> entries = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      String problem = null;
      MigrationVersion version = null;
      if (parts.length != 3) {
        problem = "expected 'version file sha256' (3 fields) but found " + parts.length;
      } else if (!parts[2].matches("[0-9a-f]{64}")) {
        problem = "expected a SHA-256 of 64 hex digits but found '" + parts[2] + "'";
      } else {
        try {
          version = MigrationVersion.fromVersion(parts[0]);
        } catch (RuntimeException e) {
          problem = "'" + parts[0] + "' is not a version";
        }
      }
      if (problem == null && entries.containsKey(version)) {
        problem = "version '" + parts[0] + "' is listed twice";
      }
      if (problem != null) {
        throw new MigrationException("Reading the lock file " + file + " failed at line " + (i + 1) + ": " + problem
            + ". The file is written by schemakit, not by hand: restore it from version control, or regenerate it"
            + " from the released migrations with `schemakit lint --lock FILE --update-lock`.");
      }
      entries.put(version, new Entry(version, parts[1], parts[2]));
    }
    return new MigrationLock(entries);
  }

  /** Writes the lock, lowest version first. */
  public void write(Path file) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    entries.values().stream().sorted((a, b) -> a.version().compareTo(b.version())).forEach(entry -> text
        .append(entry.version().getVersion()).append(' ').append(entry.fileName()).append(' ')
        .append(entry.sha256()).append('\n'));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new MigrationException("Writing the lock file " + file + " failed: " + e.getMessage() + ".", e);
    }
  }

  /**
   * This lock with every versioned migration of the chain that it does not list yet: what recording a
   * release does. Released entries are never rewritten.
   *
   * @throws MigrationException when released migrations were edited, renamed or deleted: recording
   *     must not turn such an edit into the new truth
   */
  public MigrationLock withNewReleases(MigrationChain chain) {
    List<ChainProblem> problems = check(chain).stream()
        .filter(p -> p.code() != ChainProblem.Code.OUT_OF_ORDER).toList();
    if (!problems.isEmpty()) {
      throw new MigrationException("Recording new releases into the lock failed: released migrations changed. Fix"
          + " these first:\n" + String.join("\n", problems.stream().map(ChainProblem::toString).toList()));
    }
    Map<MigrationVersion, Entry> merged = new LinkedHashMap<>(entries);
    for (Migration migration : chain.versioned()) {
      merged.putIfAbsent(migration.version(), new Entry(migration.version(), migration.fileName(), migration.sha256()));
    }
    return new MigrationLock(merged);
  }

  /** The released entry of a version. */
  public Optional<Entry> entry(MigrationVersion version) {
    return Optional.ofNullable(entries.get(version));
  }

  /** Released versions. */
  public int size() {
    return entries.size();
  }

  /**
   * What the chain did to released migrations: edited, renamed or deleted ones, and new versions below
   * the highest released one.
   */
  public List<ChainProblem> check(MigrationChain chain) {
    List<ChainProblem> problems = new ArrayList<>();
    Map<MigrationVersion, Migration> current = new LinkedHashMap<>();
    chain.versioned().forEach(m -> current.put(m.version(), m));
    for (Entry released : entries.values().stream().sorted((a, b) -> a.version().compareTo(b.version())).toList()) {
      Migration now = current.get(released.version());
      String version = released.version().getVersion();
      if (now == null) {
        problems.add(new ChainProblem(ChainProblem.Code.RELEASED_DELETED, released.fileName(), "released migration "
            + released.fileName() + " (version '" + version + "') is gone from " + chain.settings().locations()
            + ". Databases have applied it; restore it, and undo what it did in a new migration if needed."));
      } else if (!now.fileName().equals(released.fileName())) {
        problems.add(new ChainProblem(ChainProblem.Code.RELEASED_RENAMED, now.location(), "released migration "
            + released.fileName() + " (version '" + version + "') is now named " + now.fileName()
            + ". Flyway records the description; rename it back."));
      } else if (!now.sha256().equals(released.sha256())) {
        problems.add(new ChainProblem(ChainProblem.Code.RELEASED_EDITED, now.location(), "released migration "
            + now.fileName() + " (version '" + version + "') was edited: sha256 was " + released.sha256()
            + ", is " + now.sha256() + ". Databases that applied it will not run it again: restore it and put the"
            + " change in a new migration."));
      }
    }
    MigrationVersion highest = entries.keySet().stream().max(MigrationVersion::compareTo).orElse(null);
    for (Migration migration : chain.versioned()) {
      if (highest != null && !entries.containsKey(migration.version()) && migration.version().compareTo(highest) < 0) {
        problems.add(new ChainProblem(ChainProblem.Code.OUT_OF_ORDER, migration.location(), "new migration "
            + migration.fileName() + " has version '" + migration.version().getVersion() + "', below the highest"
            + " released version '" + highest.getVersion() + "': Flyway refuses it on databases already there."
            + " Give it a version above '" + highest.getVersion() + "'."));
      }
    }
    return problems;
  }
}
