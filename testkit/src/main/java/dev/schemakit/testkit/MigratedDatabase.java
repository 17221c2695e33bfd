package dev.schemakit.testkit;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Names;
import dev.schemakit.template.VersionedDatabase;
import java.util.List;
import java.util.Map;

/**
 * A database of one's own, migrated to a version: what a {@link MigrationTest} class gets injected.
 *
 * <pre>{@code
 * @Test void backfillsUserIds(MigratedDatabase db) {
 *   db.execute("insert into members(name) values ('ada')");     // data at the class's version
 *   db.migrateTo("4");                                          // the migration under test
 *   assertThat(db.query("select user_id from members")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Moving along the chain, SQL and contracts are {@link VersionedDatabase} (schemakit-migrations), which tools
 * outside JUnit use too; this adds what tests ask of data and code: the {@linkplain #matchRate match rate} of a
 * backfill and the comparison with JPA entities (so that the migrations module needs no entities).
 * SQL failures are thrown as {@link IllegalStateException} naming the statement and database. Thread-safe; every
 * call uses its own connection.
 */
public final class MigratedDatabase extends VersionedDatabase {

  /** The test's handle on a database from a {@link TestDatabases} provider. */
  MigratedDatabase(VersionedDatabase database) {
    super(database);
  }

  @Override
  public MigratedDatabase migrateTo(String target) {
    super.migrateTo(target);
    return this;
  }

  @Override
  public MigratedDatabase undo() {
    super.undo();
    return this;
  }

  @Override
  public MigratedDatabase undoTo(String target) {
    super.undoTo(target);
    return this;
  }

  @Override
  public MigratedDatabase migrate() {
    super.migrate();
    return this;
  }

  /**
   * The three-way comparison of entities, contract and this database (see {@link EntityDrift}), with
   * expressions compared as this server parses them.
   *
   * <pre>{@code
   * DiffResult drift = database.entityDrift(EntityReader.defaults().readPackages("com.acme"),
   *     ContractReader.readDirectory(Path.of("contracts")));
   * assertTrue(drift.passed(), () -> Reports.text(drift));
   * }</pre>
   *
   * @param entities what {@link dev.schemakit.entity.EntityReader} read
   * @param contract the contracts, or {@code null} to compare entities with the database only
   * @throws IllegalStateException when the database cannot be read
   */
  public DiffResult entityDrift(EntityMappings entities, Catalog contract) {
    return entityDrift(entities, contract, null);
  }

  /**
   * {@link #entityDrift(EntityMappings, Catalog)} over these schemas and those the contract names.
   *
   * @param schemas the schemas to compare; {@code null} or empty for {@link #schemas()}
   */
  public DiffResult entityDrift(EntityMappings entities, Catalog contract, List<String> schemas) {
    return compareUsing(contract, schemas, "entities",
        (migrated, normalizer) -> EntityDrift.compare(entities, contract, migrated, normalizer));
  }

  /**
   * How many rows of {@code table} would break a foreign key from {@code column} to
   * {@code parentTable.parentColumn}: check the data before a migration adds the constraint.
   * Names may be schema-qualified ({@code app.orders}); {@code null}s do not break a foreign key and
   * are counted apart, since a backfill that missed rows leaves them.
   */
  public MatchRate matchRate(String table, String column, String parentTable, String parentColumn) {
    Map<String, Object> row = query("select count(*) as total, count(c." + Names.quote(column) + ") as referencing,"
        + " count(c." + Names.quote(column) + ") filter (where p." + Names.quote(parentColumn) + " is null) as orphans"
        + " from " + qualified(table) + " c left join " + qualified(parentTable) + " p on p." + Names.quote(parentColumn)
        + " = c." + Names.quote(column)).get(0);
    long total = ((Number) row.get("total")).longValue();
    long referencing = ((Number) row.get("referencing")).longValue();
    return new MatchRate(table + "." + column, parentTable + "." + parentColumn, referencing,
        ((Number) row.get("orphans")).longValue(), total - referencing);
  }

  /**
   * Rows that refer to a parent, and how many of them find none.
   *
   * @param referencing rows whose column is not null
   * @param orphans those without a parent row
   * @param nulls rows whose column is null: a backfill that missed rows leaves them
   */
  public record MatchRate(String column, String parent, long referencing, long orphans, long nulls) {

    /** Share of referencing rows that find their parent, 1.0 when there are none. */
    public double rate() {
      return referencing == 0 ? 1.0 : (referencing - orphans) / (double) referencing;
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%s -> %s: %d of %d rows have no parent (match rate %.1f%%),"
          + " %d rows are null", column, parent, orphans, referencing, rate() * 100, nulls);
    }
  }

  private static String qualified(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? Names.quote(name) : Names.quote(name.substring(0, dot), name.substring(dot + 1));
  }}
