package dev.schemakit.entity;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.diff.Severity;
import dev.schemakit.entity.MappedEntity.IndexMapping;
import dev.schemakit.entity.MappedEntity.Join;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Origin;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.View;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The three-way comparison: JPA entities, the YAML contract and the migrated database are three
 * descriptions of one schema, and every disagreement between any two of them is reported, saying which
 * side is missing or different.
 *
 * <pre>{@code
 * EntityMappings entities = EntityReader.defaults().readPackages("com.acme.guilds");
 * DiffResult drift = EntityDrift.compare(entities, ContractReader.readDirectory(contracts), database.snapshot(),
 *     new PostgresExpressionNormalizer(connection));
 * assertTrue(drift.passed(), () -> Reports.text(drift));
 * }</pre>
 *
 * <p>Entities against the migrated database: every mapped table and column must exist with a type that can
 * hold the field (a {@code String} of {@code length = 100} needs at least {@code varchar(100)}, an {@code
 * Integer} an {@code integer}, an {@code Instant} a {@code timestamptz}), nullability must agree (a primitive
 * or {@code nullable = false} field on a nullable column, a nullable field on a {@code NOT NULL} column), the
 * {@code @Id} columns must be the primary key, {@code @GeneratedValue} must find its identity column or
 * sequence (incremented by the allocation size), every to-one relation needs a foreign key to its entity's
 * table (with the {@code @OnDelete} action), unique columns and {@code @Table(indexes)} must exist, and a
 * {@code NOT NULL} column without a default that no entity maps is reported because every insert fails.
 * Tables in the entities' schemas that no entity maps are warnings.
 *
 * <p>Entities against the contract: the same, where the contract says something (a partial table asserts
 * only what it lists, a strict one also that nothing else exists), plus the soft-delete column. Contract
 * against the database: {@link SchemaDiff}, with a note on what the entities say about each missing or
 * unexpected element.
 *
 * <p>Findings that two sides share are one finding: "entity Guild maps column public.guilds.deleted_at; no
 * migration creates it and the contract does not list it".
 */
public final class EntityDrift {


  private final EntityMappings entities;
  private final boolean strictNullability;
  private final Map<String, DriftProblem> problems = new LinkedHashMap<>();
  /** Columns of fields the entity lets be null on NOT NULL columns, summed up in one finding unless strict. */
  private final Set<String> lenientFields = new java.util.TreeSet<>();
  private final Set<String> subjects = new LinkedHashSet<>();

  private EntityDrift(EntityMappings entities, boolean strictNullability) {
    this.entities = entities;
    this.strictNullability = strictNullability;
  }

  /**
   * Compares entities with the migrated database only.
   *
   * @param entities what {@link EntityReader} read
   * @param migrated a snapshot of the migrated database
   */
  public static DiffResult compare(EntityMappings entities, Catalog migrated) {
    return compare(entities, null, migrated, ExpressionNormalizer.textual());
  }

  /**
   * Compares entities, contract and migrated database, each with the two others.
   *
   * @param entities what {@link EntityReader} read
   * @param contract the contracts, or {@code null} to compare only entities and database
   * @param migrated a snapshot of the migrated database
   * @param normalizer how the contract-vs-database part compares expressions (use the PostgreSQL one when a
   *     connection is at hand)
   * @return every finding; entity findings first, in entity order, then the contract's
   */
  public static DiffResult compare(EntityMappings entities, Catalog contract, Catalog migrated,
      ExpressionNormalizer normalizer) {
    return compare(entities, contract, migrated, normalizer, false);
  }

