package dev.schemakit.chain;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A migration engine (Flyway; Liquibase next), as the template databases, the stairway, the suite and the commands
 * see it: it reads a chain from its settings, migrates a database up to a step, and undoes a step. Every engine reads
 * its chain itself (which files are steps, their order, their versions): schemakit never keeps a second copy of an
 * engine's rules. For implementors of an engine.
 */
public interface MigrationEngine {

  /** The engine's name for messages: {@code Flyway}. */
  String name();

  /**
   * The chain the settings name, read as the engine reads it.
   *
   * @throws MigrationException when a location cannot be read or the chain is not one the engine would run
   */
  MigrationChain read(ChainSettings settings);

  /**
   * Migrates a database of the chain from the version it is at up to another.
   *
   * @param database how to name the database in a message (a JDBC URL without password)
   * @param from the version the database is at; {@link Version#EMPTY} for a new database
   * @param requested the version the caller asked for, or {@code null} when it is {@code target}
   * @throws MigrationException naming the step, its line and statement, and what the database said
   */
  void migrate(MigrationChain chain, DataSource dataSource, String database, Version from, Version target,
      Version requested);

  /**
   * The SQL a step runs on PostgreSQL, as the engine runs it: a script with its placeholders replaced, or the SQL the
   * engine generates for a step written in its own terms (a Liquibase changeset). Its lines are the step's file's
   * where the engine can say so, for findings that name {@code file:line}.
   *
   * @throws MigrationException when the step cannot be read, or is code whose SQL cannot be known without running it
   */
  String sql(MigrationChain chain, Migration step);

  /**
   * Migrates a database of the chain up to a version as a deployment does: the engine alone runs every step and keeps
   * its history, with nothing of schemakit's faster paths. The reference the faster paths are held to, and what the
   * suite's upgrade and the commands that stand for a deployment run.
   *
   * @param target the version to stop at; {@link Version#EMPTY} does nothing
   * @throws MigrationException naming the step, its line and statement, and what the database said
   */
  void migrateAsDeployed(MigrationChain chain, DataSource dataSource, String database, Version target);

  /**
   * Why a step has no undo step, and how to give it one, for a message: {@code there is no undo script
   * U3__*.sql in [classpath:db/migration]. Add one beside the versioned migration.}
   */
  String missingUndo(MigrationChain chain, Version version);

  /**
   * Reverts one step with its undo step, which the database is at.
   *
   * @throws MigrationException when the undo step fails (nothing is changed then)
   */
  void undo(MigrationChain chain, Migration undoStep, DataSource dataSource, String database);

  /**
   * What a live database's history table says of the chain, read with queries only (the caller's session is
   * read-only): which of its steps ran, and which failed.
   *
   * @param connection a session on the live database, which this neither changes nor closes
   * @throws SQLException when the history cannot be read
   */
  AppliedHistory history(MigrationChain chain, Connection connection) throws SQLException;

  /**
   * Whether the engine still runs the chain on databases that applied a released step whose hash has changed since:
   * the lock recorded {@code releasedSha256}, the step hashes otherwise now. Flyway never does (its checksum
   * changed); Liquibase does when the changeset's {@code validCheckSum} allows the checksum it was released with.
   */
  boolean acceptsEdited(MigrationChain chain, Migration step, String releasedSha256);
}
