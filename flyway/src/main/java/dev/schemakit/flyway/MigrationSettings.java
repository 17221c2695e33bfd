package dev.schemakit.flyway;

import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.InitScript;
import dev.schemakit.chain.MigrationEngine;
import dev.schemakit.chain.MigrationException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * How Flyway finds and applies a service's migrations: its locations, schemas, placeholders and any
 * other Flyway property ({@code flyway.table}, {@code flyway.sqlMigrationPrefix}, ...). Immutable;
 * built with {@link #builder()}.
 *
 * <pre>{@code
 * MigrationSettings settings = MigrationSettings.builder()
 *     .locations("classpath:db/migration")          // the default
 *     .placeholder("owner", "app")
 *     .build();
 * }</pre>
 *
 * <p>Connection properties ({@code flyway.url}, {@code flyway.user}, {@code flyway.password}) and
 * {@code flyway.target} are not settings here: the database and the version are chosen per use.
 */
public final class MigrationSettings implements ChainSettings {

  /** A baseline-migration prefix no migration file starts with: Flyway then sees no baseline migration. */
  private static final String NO_BASELINE_MIGRATIONS = "schemakit-no-baseline-migrations-";

  /** Flyway's default location, and ours. */
  public static final String DEFAULT_LOCATION = "classpath:db/migration";

  /** Flyway's setting for how it locks a PostgreSQL database while it migrates (default {@code true}: in a transaction). */
  public static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

  private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([^}]+)}");

  /** Properties that say where or how far to migrate: chosen per use, so dropped from the settings. */
  private static final Set<String> PER_USE_PROPERTIES = Set.of("flyway.url", "flyway.user", "flyway.password",
      "flyway.driver", "flyway.target", "flyway.connectRetries", "flyway.connectRetriesInterval");

  private final Map<String, String> flywayProperties;
  private final ClassLoader classLoader;
  private final FluentConfiguration configuration;
  private final boolean flywayOnly;
  private final Map<String, String> javaMigrationsNotRun;
  private final List<InitScript> initScripts;

  private MigrationSettings(Map<String, String> properties, ClassLoader classLoader, boolean flywayOnly,
      Map<String, String> javaMigrationsNotRun, List<String> initScriptLocations) {
    this.javaMigrationsNotRun = Map.copyOf(javaMigrationsNotRun);
    this.initScripts = initScriptLocations.stream().map(location -> InitScript.read(location, classLoader)).toList();
    Map<String, String> flywayProperties = new LinkedHashMap<>(properties);
    flywayProperties.keySet().removeAll(PER_USE_PROPERTIES);
    this.flywayProperties = Map.copyOf(flywayProperties);
    this.classLoader = classLoader;
    this.flywayOnly = flywayOnly;
    try {
      this.configuration = Flyway.configure(classLoader).configuration(flywayProperties);
    } catch (FlywayException e) {
      throw new MigrationException("Reading the Flyway settings " + new TreeMap<>(flywayProperties)
          + " failed: " + e.getMessage() + ". Check the flyway.* and schemakit.* properties.", e);
    }
  }

  /** A builder with Flyway's defaults and the context class loader. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Flyway settings of a chain read by Flyway.
   *
   * @throws IllegalArgumentException when another engine's settings are given
   */
  public static MigrationSettings of(ChainSettings settings) {
    if (settings instanceof MigrationSettings flyway) {
      return flyway;
    }
    throw new IllegalArgumentException("Flyway cannot run a chain of " + settings.engine().getClass().getSimpleName()
        + " (settings " + settings + ")");
  }

  /** Flyway, which reads and runs chains of these settings. */
  @Override
  public MigrationEngine engine() {
    return FlywayEngine.INSTANCE;
  }

  @Override
  public String encodingKey() {
    return "flyway.encoding";
  }

  @Override
  public boolean encodingSet() {
    return flywayProperties.containsKey(encodingKey());
  }

  /** {@code flyway.encoding}, UTF-8 when unset. */
  @Override
  public Charset encoding() {
    String name = flywayProperties.get("flyway.encoding");
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.trim());
    } catch (IllegalArgumentException e) {
      throw new MigrationException("Reading the migrations failed: flyway.encoding is '" + name + "', which is not"
          + " an encoding Java knows. Use a name such as UTF-8 or ISO-8859-1.", e);
    }
  }

  /** Locations as written, e.g. {@code classpath:db/migration} or {@code filesystem:sql}. */
  @Override
  public List<String> locations() {
    return Arrays.stream(configuration.getLocations()).map(Location::getDescriptor).toList();
  }

  /** Schemas Flyway manages; empty means the connection's default schema ({@code public}). */
  public List<String> schemas() {
    return List.of(configuration.getSchemas());
  }

  /** Flyway sets the search path to its schemas, when it has any. */
  @Override
  public List<String> sessionSearchPath() {
    return schemas();
  }

  /** {@code flyway.mixed}: false unless set. */
  @Override
  public boolean mixedStepsAllowed() {
    return "true".equalsIgnoreCase(flywayProperties.get("flyway.mixed"));
  }

  /** Flyway on PostgreSQL holds its lock in a transaction unless {@code flyway.postgresql.transactional.lock=false}. */
  @Override
  public boolean lockHeldInOpenTransaction() {
    return !"false".equalsIgnoreCase(flywayProperties.get(TRANSACTIONAL_LOCK));
  }

  /** Schemas to read in a snapshot: {@link #schemas()}, or {@code public} when none is set. */
  @Override
  public List<String> snapshotSchemas() {
    return schemas().isEmpty() ? List.of("public") : schemas();
  }

  /** Placeholders replaced in SQL migrations. */
  public Map<String, String> placeholders() {
    return Map.copyOf(configuration.getPlaceholders());
  }

  /** Every {@code flyway.*} property these settings were built from. */
  public Map<String, String> flywayProperties() {
    return flywayProperties;
  }

  /** Flyway's history table: {@code flyway.table}, by default {@code flyway_schema_history}. */
  @Override
  public String historyTable() {
    return flywayProperties.getOrDefault("flyway.table", "flyway_schema_history");
  }

  @Override
  public ClassLoader classLoader() {
    return classLoader;
  }

  FluentConfiguration configuration() {
    return configuration;
  }

  /**
   * A Flyway instance for one database and target version. Clean is always disabled.
   *
   * @param target a version, or {@code null} for the latest
   */
  public Flyway flyway(DataSource dataSource, String target) {
    return flyway(dataSource, target, true);
  }

  /**
   * A Flyway instance for one database and target version that, with {@code baselineMigrations} false, does not see
   * baseline migrations ({@code B<version>__}): Flyway starts an empty database from the newest baseline whatever the
   * target, so a database at a version below it is built by the versioned migrations, as one deployed before the
   * baseline was.
   */
  public Flyway flyway(DataSource dataSource, String target, boolean baselineMigrations) {
    FluentConfiguration configuration = Flyway.configure(classLoader).configuration(flywayProperties)
        .dataSource(dataSource)
        .cleanDisabled(true)
        // the databases schemakit migrates were built from these very files (the template hash says so)
        .validateOnMigrate(false)
        .target(target == null ? "latest" : target);
    if (!flywayProperties.containsKey(TRANSACTIONAL_LOCK)) {
      // Flyway's default lock is a transaction held open for the whole run, and CREATE INDEX CONCURRENTLY waits for
      // it for ever; on a database schemakit made for itself no one else migrates, so a session lock is as safe.
      // (The deploy-safety lint tells the service to set it for production: CONCURRENTLY_WAITS_FOR_FLYWAY_LOCK.)
      // Set on the extension, not as a property: that needs Jackson, which an older Flyway wants in version 2.
      try {
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
      } catch (RuntimeException | LinkageError e) {
        // a Flyway without the PostgreSQL extension (SQLite only): nothing to lock that way
      }
    }
    if (!baselineMigrations) {
      // a prefix no file name has; set on the extension for the same reason as the lock above
      try {
        configuration.getConfigurationExtension(BaselineMigrationConfigurationExtension.class)
            .setBaselineMigrationPrefix(NO_BASELINE_MIGRATIONS);
      } catch (RuntimeException | LinkageError e) {
        // an older Flyway (Spring Boot 3.5 brings 11) without the extension: it does not run baseline migrations
      }
    }
    return configuration.load();
  }

  /**
   * A SQL script as Flyway runs it: {@code ${name}} replaced by the configured placeholders and by Flyway's
   * own ({@code ${flyway:defaultSchema}}, {@code ${flyway:table}}, {@code ${flyway:filename}}); unknown ones
   * stay as written. Nothing is replaced when {@code flyway.placeholderReplacement=false}.
   */
  @Override
  public String replacePlaceholders(String sql, String fileName) {
    if ("false".equalsIgnoreCase(flywayProperties.get("flyway.placeholderReplacement"))) {
      return sql;
    }
    Map<String, String> values = new java.util.HashMap<>(placeholders());
    values.putIfAbsent("flyway:defaultSchema", flywayProperties.getOrDefault("flyway.defaultSchema",
        snapshotSchemas().get(0)));
    values.putIfAbsent("flyway:table", historyTable());
    values.putIfAbsent("flyway:filename", fileName);
    java.util.regex.Matcher matcher = PLACEHOLDER.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    return matcher.appendTail(out).toString();
  }

  /**
   * Whether Flyway applies every migration, as it does in production, with its own statement splitting and
   * transaction handling for every script, instead of plain SQL migrations being applied directly where the result
   * is the same (see docs/migration-test.md, "How migrations are applied"). The merge gate (the CLI's and the plugin's
   * {@code verify} and {@code record}) sets it, so that every script of the chain has been through Flyway itself
   * before a merge; tests leave it off for speed.
   */
  public boolean flywayOnly() {
    return flywayOnly;
  }

  /**
   * SQL scripts run as the server's user on every new database before the first migration, for what a deployment
   * creates outside the chain (roles, schemas, extensions, grants); in order. Part of the {@link #fingerprint()}.
   */
  @Override
  public List<InitScript> initScripts() {
    return initScripts;
  }

  /**
   * Java migrations the project has (found in its sources) that are not on the class path these settings read, by
   * version: a failing migration above one of them says they did not run. Not part of the {@link #fingerprint()}.
   */
  public Map<String, String> javaMigrationsNotRun() {
    return javaMigrationsNotRun;
  }

  /**
   * A hash of every property that changes what migrating produces (locations, schemas,
   * placeholders, history table, ...); connection and target are never kept. Templates built by Flyway alone
   * ({@link #flywayOnly()}) are kept apart from the others.
   */
  @Override
  public String fingerprint() {
    // another Flyway version may write its history table differently
    StringBuilder text = new StringBuilder("flyway ").append(Flyway.class.getPackage().getImplementationVersion())
        .append('\n');
    new TreeMap<>(flywayProperties).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    if (flywayOnly) {
      text.append("applied by Flyway only\n");
    }
    initScripts.forEach(script -> text.append(script.fingerprintLine()));
    return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MigrationSettings that && flywayProperties.equals(that.flywayProperties)
        && classLoader == that.classLoader && flywayOnly == that.flywayOnly && initScripts.equals(that.initScripts);
  }

  @Override
  public int hashCode() {
    return flywayProperties.hashCode();
  }

  @Override
  public String toString() {
    return "MigrationSettings" + new TreeMap<>(flywayProperties) + (flywayOnly ? " (Flyway only)" : "")
        + (initScripts.isEmpty() ? "" : " init scripts " + initScripts.stream().map(InitScript::location).toList());
  }


  /** Mutable builder; {@link #build()} validates the properties with Flyway itself. */
  public static final class Builder {

    private final Map<String, String> properties = new LinkedHashMap<>();
    private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    private boolean flywayOnly;
    private final Map<String, String> javaMigrationsNotRun = new LinkedHashMap<>();
    private final List<String> initScripts = new java.util.ArrayList<>();

    private Builder() {
      properties.put("flyway.locations", DEFAULT_LOCATION);
    }

    /** Where migrations are; default {@value MigrationSettings#DEFAULT_LOCATION}. */
    public Builder locations(String... locations) {
      return flywayProperty("flyway.locations", String.join(",", locations));
    }

    /** Schemas Flyway manages (the first holds its history table); default: the connection's. */
    public Builder schemas(String... schemas) {
      return flywayProperty("flyway.schemas", String.join(",", schemas));
    }

    /** A placeholder replaced in SQL migrations ({@code ${name}}). */
    public Builder placeholder(String name, String value) {
      return flywayProperty("flyway.placeholders." + name, value);
    }

    /**
     * Any Flyway property by its configuration-file name, e.g. {@code flyway.table}; a key without
     * the {@code flyway.} prefix gets it.
     */
    public Builder flywayProperty(String key, String value) {
      properties.put(key.startsWith("flyway.") ? key : "flyway." + key, value);
      return this;
    }

    /** Several Flyway properties, as {@link #flywayProperty(String, String)}. */
    public Builder flywayProperties(Map<String, String> values) {
      values.forEach(this::flywayProperty);
      return this;
    }

    /** Class loader for classpath locations and Java migrations; default the thread's context loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = loader;
      return this;
    }

    /** Flyway applies every migration ({@link MigrationSettings#flywayOnly()}); default {@code false}. */
    public Builder flywayOnly(boolean flywayOnly) {
      this.flywayOnly = flywayOnly;
      return this;
    }

    /**
     * SQL scripts run before the first migration on every new database, as the server's user: {@code
     * classpath:db/init.sql} (from the class loader), {@code filesystem:init.sql} or a plain path. Added to those
     * given before; read by {@link #build()}.
     */
    public Builder initScripts(String... locations) {
      initScripts.addAll(InitScript.locations(locations));
      return this;
    }

    /**
     * A Java migration of the project, by its version and where its source is, that these settings cannot run (its
     * class is not on the class path): named in the message of a migration above it that fails.
     */
    public Builder javaMigrationNotRun(String version, String source) {
      javaMigrationsNotRun.put(version, source);
      return this;
    }

    /**
     * The settings.
     *
     * @throws MigrationException when Flyway rejects a property
     */
    public MigrationSettings build() {
      return new MigrationSettings(properties, classLoader, flywayOnly, javaMigrationsNotRun, initScripts);
    }
  }
}