  /**
   * Compares entities, contract and migrated database, each with the two others, choosing how a nullable field on
   * a {@code NOT NULL} column counts.
   *
   * @param strictNullability {@code true}: a field the entity lets be null on a {@code NOT NULL} column is an
   *     error; {@code false} (the default of the other overloads): a warning, since the database still refuses
   *     the NULL and applications often validate before saving. A primitive field on a nullable column, which
   *     cannot load a NULL, is an error either way. The same setting makes errors of what is otherwise a warning
   *     because the schema leaves it unenforced rather than wrong: an {@code @Id} on a table without a primary key
   *     or unique index on those columns, and a join without a foreign key.
   * @see #compare(EntityMappings, Catalog, Catalog, ExpressionNormalizer)
   */
  public static DiffResult compare(EntityMappings entities, Catalog contract, Catalog migrated,
      ExpressionNormalizer normalizer, boolean strictNullability) {
    Objects.requireNonNull(entities, "entities");
    Objects.requireNonNull(migrated, "migrated");
    EntityDrift drift = new EntityDrift(entities, strictNullability);
    for (MappedEntity entity : entities.entities()) {
      drift.subjects.add(entity.qualifiedTable());
      drift.entity(entity, new Side("migrations", migrated, true));
      if (contract != null) {
        drift.entity(entity, new Side("contract", contract, false));
      }
    }
    drift.unmappedTables(migrated);
    drift.sumUpLenientFields(new Side("migrations", migrated, true));
    List<Finding> findings = new ArrayList<>(drift.problems.values().stream().map(DriftProblem::finding).toList());
    if (contract != null) {
      DiffResult contractDiff = SchemaDiff.compare(contract, migrated, normalizer);
      contractDiff.findings().forEach(f -> findings.add(drift.withEntityNote(f, contract)));
      drift.subjects.addAll(contractDiff.subjects());
    }
    return new DiffResult(findings, List.copyOf(drift.subjects));
  }

  /** One of the two schema descriptions an entity is compared with. */
  private record Side(String name, Catalog catalog, boolean complete) {

    boolean isContract() {
      return !complete;
    }

    /** Whether the side asserts that what it does not list does not exist. */
    boolean exhaustive(Table table) {
      return complete || table.strict();
    }

    String lacks(String what) {
      return complete ? "no migration creates " + what : "the contract does not list " + what;
    }

    String has() {
      return complete ? "migrations have" : "the contract says";
    }
  }

  private void entity(MappedEntity entity, Side side) {
    String subject = entity.qualifiedTable();
    Optional<Table> found = side.catalog().table(entity.schema(), entity.table());
    Optional<View> view = found.isPresent() ? Optional.empty() : side.catalog().schema(entity.schema())
        .flatMap(schema -> schema.views().stream().filter(v -> v.name().equals(entity.table())).findFirst());
    if (view.isPresent()) {
      viewColumns(entity, view.get(), side);
      return;
    }
    if (found.isEmpty()) {
      report(FindingCode.ENTITY_TABLE_MISSING, subject, subject, "table",
          "entity " + entity.simpleName() + " (" + entity.className() + ") maps table " + subject, subject,
          side, side.lacks("it"), null, null);
      return;
    }
    Table table = found.get();
    for (MappedColumn column : entity.columns()) {
      column(entity, column, table, side);
    }
    if (side.complete()) {
      unmappedColumns(entity, table, side);
      idGeneration(entity, table, side);
    }
    primaryKey(entity, table, side);
    for (Join join : entity.joins()) {
      if (join.constraint()) {
        foreignKey(entity, join, table, side);
      }
    }
    for (List<String> unique : entity.uniqueConstraints()) {
      if (side.exhaustive(table) && !DriftChecks.unique(table, unique)) {
        report(FindingCode.ENTITY_UNIQUE_MISSING, subject, subject + "." + String.join("_", unique), "unique",
            "entity " + entity.simpleName() + " declares (" + String.join(", ", unique) + ") unique in " + subject,
            "unique (" + String.join(", ", unique) + ")", side,
            side.complete() ? "no migration creates a unique constraint or index on it"
                : "the contract lists no unique constraint or index on it", null, table.origin());
      }
    }
    for (IndexMapping index : entity.indexes()) {
      if (side.exhaustive(table) && !DriftChecks.indexed(table, index)) {
        String name = index.name() == null ? "" : index.name() + " ";
        report(FindingCode.ENTITY_INDEX_MISSING, subject, subject + "." + (index.name() == null
                ? String.join("_", index.columns()) : index.name()), "index",
            "entity " + entity.simpleName() + " declares " + (index.unique() ? "unique " : "") + "index " + name
                + "on " + subject + " (" + String.join(", ", index.columns()) + ")",
            String.join(", ", index.columns()), side,
            side.complete() ? "no migration creates an index with these leading columns"
                : "the contract lists no such index", null, table.origin());
      }
    }
    if (side.isContract()) {
      softDelete(entity, table, side);
    } else if (entity.softDelete() != null && table.column(entity.softDelete().column()).isEmpty()
        && entity.column(entity.softDelete().column()).isEmpty()) {
      report(FindingCode.ENTITY_SOFT_DELETE_MISMATCH, subject, subject + "." + entity.softDelete().column(),
          "soft-delete-column", "entity " + entity.simpleName() + " soft-deletes by setting " + subject + "."
              + entity.softDelete().column() + " (" + entity.softDelete().declaredBy() + ")"
              + DriftChecks.nearest(entity.softDelete().column(), table), entity.softDelete().column(), side,
          "no migration creates it: every delete fails", null, null);
    }
    if (!side.isContract() && entity.softDelete() != null && entity.softDelete().updatedTable() != null
        && !entity.softDelete().updatedTable().equals(entity.table())) {
      report(FindingCode.ENTITY_SOFT_DELETE_MISMATCH, subject, subject, "soft-delete-table",
          "entity " + entity.simpleName() + " maps table " + subject + " but its @SQLDelete updates table "
              + entity.softDelete().updatedTable(), entity.table(), new Side("entities", null, true),
          "a delete would change another table's rows (or fail)", entity.softDelete().updatedTable(), null);
    }
  }

