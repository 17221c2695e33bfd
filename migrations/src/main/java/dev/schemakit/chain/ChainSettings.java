package dev.schemakit.chain;

import java.nio.charset.Charset;
import java.util.List;

/**
 * What the engine-neutral parts of schemakit need to know of a chain's settings: where the chain is, which schemas it
 * manages and where its history is, what runs before it, and what changes what migrating produces. The engine's own
 * settings type implements it and says which engine reads them. For implementors of an engine.
 */
public interface ChainSettings {

  /** The engine that reads and runs chains of these settings. */
  MigrationEngine engine();

  /** Where the chain is, as written ({@code classpath:db/migration}, {@code filesystem:sql}), for messages. */
  List<String> locations();

  /** The schemas a snapshot of a migrated database reads; the first holds the engine's history table. */
  List<String> snapshotSchemas();

  /** The engine's history table in the first of {@link #snapshotSchemas()}. */
  String historyTable();

  /**
   * Every table the engine keeps for itself in the first of {@link #snapshotSchemas()} (its history, its lock):
   * left out of snapshots, as they are no part of the schema the chain makes.
   */
  default List<String> engineTables() {
    return List.of(historyTable());
  }

  /** The search path the engine sets while it runs a step; empty when it leaves the server's default. */
  List<String> sessionSearchPath();

  /**
   * Whether one step may mix statements that run in a transaction with statements that cannot ({@code CREATE INDEX
   * CONCURRENTLY}); when not, the engine refuses such a step.
   */
  boolean mixedStepsAllowed();

  /**
   * Whether the engine keeps its lock in a transaction that stays open while the steps run: a statement that waits
   * for every older transaction to end ({@code CREATE INDEX CONCURRENTLY}) then waits for the engine's own.
   */
  boolean lockHeldInOpenTransaction();

  /**
   * Whether the engine knows a step by its name rather than its version: a Liquibase changeset is
   * {@code file::id::author} wherever it sits in the changelog, so the lock of released steps matches them by name,
   * and a new step may come before released ones. Flyway's default: by version.
   */
  default boolean stepsKnownByName() {
    return false;
  }

  /** SQL scripts run on every new database before the first step, in order. */
  List<InitScript> initScripts();

  /** The class loader that class-path locations and code steps are read from. */
  ClassLoader classLoader();

  /** The encoding the engine reads scripts in. */
  Charset encoding();

  /** The setting that names the encoding ({@code flyway.encoding}), for a message that tells how to change it. */
  String encodingKey();

  /** Whether the project set {@link #encodingKey()} (else the engine's default is in force). */
  boolean encodingSet();

  /** A script as the engine runs it, its placeholders replaced. */
  String replacePlaceholders(String sql, String fileName);

  /** A hash of every setting that changes what migrating produces: part of every template's key. */
  String fingerprint();
}
