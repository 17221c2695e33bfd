package dev.schemakit.liquibase;

import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.InitScript;
import dev.schemakit.chain.MigrationEngine;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Liquibase changelog's settings, as Liquibase's own command line and Spring's {@code spring.liquibase.*} give them:
 * the master changelog, the search path its includes and recorded file names are relative to, the contexts and
 * labels in force, the changelog properties ({@code ${name}}) and the default schema. Chains of these settings are read
 * and run by Liquibase itself. For users and the settings readers.
 *
 * <pre>{@code
 * LiquibaseSettings settings = LiquibaseSettings.builder()
 *     .changelog("db/changelog/db.changelog-master.yaml")     // on the class path, or under a search-path folder
 *     .contexts("test").property("owner", "app").build();
 * MigrationChain chain = MigrationChain.scan(settings);
 * }</pre>
 */
public final class LiquibaseSettings implements ChainSettings {

  /** Liquibase's history table. */
  public static final String HISTORY_TABLE = "databasechangelog";
  /** The table Liquibase keeps its lock in. */
  public static final String LOCK_TABLE = "databasechangeloglock";

  private final String changelog;
  private final List<Path> searchPath;
  private final String contexts;
  private final String labels;
  private final Map<String, String> properties;
  private final String defaultSchema;
  private final ClassLoader classLoader;
  private final List<InitScript> initScripts;

  private LiquibaseSettings(Builder builder) {
    this.changelog = Objects.requireNonNull(builder.changelog, "changelog");
    this.searchPath = List.copyOf(builder.searchPath);
    this.contexts = builder.contexts;
    this.labels = builder.labels;
    this.properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    this.defaultSchema = builder.defaultSchema;
    this.classLoader = builder.classLoader;
    this.initScripts = builder.initScripts.stream().map(location -> InitScript.read(location, classLoader)).toList();
  }

  /** Settings to build; the changelog is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The settings of a chain that Liquibase reads; a clear error for any other. */
  static LiquibaseSettings of(ChainSettings settings) {
    if (settings instanceof LiquibaseSettings liquibase) {
      return liquibase;
    }
    throw new IllegalArgumentException("a chain of " + settings.engine().name() + " was given to Liquibase"
        + " (settings " + settings + ")");
  }

  @Override
  public MigrationEngine engine() {
    return LiquibaseEngine.INSTANCE;
  }

  /** The master changelog as given: a path under a search-path folder or on the class path. */
  public String changelog() {
    return changelog;
  }

  /** The folders the changelog and its includes are found in, before the class path; none means the class path. */
  public List<Path> searchPath() {
    return searchPath;
  }

  /** The contexts in force ({@code test, !prod}); blank means every changeset whatever its context. */
  public String contexts() {
    return contexts;
  }

  /** The label expression in force; blank means every changeset whatever its labels. */
  public String labels() {
    return labels;
  }

  /** Changelog properties given from outside, which win over the changelog's own. */
  public Map<String, String> properties() {
    return properties;
  }

  /** The default schema Liquibase works in, or {@code null} for the connection's ({@code public}). */
  public String defaultSchema() {
    return defaultSchema;
  }

  @Override
  public List<String> locations() {
    return List.of(changelog);
  }

  @Override
  public List<String> snapshotSchemas() {
    return List.of(defaultSchema == null ? "public" : defaultSchema);
  }

  @Override
  public String historyTable() {
    return HISTORY_TABLE;
  }

  @Override
  public List<String> engineTables() {
    return List.of(HISTORY_TABLE, LOCK_TABLE);
  }

  /** Liquibase sets the search path to its default schema when one is given. */
  @Override
  public List<String> sessionSearchPath() {
    return defaultSchema == null ? List.of() : List.of(defaultSchema);
  }

  /**
   * A changeset with {@code runInTransaction="false"} runs all its changes outside a transaction, so mixing is fine.
   */
  @Override
  public boolean mixedStepsAllowed() {
    return true;
  }

  /** Liquibase holds its lock in a row of {@code databasechangeloglock}, not in an open transaction. */
  @Override
  public boolean lockHeldInOpenTransaction() {
    return false;
  }

  /** Liquibase knows a changeset as {@code file::id::author}, and runs a new one wherever it is in the changelog. */
  @Override
  public boolean stepsKnownByName() {
    return true;
  }