  /**
   * An entity on a view (Hibernate reads it like a table; Cryptomator Hub maps three @Immutable ones): the view holds
   * no keys, and the snapshot knows its columns' names, not their types, so only their existence is compared.
   */
  private void viewColumns(MappedEntity entity, View view, Side side) {
    String subject = entity.qualifiedTable();
    if (view.columns().isEmpty()) {
      return; // a hand-written contract may name a view by its definition alone
    }
    for (MappedColumn column : entity.columns()) {
      if (!view.columns().contains(column.name())) {
        report(FindingCode.ENTITY_COLUMN_MISSING, subject, subject + "." + column.name(), "column",
            "entity " + entity.simpleName() + " maps field " + column.field() + " to column " + subject + "."
                + column.name() + " of view " + subject + " (columns: " + String.join(", ", view.columns()) + ")",
            column.name(), side, side.complete() ? "the view the migrations create has no such column"
                : "the contract's view lists no such column", null, view.origin());
      }
    }
  }

  private void column(MappedEntity entity, MappedColumn column, Table table, Side side) {
    String subject = entity.qualifiedTable();
    String path = subject + "." + column.name();
    String who = "entity " + entity.simpleName();
    Optional<Column> found = table.column(column.name());
    if (found.isEmpty()) {
      if (side.exhaustive(table)) {
        report(FindingCode.ENTITY_COLUMN_MISSING, subject, path, "column",
            who + " maps field " + column.field() + " to column " + path + DriftChecks.nearest(column.name(), table),
            column.name(), side, side.lacks("it"), null, table.origin());
      }
      return;
    }
    Column actual = found.get();
    if (actual.type() != null) {
      // a domain's values are its base type's, which is what Hibernate reads and writes
      String base = SqlTypes.canonical(DriftChecks.domainBase(side.catalog(), entity.schema(), actual.type()));
      String problem = DriftChecks.typeProblem(column, base);
      if (problem != null) {
        String domain = base.equals(SqlTypes.canonical(actual.type())) ? ""
            : " (a domain over " + SqlTypes.preferred(base) + ")";
        // an Instant in a timestamp without time zone holds every value; only the zone it is read in can shift
        boolean zoneOnly = DriftChecks.zoneOnly(column, base);
        report(zoneOnly ? Severity.WARNING : Severity.ERROR, FindingCode.ENTITY_COLUMN_TYPE_MISMATCH, subject, path,
            "type", who + " maps field " + column.field() + " (" + DriftChecks.describe(column) + ") to column " + path
                + ", " + problem + (zoneOnly ? " (the values fit; Hibernate converts them through the JVM's time zone"
                    + " unless hibernate.jdbc.time_zone is UTC)" : ""),
            column.type(), side, side.has() + " " + SqlTypes.preferred(actual.type()) + domain,
            SqlTypes.preferred(actual.type()), actual.origin());
      }
    }
    Boolean actualNullable = actual.nullable() != null ? actual.nullable() : side.exhaustive(table) ? true : null;
    if (actualNullable == null) {
      return;
    }
    if (!column.nullable() && actualNullable) {
      String why = column.primitive() ? "primitive field " + column.field() + " (" + column.javaType()
          + "), which cannot hold NULL" : "field " + column.field() + " as NOT NULL";
      report(FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, subject, path, "nullable",
          who + " maps column " + path + " to " + why, "NOT NULL", side,
          (side.complete() ? "migrations let it be NULL" : "the contract declares it nullable")
              + (column.primitive() ? ": loading a row with NULL fails" : ""), "NULL", actual.origin());
    } else if (column.nullable() && !actualNullable && !column.alwaysWritten() && !strictNullability) {
      // the entity is more permissive than the column: the database still protects the data, and applications
      // often validate before saving (a @ManyToOne the form always sets); a real model has them by the hundred, so
      // they are summed up in one warning that does not hide the findings that matter
      lenientFields.add(path);
    } else if (column.nullable() && !actualNullable && !column.alwaysWritten()) {
      report(Severity.ERROR, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH,
          subject, path, "nullable",
          who + " lets field " + column.field() + " be null (add nullable = false if it never is)", "NULL", side,
          (side.complete() ? "migrations make column " : "the contract makes column ") + path
              + " NOT NULL: saving it with " + column.field() + " = null fails", "NOT NULL", actual.origin());
    }
  }

