package dev.schemakit.chain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lock file of released migrations ({@code schemakit.lock}, committed with the service): for each
 * released version, its file name and the SHA-256 of its bytes. A released migration must never
 * change: a database that applied it will not apply it again.
 *
 * <pre>
 * # schemakit.lock: released migrations (version, file, sha256)
 * 1 V1__create_members.sql 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 * B1 B1__members_squashed.sql 8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92
 * </pre>
 *
 * <p>Baseline migrations ({@code B<version>__}) are released like versioned ones; their lines start with a
 * {@code B} before the version, since a baseline may share its version with a versioned migration.
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
  public record Entry(Version version, String fileName, String sha256) {
  }

  private static final String BASELINE_MARK = "B";

  private final Map<Version, Entry> entries;
  private final Map<Version, Entry> baselines;
  /** The entries by name, for engines that know a step by its name ({@link ChainSettings#stepsKnownByName()}). */
  private final Map<String, Entry> byName = new LinkedHashMap<>();

  private MigrationLock(Map<Version, Entry> entries, Map<Version, Entry> baselines) {
    this.entries = Map.copyOf(entries);
    this.baselines = Map.copyOf(baselines);
    entries.values().forEach(entry -> byName.put(entry.fileName(), entry));
  }

  /** A lock of every versioned and baseline migration of the chain: what {@code lock} records at a release. */
  public static MigrationLock of(MigrationChain chain) {
    Map<Version, Entry> entries = new LinkedHashMap<>();
    for (Migration migration : chain.versioned()) {
      entries.put(migration.version(), entryOf(migration));
    }
    Map<Version, Entry> baselines = new LinkedHashMap<>();
    chain.baselines().forEach(baseline -> baselines.put(baseline.version(), entryOf(baseline)));
    return new MigrationLock(entries, baselines);
  }

  private static Entry entryOf(Migration migration) {
    return new Entry(migration.version(), migration.fileName(), migration.sha256());
  }

  /**
   * Reads a lock file; a missing file is an empty lock (nothing released yet).
   *
   * @throws MigrationException naming file and line when the file is corrupt, and how to regenerate it
   */
  public static MigrationLock read(Path file) {
    if (!Files.exists(file)) {
      return new MigrationLock(Map.of(), Map.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException("Reading the lock file " + file + " failed: " + e.getMessage() + ".", e);
    }
    Map<Version, Entry> entries = new LinkedHashMap<>();
    Map<Version, Entry> baselines = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      String problem = null;
      Version version = null;
      boolean baseline = parts[0].startsWith(BASELINE_MARK);
      Map<Version, Entry> into = baseline ? baselines : entries;
      // the name in the middle may hold spaces (a Liquibase changeset's author: schema.yml::4.0.3::Some Team)
      String sha = parts[parts.length - 1];
      if (parts.length < 3) {
        problem = "expected 'version file sha256' (3 fields) but found " + parts.length;
      } else if (!sha.matches("[0-9a-f]{64}")) {
        problem = "expected a SHA-256 of 64 hex digits but found '" + sha + "'";
      } else {
        try {
          version = Version.fromVersion(baseline ? parts[0].substring(1) : parts[0]);
        } catch (RuntimeException e) {
          problem = "'" + parts[0] + "' is not a version";
        }
      }
      if (problem == null && into.containsKey(version)) {
        problem = "version '" + parts[0] + "' is listed twice";
      }
      if (problem != null) {
        throw new MigrationException("Reading the lock file " + file + " failed at line " + (i + 1) + ": " + problem
            + ". The file is written by schemakit, not by hand: restore it from version control, or regenerate it"
            + " from the released migrations with `schemakit lint --lock FILE --update-lock`.");
      }
      String name = line.substring(parts[0].length(), line.length() - sha.length()).strip();
      into.put(version, new Entry(version, name, sha));
    }
    return new MigrationLock(entries, baselines);
  }

  /** Writes the lock, lowest version first. */
  public void write(Path file) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    entries.values().stream().sorted((a, b) -> a.version().compareTo(b.version())).forEach(entry -> text
        .append(entry.version().getVersion()).append(' ').append(entry.fileName()).append(' ')
        .append(entry.sha256()).append('\n'));
    baselines.values().stream().sorted((a, b) -> a.version().compareTo(b.version())).forEach(entry -> text
        .append(BASELINE_MARK).append(entry.version().getVersion()).append(' ').append(entry.fileName()).append(' ')
        .append(entry.sha256()).append('\n'));
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new MigrationException("Writing the lock file " + file + " failed: " + e.getMessage() + ".", e);
    }
  }

  /**
   * This lock with every versioned and baseline migration of the chain that it does not list yet: what recording a
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
    if (chain.settings().stepsKnownByName()) {
      // every step at its place in the chain now, released ones with the hash they were released with
      Map<Version, Entry> renumbered = new LinkedHashMap<>();
      for (Migration step : chain.versioned()) {
        Entry released = byName.get(step.fileName());
        renumbered.put(step.version(), new Entry(step.version(), step.fileName(),
            released != null ? released.sha256() : step.sha256()));
      }
      return new MigrationLock(renumbered, baselines);
    }
    Map<Version, Entry> merged = new LinkedHashMap<>(entries);
    for (Migration migration : chain.versioned()) {
      merged.putIfAbsent(migration.version(), entryOf(migration));
    }
    Map<Version, Entry> mergedBaselines = new LinkedHashMap<>(baselines);
    chain.baselines().forEach(baseline -> mergedBaselines.putIfAbsent(baseline.version(), entryOf(baseline)));
    return new MigrationLock(merged, mergedBaselines);
  }

  /**
   * Whether a step of the chain is released: by its version, or by its name where the chain's engine knows steps by
   * name ({@link ChainSettings#stepsKnownByName()}).
   */
  public boolean holds(MigrationChain chain, Migration step) {
    if (step.kind() == Migration.Kind.BASELINE) {
      return baselines.containsKey(step.version());
    }
    return chain.settings().stepsKnownByName() ? byName.containsKey(step.fileName())
        : entries.containsKey(step.version());
  }

  /** The released entry of a version. */
  public Optional<Entry> entry(Version version) {
    return Optional.ofNullable(entries.get(version));
  }

  /** Released migrations, versioned and baseline. */
  public int size() {
    return entries.size() + baselines.size();
  }

  /**
   * What the chain did to released migrations: edited, renamed or deleted ones, and new versions below
   * the highest released one.
   */
  public List<ChainProblem> check(MigrationChain chain) {
    List<ChainProblem> problems = new ArrayList<>();
    if (chain.settings().stepsKnownByName()) {
      changedByName(chain, problems);
      return problems;
    }
    changed(chain, chain.versioned(), entries, problems);
    // a new baseline below the released versions is how a chain is squashed, not out of order
    changed(chain, chain.baselines(), baselines, problems);
    Version highest = entries.keySet().stream().max(Version::compareTo).orElse(null);
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

  /**
   * Released steps of an engine that knows them by name that were deleted or edited; a new step may come anywhere
   * (Liquibase runs it wherever it is).
   */
  private void changedByName(MigrationChain chain, List<ChainProblem> problems) {
    Map<String, Migration> current = new LinkedHashMap<>();
    chain.versioned().forEach(step -> current.put(step.fileName(), step));
    String engine = chain.settings().engine().name();
    for (Entry released : entries.values()) {
      Migration now = current.get(released.fileName());
      if (now == null) {
        problems.add(new ChainProblem(ChainProblem.Code.RELEASED_DELETED, released.fileName(), "released step "
            + released.fileName() + " is gone from " + chain.settings().locations() + " (or no longer runs with"
            + " the contexts and labels in force). Databases have applied it; restore it, and undo what it did in a"
            + " new one if needed."));
      } else if (!now.sha256().equals(released.sha256())
          && !chain.settings().engine().acceptsEdited(chain, now, released.sha256())) {
        problems.add(new ChainProblem(ChainProblem.Code.RELEASED_EDITED, now.location(), "released step "
            + now.fileName() + " was edited: its checksum changed, and " + engine + " refuses to run the chain on"
            + " databases that applied it (a validCheckSum aside). Restore it and put the change in a new one."));
      }
    }
  }

  /** Released migrations of one kind that were deleted, renamed or edited. */
  private static void changed(MigrationChain chain, List<Migration> migrations, Map<Version, Entry> locked,
      List<ChainProblem> problems) {
    Map<Version, Migration> current = new LinkedHashMap<>();
    migrations.forEach(m -> current.put(m.version(), m));
    for (Entry released : locked.values().stream().sorted((a, b) -> a.version().compareTo(b.version())).toList()) {
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
  }
}
