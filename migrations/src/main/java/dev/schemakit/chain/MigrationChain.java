package dev.schemakit.chain;

import dev.schemakit.model.StrictText;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The migrations of a service as its engine reads them from its locations, without a database: the versioned
 * steps in order, their undo steps, the repeatable ones, and the scripts the engine runs around them (Flyway's
 * callbacks such as {@code afterMigrate.sql}). {@link #settings()} say which engine read it and runs it.
 *
 * <pre>{@code
 * MigrationChain chain = MigrationChain.scan(MigrationSettings.builder().build()); // Flyway's settings
 * Version head = chain.latest().orElseThrow();
 * }</pre>
 */
public final class MigrationChain {

  /** The word that asks for the highest version. */
  public static final String LATEST = "latest";

  private final ChainSettings settings;
  private final List<Migration> versioned;
  private final List<Migration> undo;
  private final List<Migration> repeatable;
  private final List<Migration> callbacks;
  private final List<Migration> baselines;
  private final List<Version> versions;
  private final List<String> ignored;
  private final List<String> notMigrations;
  private final Map<String, String> scriptConfigs;
  private final Map<String, Version> namedTargets;

  /**
   * A chain as an engine read it (for engines: {@link MigrationEngine#read}); the lists in any order.
   *
   * @param ignored files the engine skips that look meant as steps, reported as chain problems
   * @param notMigrations files in the locations that are no steps and no problem
   * @param scriptConfigs by a step's location, the text of its configuration file, if it has one
   */
  public MigrationChain(ChainSettings settings, List<Migration> versioned, List<Migration> undo,
      List<Migration> repeatable, List<Migration> callbacks, List<String> ignored, List<String> notMigrations,
      Map<String, String> scriptConfigs, List<Migration> baselines) {
    this(settings, versioned, undo, repeatable, callbacks, ignored, notMigrations, scriptConfigs, baselines, Map.of());
  }

  /**
   * A chain whose steps also have names a target may use (Liquibase's tags and changeset ids), each naming the
   * version of the step it belongs to.
   */
  public MigrationChain(ChainSettings settings, List<Migration> versioned, List<Migration> undo,
      List<Migration> repeatable, List<Migration> callbacks, List<String> ignored, List<String> notMigrations,
      Map<String, String> scriptConfigs, List<Migration> baselines, Map<String, Version> namedTargets) {
    this.namedTargets = Map.copyOf(namedTargets);
    this.notMigrations = notMigrations.stream().sorted().toList();
    this.baselines = baselines.stream().sorted(Comparator.comparing(Migration::version)).toList();
    this.scriptConfigs = Map.copyOf(scriptConfigs);
    this.ignored = ignored.stream().sorted().toList();
    this.settings = settings;
    this.versioned = versioned.stream().sorted(Comparator.comparing(Migration::version)).toList();
    this.undo = undo.stream().sorted(Comparator.comparing(Migration::version)).toList();
    this.repeatable = repeatable.stream().sorted(Comparator.comparing(Migration::location)).toList();
    this.callbacks = callbacks.stream().sorted(Comparator.comparing(Migration::location)).toList();
    this.versions = java.util.stream.Stream.concat(this.versioned.stream(), this.baselines.stream())
        .map(Migration::version).distinct().sorted().toList();
  }

  /**
   * Reads every location of the settings.
   *
   * @throws MigrationException when a location does not exist or cannot be read, or two
   *     migrations share a version
   */
  public static MigrationChain scan(ChainSettings settings) {
    return settings.engine().read(settings);
  }

  /** The settings the chain was read with. */
  public ChainSettings settings() {
    return settings;
  }

  /** Versioned migrations, lowest version first. */
  public List<Migration> versioned() {
    return versioned;
  }

  /** Undo scripts, lowest version first. */
  public List<Migration> undo() {
    return undo;
  }

  /** Repeatable migrations. */
  public List<Migration> repeatable() {
    return repeatable;
  }

  /**
   * Baseline migrations ({@code B<version>__...}), lowest version first. On an empty database Flyway applies the
   * newest one instead of the versioned migrations up to its version, then the versioned ones above it; a database
   * with a history never runs one.
   */
  public List<Migration> baselines() {
    return baselines;
  }

  /**
   * The baseline migration an empty database migrated to {@code target} starts from: the newest one, when it is at or
   * below the target. Flyway starts an empty database from the newest baseline whatever the target; a database at a
   * lower version is built by the versioned migrations instead (Flyway is run without baselines for it), as one
   * deployed before the baseline was.
   */
  public Optional<Migration> baselineFor(Version target) {
    if (baselines.isEmpty()) {
      return Optional.empty();
    }
    Migration newest = baselines.get(baselines.size() - 1);
    return newest.version().compareTo(target) <= 0 ? Optional.of(newest) : Optional.empty();
  }

  /**
   * Whether Flyway, migrating an empty database to {@code target}, may see the baseline migrations: when there are
   * none, or when it starts from the newest one anyway.
   */
  public boolean baselinesApply(Version target) {
    return baselines.isEmpty() || baselineFor(target).isPresent();
  }

  /** Whether a new database at {@code version} is made by a baseline migration of exactly that version. */
  public boolean isBaseline(Version version) {
    return baselineFor(version).map(m -> m.version().equals(version)).orElse(false);
  }

  /**
   * What Flyway applies to an empty database to reach {@code target}, in order: the {@linkplain #baselineFor
   * baseline} when there is one and the versioned migrations above it, else every versioned migration up to it.
   */
  public List<Migration> fromEmpty(Version target) {
    Optional<Migration> baseline = baselineFor(target);
    List<Migration> applied = new ArrayList<>();
    baseline.ifPresent(applied::add);
    Version above = baseline.map(Migration::version).orElse(Version.EMPTY);
    versioned.stream().filter(m -> m.version().compareTo(above) > 0 && m.version().compareTo(target) <= 0)
        .forEach(applied::add);
    return applied;
  }

  /** Other SQL files in the locations, which Flyway runs as callbacks. */
  public List<Migration> callbacks() {
    return callbacks;
  }

  /**
   * Files in the locations that look meant as migrations but whose names Flyway's parser refuses, so that Flyway
   * skips them without a word: {@code V3_add.sql} (one underscore), {@code v3__add.sql} (lower-case prefix).
   * Files without a migration suffix ({@code V3__notes.md}) are never looked at, by Flyway or here.
   */
  public List<String> ignored() {
    return ignored;
  }

  /**
   * SQL files in the locations that Flyway never takes for migrations, and rightly so ({@code update-sequences.sql},
   * a helper script): no problem, listed so that a report can say they were seen. With
   * {@code validateMigrationNaming=true} Flyway refuses them, and so does {@link #scan}.
   */
  public List<String> notMigrations() {
    return notMigrations;
  }

  /** Every version a database can be migrated to (of versioned and baseline migrations), lowest first. */
  public List<Version> versions() {
    return versions;
  }

  /** The highest version; empty when there are no versioned or baseline migrations. */
  public Optional<Version> latest() {
    List<Version> all = versions();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Whether a versioned or baseline migration has exactly this version ({@code 1.0} and {@code 1} are the same).
   */
  public boolean contains(Version version) {
    return versions().contains(version);
  }

  /**
   * The version a target names: {@code latest} (any case) or blank is the highest; a name the engine gave a step
   * ({@link #namedTargets()}) is that step's; anything else must be the version of a versioned migration.
   *
   * @throws IllegalArgumentException naming the target, the versions there are, and the fix
   */
  public Version resolve(String target) {
    if (target == null || target.isBlank() || target.equalsIgnoreCase(LATEST)) {
      return latest().orElse(Version.EMPTY);
    }
    Version named = namedTargets.get(target.strip());
    if (named != null) {
      return named;
    }
    Version version;
    try {
      version = Version.fromVersion(target.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + target + "' is not a " + (namedTargets.isEmpty()
          ? settings.engine().name() + " version (digits separated by '.' or '_', e.g. '3' or '1.2'). Use one of "
              + describeVersions()
          : "step of " + settings.locations() + ". Use one of " + describeNamedTargets()) + " or \"latest\".", e);
    }
    if (!contains(version)) {
      String highest = latest().map(Version::getVersion).orElse(null);
      String hint = highest != null && version.compareTo(latest().get()) > 0
          ? "the highest migration in " + settings.locations() + " is '" + highest + "'. Use \"latest\" or add a V"
              + version.getVersion().replace('.', '_') + "__ migration."
          : "there is no migration with that version in " + settings.locations() + "; the versions are "
              + describeVersions() + ".";
      throw new IllegalArgumentException("version '" + target + "' does not exist: " + hint);
    }
    return version;
  }

  /** Names a target may use for a step besides its version (Liquibase's tags and changeset ids), with its version. */
  public Map<String, Version> namedTargets() {
    return namedTargets;
  }

  /** The short names (tags, ids) in chain order, for a message; the longer forms ({@code id::author}) go unsaid. */
  private String describeNamedTargets() {
    List<String> names = namedTargets.entrySet().stream().filter(named -> !named.getKey().contains("::"))
        .sorted(Map.Entry.<String, Version>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(named -> "'" + named.getKey() + "'").toList();
    return names.size() <= 12 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
  }

  /**
   * The text of a script's Flyway script configuration ({@code V3__index.sql.conf} beside
   * {@code V3__index.sql}: {@code executeInTransaction}, {@code encoding}), if it has one.
   */
  public Optional<String> scriptConfig(Migration migration) {
    return Optional.ofNullable(scriptConfigs.get(migration.location()));
  }

  /** The undo script of a version, if there is one. */
  public Optional<Migration> undoOf(Version version) {
    return undo.stream().filter(m -> m.version().equals(version)).findFirst();
  }

  /**
   * The text of a migration file, in Flyway's encoding ({@code flyway.encoding}, UTF-8 by default).
   *
   * @throws MigrationException when it can no longer be read, or is not text in that encoding (naming the first
   *     byte that is not)
   */
  public String read(Migration migration) {
    String location = migration.location();
    byte[] bytes;
    try {
      bytes = bytes(location, settings.classLoader());
    } catch (java.io.IOException e) {
      throw new MigrationException("Reading " + location + " failed: " + e.getMessage() + ".", e);
    }
    Charset encoding = settings.encoding();
    try {
      return StrictText.decode(bytes, encoding);
    } catch (StrictText.NotText e) {
      String key = settings.encodingKey();
      throw new MigrationException("Reading the migration " + location + " failed: it is " + e.getMessage()
          + ". " + settings.engine().name() + " reads migrations as " + encoding.name() + " (" + key
          + (settings.encodingSet() ? "" : ", unset") + "): save the file as " + encoding.name() + ", or set " + key
          + " to the encoding it is written in (e.g. " + key + "=ISO-8859-1).");
    }
  }

  /** The bytes of a migration's location: {@code classpath:path} from the class loader, else a file's. */
  public static byte[] bytes(String location, ClassLoader classLoader) throws java.io.IOException {
    if (location.startsWith("classpath:")) {
      String path = location.substring("classpath:".length()).replaceAll("^/+", "");
      try (java.io.InputStream in = classLoader.getResourceAsStream(path)) {
        if (in == null) {
          throw new java.io.FileNotFoundException(path + " is not on the class path any more");
        }
        return in.readAllBytes();
      }
    }
    return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(location.substring("filesystem:".length())));
  }

  /**
   * Versions lower than the given one, highest first: where a database at {@code version} comes from, and where a
   * cached one could start from. With a {@linkplain #baselineFor baseline} at or below {@code version}, only the
   * versions from the baseline's on: a new database at {@code version} starts from the baseline, as Flyway starts
   * it, so the baseline's own version has none below it.
   */
  public List<Version> versionsBelow(Version version) {
    Version floor = baselineFor(version).map(Migration::version).orElse(null);
    List<Version> below = new ArrayList<>(versions().stream()
        .filter(v -> v.compareTo(version) < 0 && (floor == null || v.compareTo(floor) >= 0)).toList());
    java.util.Collections.reverse(below);
    return below;
  }

  /**
   * A hash of everything that decides what a database migrated to this version contains: the
   * settings, the migrations an empty database runs to reach it ({@link #fromEmpty}), every repeatable migration
   * and callback.
   */
  public String fingerprint(Version version) {
    StringBuilder text = new StringBuilder(settings.fingerprint()).append('\n');
    for (Migration migration : fromEmpty(version)) {
      text.append(migration.fileName()).append(' ').append(migration.sha256()).append('\n');
      scriptConfig(migration).ifPresent(config -> text.append(migration.fileName()).append(".conf ")
          .append(Hashes.sha256(config.getBytes(StandardCharsets.UTF_8))).append('\n'));
    }
    for (Migration migration : repeatable) {
      text.append(migration.fileName()).append(' ').append(migration.sha256()).append('\n');
    }
    for (Migration migration : callbacks) {
      text.append(migration.fileName()).append(' ').append(migration.sha256()).append('\n');
    }
    return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The versions for a message: all of them when few, else the first and last few. */
  public String describeVersions() {
    List<String> all = versions().stream().map(Version::getVersion).map(v -> "'" + v + "'").toList();
    if (all.isEmpty()) {
      return "(none: no versioned migrations in " + settings.locations() + ")";
    }
    if (all.size() <= 8) {
      return String.join(", ", all);
    }
    return all.subList(0, 3).stream().collect(Collectors.joining(", ")) + ", ... , "
        + String.join(", ", all.subList(all.size() - 3, all.size())) + " (" + all.size() + " in all)";
  }
}