  /** One warning for every field the entities let be null on a NOT NULL column; the strict setting lists each. */
  private void sumUpLenientFields(Side side) {
    if (lenientFields.isEmpty()) {
      return;
    }
    List<String> first = lenientFields.stream().limit(5).toList();
    int more = lenientFields.size() - first.size();
    report(Severity.WARNING, FindingCode.ENTITY_COLUMN_NULLABILITY_MISMATCH, "entities", "entities", "nullable",
        lenientFields.size() + " field(s) the entities let be null map NOT NULL columns: " + String.join(", ", first)
            + (more > 0 ? " and " + more + " more" : "") + ". Saving one with null fails in the database, which keeps"
            + " the data safe; the strict setting (strictNullability) lists each as an error",
        "NULL", side, "the columns are NOT NULL", "NOT NULL", null);
  }

  private void unmappedColumns(MappedEntity entity, Table table, Side side) {
    List<MappedEntity> sharing = entities.mapping(entity.schema(), entity.table());
    if (sharing.get(0) != entity) {
      return; // entities sharing a table (single-table inheritance) report once, for the first
    }
    Set<String> mapped = new HashSet<>();
    sharing.forEach(e -> e.columns().forEach(c -> mapped.add(c.name())));
    for (Column column : table.columns()) {
      if (!mapped.contains(column.name()) && Boolean.FALSE.equals(column.nullable()) && column.defaultValue() == null
          && column.identity() == null && column.generated() == null) {
        String path = entity.qualifiedTable() + "." + column.name();
        report(FindingCode.ENTITY_COLUMN_UNMAPPED, entity.qualifiedTable(), path, "unmapped",
            "column " + path + " is NOT NULL without a default and entity " + entity.simpleName()
                + " does not map it", null, side,
            "every insert through " + entity.simpleName() + " fails; map the column or give it a default",
            SqlTypes.preferred(column.type()) + " NOT NULL", null);
      }
    }
  }