  @Override
  public List<InitScript> initScripts() {
    return initScripts;
  }

  @Override
  public ClassLoader classLoader() {
    return classLoader;
  }

  /** Liquibase reads changelogs and SQL files as UTF-8 unless a file says otherwise ({@code encoding=}). */
  @Override
  public Charset encoding() {
    return StandardCharsets.UTF_8;
  }

  @Override
  public String encodingKey() {
    return "encoding";
  }

  @Override
  public boolean encodingSet() {
    return false;
  }

  /** Liquibase replaces {@code ${name}} itself when it reads a changelog: the text is as it is. */
  @Override
  public String replacePlaceholders(String sql, String fileName) {
    return sql;
  }

  @Override
  public String fingerprint() {
    // another Liquibase version may write its history table, or generate SQL, differently
    StringBuilder text = new StringBuilder("liquibase ").append(LiquibaseEngine.version()).append('\n')
        .append("changelog ").append(changelog).append('\n')
        .append("search path ").append(searchPath.stream().map(Path::toAbsolutePath).toList()).append('\n')
        .append("contexts ").append(contexts).append('\n')
        .append("labels ").append(labels).append('\n')
        .append("default schema ").append(defaultSchema).append('\n');
    new TreeMap<>(properties).forEach((key, value) -> text.append("property ").append(key).append('=').append(value)
        .append('\n'));
    initScripts.forEach(script -> text.append(script.fingerprintLine()));
    return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LiquibaseSettings that && changelog.equals(that.changelog)
        && searchPath.equals(that.searchPath) && Objects.equals(contexts, that.contexts)
        && Objects.equals(labels, that.labels) && properties.equals(that.properties)
        && Objects.equals(defaultSchema, that.defaultSchema) && classLoader == that.classLoader
        && initScripts.equals(that.initScripts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(changelog, contexts, labels, properties);
  }

  @Override
  public String toString() {
    return "changelog " + changelog + (searchPath.isEmpty() ? "" : " (search path " + searchPath + ")")
        + (contexts == null || contexts.isBlank() ? "" : ", contexts " + contexts)
        + (labels == null || labels.isBlank() ? "" : ", labels " + labels);
  }

  /** Builds {@link LiquibaseSettings}. */
  public static final class Builder {

    private String changelog;
    private final List<Path> searchPath = new ArrayList<>();
    private String contexts;
    private String labels;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String defaultSchema;
    private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    private final List<String> initScripts = new ArrayList<>();

    private Builder() {
    }

    /**
     * The master changelog: a path under a {@link #searchPath} folder or on the class path
     * ({@code db/changelog/db.changelog-master.yaml}; a leading {@code classpath:} is dropped, as Liquibase does).
     */
    public Builder changelog(String changelog) {
      this.changelog = changelog.strip().replaceFirst("^classpath:/?", "");
      return this;
    }

    /** Folders the changelog and its includes are found in, before the class path. */
    public Builder searchPath(Path... folders) {
      searchPath.addAll(List.of(folders));
      return this;
    }

    /** The contexts in force, comma-separated or as an expression ({@code test and !slow}). */
    public Builder contexts(String contexts) {
      this.contexts = contexts;
      return this;
    }

    /** The label expression in force. */
    public Builder labels(String labels) {
      this.labels = labels;
      return this;
    }

    /** A changelog property, which wins over one the changelog sets. */
    public Builder property(String name, String value) {
      properties.put(name, value);
      return this;
    }

    /** The schema Liquibase creates objects and its history table in. */
    public Builder defaultSchema(String schema) {
      this.defaultSchema = schema == null || schema.isBlank() ? null : schema.strip();
      return this;
    }

    /** Where class-path changelogs and custom change classes are read from; default the context class loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = loader;
      return this;
    }

    /** Init scripts ({@code classpath:} or {@code filesystem:}) run as the superuser before the first changeset. */
    public Builder initScripts(String... locations) {
      initScripts.addAll(InitScript.locations(locations));
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when no changelog was given
     */
    public LiquibaseSettings build() {
      if (changelog == null || changelog.isBlank()) {
        throw new IllegalArgumentException("Liquibase settings need a changelog (db/changelog/db.changelog-master.yaml"
            + " or the like): set it.");
      }
      return new LiquibaseSettings(this);
    }
  }
}