  private void primaryKey(MappedEntity entity, Table table, Side side) {
    if (entity.primaryKey().isEmpty() || (table.primaryKey() == null && !side.exhaustive(table))) {
      return;
    }
    List<String> actual = table.primaryKey() == null ? List.of() : table.primaryKey().columns();
    Set<String> ids = new HashSet<>(entity.primaryKey());
    if (actual.isEmpty() && DriftChecks.unique(table, entity.primaryKey(), false)) {
      return; // large and partitioned tables often go without a primary key: a unique index keeps the identity
    }
    if (actual.isEmpty()) {
      String subject = entity.qualifiedTable();
      report(strictNullability ? Severity.ERROR : Severity.WARNING, FindingCode.ENTITY_PRIMARY_KEY_MISMATCH, subject,
          subject + ".primary_key", "pk",
          "entity " + entity.simpleName() + " maps @Id to (" + String.join(", ", entity.primaryKey())
              + ") and nothing keeps it unique (two rows with one id load as one entity)",
          String.join(", ", entity.primaryKey()), side, side.has() + " no primary key on " + subject
              + " and no unique index on those columns", "", table.origin());
      return;
    }
    if (!new HashSet<>(actual).equals(ids)) {
      String subject = entity.qualifiedTable();
      report(FindingCode.ENTITY_PRIMARY_KEY_MISMATCH, subject, subject + ".primary_key", "pk",
          "entity " + entity.simpleName() + " maps @Id to (" + String.join(", ", entity.primaryKey()) + ")",
          String.join(", ", entity.primaryKey()), side,
          actual.isEmpty() ? side.has() + " no primary key on " + subject
              : side.has() + " primary key (" + String.join(", ", actual) + ")",
          String.join(", ", actual), table.origin());
    }
  }

  private void idGeneration(MappedEntity entity, Table table, Side side) {
    if (entity.idGeneration() == null || entity.primaryKey().size() != 1) {
      return;
    }
    String subject = entity.qualifiedTable();
    String idColumn = entity.primaryKey().get(0);
    Optional<Column> column = table.column(idColumn);
    String strategy = entity.idGeneration().strategy();
    if (strategy.equals("IDENTITY") && column.isPresent()) {
      Column id = column.get();
      boolean generated = id.identity() != null
          || id.defaultValue() != null && id.defaultValue().toLowerCase(Locale.ROOT).contains("nextval(");
      if (!generated) {
        report(FindingCode.ENTITY_ID_GENERATION_MISMATCH, subject, subject + "." + idColumn, "generation",
            "entity " + entity.simpleName() + " uses @GeneratedValue(strategy = IDENTITY) on " + idColumn,
            "identity or serial", side, "migrations give " + subject + "." + idColumn
                + " neither an identity nor a sequence default: inserts leave it NULL", "no default", null);
      }
    } else if (entity.idGeneration().sequence() != null) {
      String name = entity.idGeneration().sequence();
      Optional<Sequence> sequence = side.catalog().schema(entity.schema()).stream()
          .flatMap(s -> s.sequences().stream()).filter(s -> s.name().equals(name)).findFirst();
      int allocation = entity.idGeneration().allocationSize();
      if (sequence.isEmpty()) {
        report(FindingCode.ENTITY_ID_GENERATION_MISMATCH, subject, entity.schema() + "." + name, "generation",
            "entity " + entity.simpleName() + " takes ids from sequence " + entity.schema() + "." + name
                + " (@GeneratedValue(strategy = " + strategy + "))", name, side,
            "no migration creates it" + (column.map(c -> c.identity() != null
                || c.defaultValue() != null && c.defaultValue().contains("nextval(")).orElse(false)
                ? "; the column is identity/serial, so strategy = IDENTITY is probably meant" : ""),
            null, null);
      } else if (sequence.get().increment() != null && sequence.get().increment() != allocation) {
        report(FindingCode.ENTITY_ID_GENERATION_MISMATCH, subject, entity.schema() + "." + name, "generation",
            "entity " + entity.simpleName() + " reserves " + allocation + " ids per call of sequence "
                + entity.schema() + "." + name + " (allocationSize)", "INCREMENT " + allocation, side,
            "migrations create it with INCREMENT " + sequence.get().increment()
                + ": Hibernate refuses to start or hands out duplicate ids",
            "INCREMENT " + sequence.get().increment(), null);
      }
    }
  }

  private void foreignKey(MappedEntity entity, Join join, Table table, Side side) {
    String subject = entity.qualifiedTable();
    String path = subject + "." + String.join("_", join.columns());
    String target = join.targetSchema() + "." + join.targetTable();
    String relation = "entity " + entity.simpleName() + " joins " + join.field() + " by " + subject + "("
        + String.join(", ", join.columns()) + ") to " + target + "(" + String.join(", ", join.targetColumns()) + ")";
    Optional<ForeignKey> found = table.foreignKeys().stream().filter(f -> f.columns().equals(join.columns()))
        .findFirst();
    if (found.isEmpty()) {
      if (side.exhaustive(table)) {
        // a join the database does not back: often on purpose on large tables, so a warning of what can go wrong
        report(strictNullability ? Severity.ERROR : Severity.WARNING, FindingCode.ENTITY_FOREIGN_KEY_MISSING,
            subject, path, "fk", relation, target, side,
            side.complete() ? "no migration creates a foreign key on it: rows can point to rows that do not exist"
                : "the contract lists no foreign key on it", null, table.origin());
      }
      return;
    }
    ForeignKey fk = found.get();
    String referenced = fk.referencedSchema() + "." + fk.referencedTable();
    boolean columnsAgree = fk.referencedColumns().isEmpty() || fk.referencedColumns().equals(join.targetColumns());
    if (!referenced.equals(target) && !referenced.equals(joinedRootTable(join.targetClass())) || !columnsAgree) {
      report(FindingCode.ENTITY_FOREIGN_KEY_MISSING, subject, path, "fk", relation, target, side,
          "the foreign key on it references " + fk.referenceText(), fk.referenceText(), fk.origin());
    } else if (join.onDelete() != null && fk.onDelete() != null && join.onDelete() != fk.onDelete()) {
      report(FindingCode.ENTITY_FOREIGN_KEY_ACTION_MISMATCH, subject, path, "action",
          relation + " with @OnDelete(action = " + join.onDelete() + ")", join.onDelete().sql(), side,
          side.has() + " ON DELETE " + fk.onDelete().sql(), fk.onDelete().sql(), fk.origin());
    }
  }

  /**
   * The root table of a JOINED hierarchy the class is a subclass of, else null. Its id is the subclass table's, and
   * every row of the subclass has one there: a foreign key to the root's table (Cryptomator Hub's to {@code authority}
   * for a {@code User} in {@code user_details}) holds a join to the subclass, if more loosely than Hibernate's own.
   */
  private String joinedRootTable(String className) {
    return entities.entities().stream().filter(e -> e.className().equals(className))
        .flatMap(e -> e.joins().stream()).filter(j -> j.field().equals(Join.INHERITANCE))
        .map(j -> j.targetSchema() + "." + j.targetTable()).findFirst().orElse(null);
  }

  private void softDelete(MappedEntity entity, Table table, Side side) {
    String subject = entity.qualifiedTable();
    String declared = table.softDelete() == null ? null : table.softDelete().column();
    String mapped = entity.softDelete() == null ? null : entity.softDelete().column();
    if (Objects.equals(declared, mapped)) {
      return;
    }
    Origin origin = table.softDelete() != null ? table.softDelete().origin() : table.origin();
    String statement = mapped == null
        ? "entity " + entity.simpleName() + " deletes rows of " + subject + " for real (no @SQLDelete or @SoftDelete)"
        : "entity " + entity.simpleName() + " soft-deletes " + subject + " by setting " + mapped + " ("
            + entity.softDelete().declaredBy() + ")";
    report(FindingCode.ENTITY_SOFT_DELETE_MISMATCH, subject, subject + ".soft_delete", "soft-delete", statement,
        mapped, side, declared == null ? "the contract declares no soft_delete for the table"
            : "the contract declares soft_delete by " + declared, declared, origin);
  }

  private void unmappedTables(Catalog migrated) {
    Set<String> schemas = new LinkedHashSet<>();
    entities.entities().forEach(e -> schemas.add(e.schema()));
    for (String schemaName : schemas) {
      Optional<Schema> schema = migrated.schema(schemaName);
      if (schema.isEmpty()) {
        continue;
      }
      for (Table table : schema.get().tables()) {
        if (entities.mapping(schemaName, table.name()).isEmpty()) {
          String subject = schemaName + "." + table.name();
          subjects.add(subject);
          report(FindingCode.ENTITY_TABLE_UNMAPPED, subject, subject, "unmapped-table",
              "migrations create table " + subject, null, new Side("migrations", migrated, true),
              "no entity maps it (a join table, or one to drop?)", subject, null);
        }
      }
    }
  }

  /** Adds what the entities say to a contract-vs-database finding about a missing or unexpected element. */
  private Finding withEntityNote(Finding finding, Catalog contract) {
    String[] parts = finding.subject().split("\\.", 2);
    if (parts.length < 2) {
      return finding;
    }
    List<MappedEntity> mapping = entities.mapping(parts[0], parts[1]);
    String element = DriftChecks.elementName(finding);
    String note = switch (finding.code()) {
      case TABLE_MISSING, TABLE_UNEXPECTED -> mapping.isEmpty() ? "no entity maps the table"
          : "entity " + mapping.get(0).simpleName() + " maps it";
      case COLUMN_MISSING, COLUMN_UNEXPECTED -> mapping.isEmpty() ? null
          : mapping.stream().anyMatch(e -> e.column(element).isPresent())
              ? "entity " + mapping.get(0).simpleName() + " maps it"
              : "entity " + mapping.get(0).simpleName() + " does not map it either";
      case INDEX_MISSING, INDEX_UNEXPECTED -> mapping.isEmpty() ? null : entityIndexNote(mapping, element,
          contract, parts[0], parts[1]);
      default -> null;
    };
    String message = "contract vs migrations: " + finding.message() + (note == null ? "" : "; " + note);
    return new Finding(finding.code(), finding.severity(), finding.subject(), finding.path(), finding.expected(),
        finding.actual(), message, finding.origin());
  }

  private static String entityIndexNote(List<MappedEntity> mapping, String name, Catalog contract, String schema,
      String tableName) {
    List<String> elements = contract.table(schema, tableName).stream().flatMap(t -> t.indexes().stream())
        .filter(i -> name.equals(i.name())).findFirst().map(Index::elements).orElse(null);
    boolean declared = mapping.stream().flatMap(e -> e.indexes().stream())
        .anyMatch(i -> name.equals(i.name()) || i.columns().equals(elements));
    return declared ? "entity " + mapping.get(0).simpleName() + " declares it in @Table(indexes)"
        : "the entities do not declare it either";
  }

  private void report(FindingCode code, String subject, String path, String kind, String statement,
      String expected, Side side, String sideSays, String actual, Origin origin) {
    report(code.severity(), code, subject, path, kind, statement, expected, side, sideSays, actual, origin);
  }

  private void report(Severity severity, FindingCode code, String subject, String path, String kind,
      String statement, String expected, Side side, String sideSays, String actual, Origin origin) {
    // one finding per element: the entities of a SINGLE_TABLE hierarchy share its columns, and a column they all
    // miss (the discriminator) is one problem, named by the first entity that maps it
    String key = code + "|" + path + "|" + kind;
    problems.computeIfAbsent(key, k -> new DriftProblem(severity, code, subject, path, statement, expected))
        .add(side.name(), sideSays, actual, origin);
  }
}
