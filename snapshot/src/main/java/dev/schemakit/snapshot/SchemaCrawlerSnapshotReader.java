package dev.schemakit.snapshot;

import dev.schemakit.diff.SqlText;
import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.Policy;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.TriggerLevel;
import dev.schemakit.model.TriggerTiming;
import dev.schemakit.model.UniqueConstraint;
import dev.schemakit.model.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ConditionTimingType;
import schemacrawler.schema.ForeignKeyDeferrability;
import schemacrawler.schema.ForeignKeyUpdateRule;
import schemacrawler.schema.TableConstraint;
import schemacrawler.schema.TableConstraintColumn;
import schemacrawler.schema.TableConstraintType;
import schemacrawler.schemacrawler.InfoLevel;
import schemacrawler.schemacrawler.InformationSchemaKey;
import schemacrawler.schemacrawler.InformationSchemaViewsBuilder;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.schemacrawler.SchemaRetrievalOptions;
import schemacrawler.schemacrawler.SchemaRetrievalOptionsBuilder;
import schemacrawler.tools.options.Config;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSource;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * The portable snapshot reader: SchemaCrawler over JDBC metadata, with its PostgreSQL plugin.
 *
 * <p>JDBC metadata cannot tell some things apart (a type modifier's presence, identity kinds,
 * generated columns, row-level security). For those this reader adds SchemaCrawler's own extension
 * point, "additional column/table attributes" queries, rather than reading around SchemaCrawler.
 * Extensions are read with one plain query (SchemaCrawler has no notion of them). Known limits of
 * SchemaCrawler that remain: enum types are seen only where a column uses them, with labels in
 * catalog order rather than sort order. Before crawling it runs {@code ANALYZE} on the catalog
 * tables it reads (where permitted), without which SchemaCrawler's metadata queries take seconds
 * on a freshly migrated database.
 */
final class SchemaCrawlerSnapshotReader implements SnapshotReader {

  private static final String ADDITIONAL_COLUMN_ATTRIBUTES = """
      SELECT current_database() AS TABLE_CATALOG, n.nspname AS TABLE_SCHEMA, c.relname AS TABLE_NAME,
             a.attname AS COLUMN_NAME, format_type(a.atttypid, a.atttypmod) AS SCHEMAKIT_TYPE,
             a.attidentity::text AS SCHEMAKIT_IDENTITY, a.attgenerated::text AS SCHEMAKIT_GENERATED
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')
         AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      """;

  private static final String ADDITIONAL_TABLE_ATTRIBUTES = """
      SELECT current_database() AS TABLE_CATALOG, n.nspname AS TABLE_SCHEMA, c.relname AS TABLE_NAME,
             c.relrowsecurity AS SCHEMAKIT_ROW_SECURITY, c.relforcerowsecurity AS SCHEMAKIT_FORCE_ROW_SECURITY,
             (SELECT string_agg(p.polname, ',' ORDER BY p.polname) FROM pg_policy p WHERE p.polrelid = c.oid)
               AS SCHEMAKIT_POLICIES,
             CASE WHEN c.relkind = 'm' THEN pg_get_viewdef(c.oid) END AS SCHEMAKIT_VIEW_DEFINITION
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      """;

  private static final String ANALYZE_CATALOG = "ANALYZE pg_catalog.pg_class, pg_catalog.pg_attribute,"
      + " pg_catalog.pg_attrdef, pg_catalog.pg_constraint, pg_catalog.pg_index, pg_catalog.pg_namespace,"
      + " pg_catalog.pg_type, pg_catalog.pg_description, pg_catalog.pg_depend, pg_catalog.pg_trigger,"
      + " pg_catalog.pg_proc, pg_catalog.pg_sequence, pg_catalog.pg_enum";

  private static final Set<String> RELATION_TYPES =
      Set.of("table", "partitioned table", "view", "materialized view");

  private static final Logger LOG = Logger.getLogger(SchemaCrawlerSnapshotReader.class.getName());

  static {
    SchemaCrawlerLogs.warningsOnly();
  }

  @Override
  public Catalog read(DataSource dataSource, List<String> schemas) {
    String url = null;
    List<Extension> extensions = new ArrayList<>();
    Set<String> existing = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
      analyzeCatalog(connection);
      try (Statement statement = connection.createStatement()) {
        try (ResultSet rs = statement.executeQuery(
            "SELECT extname, extversion FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname")) {
          while (rs.next()) {
            extensions.add(new Extension(rs.getString(1), rs.getString(2), null));
          }
        }
      }
      try (ResultSet rs = connection.getMetaData().getSchemas()) {
        while (rs.next()) {
          existing.add(rs.getString("TABLE_SCHEM"));
        }
      }
    } catch (SQLException e) {
      throw new SnapshotException("Connecting to " + CatalogText.safeUrl(url) + " for a SchemaCrawler snapshot failed: "
          + e.getMessage(), e);
    }
    String shownUrl = url;
    return crawl(dataSource, shownUrl, source -> {
      schemacrawler.schema.Catalog crawled = SchemaCrawlerUtility.getCatalog(source,
          retrievalOptions(source), crawlOptions(schemas), new Config());
      List<Schema> result = new ArrayList<>();
      for (String name : schemas.stream().sorted().distinct().toList()) {
        if (existing.contains(name)) {
          result.add(schema(crawled, name));
        }
      }
      return new Catalog(result, extensions);
    });
  }

  /** Runs SchemaCrawler work on a connection source, with one wording for its failures (both readers). */
  static <T> T crawl(DataSource dataSource, String url,
      java.util.function.Function<DatabaseConnectionSource, T> work) {
    try (DatabaseConnectionSource source = DatabaseConnectionSources.fromDataSource(dataSource)) {
      return work.apply(source);
    } catch (SnapshotException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SnapshotException("SchemaCrawler could not read the schema of " + CatalogText.safeUrl(url) + ": "
          + e.getMessage(), e);
    } catch (Exception e) {
      throw new SnapshotException("Closing the SchemaCrawler connection source of " + CatalogText.safeUrl(url)
          + " failed: " + e.getMessage(), e);
    }
  }

  /** Fresh catalogs have no statistics, and SchemaCrawler's metadata queries then plan badly. */
  private static void analyzeCatalog(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(ANALYZE_CATALOG);
    } catch (SQLException e) {
      LOG.log(Level.FINE, "ANALYZE of the catalog was not permitted; the crawl may be slow", e);
    }
  }

  private static SchemaRetrievalOptions retrievalOptions(DatabaseConnectionSource source) {
    SchemaRetrievalOptions matched = SchemaCrawlerUtility.matchSchemaRetrievalOptions(source);
    InformationSchemaViewsBuilder views = InformationSchemaViewsBuilder.builder(matched.getInformationSchemaViews())
        .withSql(InformationSchemaKey.ADDITIONAL_COLUMN_ATTRIBUTES, ADDITIONAL_COLUMN_ATTRIBUTES)
        .withSql(InformationSchemaKey.ADDITIONAL_TABLE_ATTRIBUTES, ADDITIONAL_TABLE_ATTRIBUTES);
    SchemaRetrievalOptionsBuilder builder = SchemaRetrievalOptionsBuilder.builder(matched);
    // Copying options drops the table types read from the driver (materialized views among
    // them), so they are read again from a connection; that in turn resets the plugin's enum helper.
    Connection connection = source.get();
    try {
      builder.fromConnnection(connection);
    } finally {
      source.releaseConnection(connection);
    }
    return builder.withInformationSchemaViews(views.toOptions())
        .withEnumDataTypeHelper(matched.getEnumDataTypeHelper()) // also reset by fromConnnection
        .toOptions();
  }

  private static SchemaCrawlerOptions crawlOptions(List<String> schemas) {
    // SchemaCrawler matches a schema's full name, which it quotes when the name needs it ("Sales Ops")
    String alternatives = schemas.stream().map(name -> "\"?" + Pattern.quote(name) + "\"?")
        .collect(Collectors.joining("|"));
    LimitOptionsBuilder limits = LimitOptionsBuilder.builder()
        .includeSchemas(Pattern.compile(alternatives))
        .tableTypes(List.of("TABLE", "PARTITIONED TABLE", "VIEW", "MATERIALIZED VIEW"))
        .includeAllSequences()
        .includeRoutines(Pattern.compile("^$"));
    SchemaInfoLevelBuilder level = SchemaInfoLevelBuilder.builder()
        .withInfoLevel(InfoLevel.maximum)
        .setRetrieveRoutines(false)
        .setRetrieveRoutineParameters(false)
        .setRetrieveRoutineInformation(false)
        .setRetrieveDatabaseUsers(false)
        .setRetrieveTablePrivileges(false)
        .setRetrieveTableColumnPrivileges(false)
        .setRetrieveSynonymInformation(false);
    LoadOptionsBuilder load = LoadOptionsBuilder.builder().withSchemaInfoLevel(level.toOptions());
    return SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
        .withLimitOptions(limits.toOptions())
        .withLoadOptions(load.toOptions());
  }

  private static Schema schema(schemacrawler.schema.Catalog crawled, String name) {
    List<Table> tables = new ArrayList<>();
    List<View> views = new ArrayList<>();
    Map<String, EnumType> enums = new TreeMap<>();
    List<Sequence> sequences = new ArrayList<>();
    for (schemacrawler.schema.Schema schema : crawled.getSchemas()) {
      if (!name.equals(schema.getName())) {
        continue;
      }
      for (schemacrawler.schema.Table table : crawled.getTables(schema)) {
        for (schemacrawler.schema.Column column : table.getColumns()) {
          schemacrawler.schema.ColumnDataType type = column.getColumnDataType();
          // SchemaCrawler leaves the schema of PostgreSQL enum types blank; the column's schema stands in.
          String typeSchema = type.getSchema() == null ? "" : type.getSchema().getName();
          if (type.isEnumerated() && (typeSchema == null || typeSchema.isEmpty() || name.equals(typeSchema))) {
            enums.putIfAbsent(type.getName(), new EnumType(type.getName(), type.getEnumValues(), null));
          }
        }
        String relationType = table.getTableType().getTableType().toLowerCase(Locale.ROOT);
        if (!RELATION_TYPES.contains(relationType)) {
          continue;
        }
        if (table.getTableType().isView()) {
          views.add(view(table));
        } else {
          tables.add(table(table));
        }
      }
      for (schemacrawler.schema.Sequence sequence : crawled.getSequences(schema)) {
        sequences.add(new Sequence(sequence.getName(), sequence.getIncrement(),
            sequence.getMinimumValue() == null ? null : sequence.getMinimumValue().longValueExact(),
            sequence.getMaximumValue() == null ? null : sequence.getMaximumValue().longValueExact(),
            sequence.isCycle(), null));
      }
    }
    return new Schema(name, Snapshots.sorted(tables, Table::name), Snapshots.sorted(views, View::name),
        List.copyOf(enums.values()), Snapshots.sorted(sequences, Sequence::name), false, null);
  }

  private static View view(schemacrawler.schema.Table table) {
    String definition = table.hasDefinition() ? table.getDefinition()
        : attribute(table, "SCHEMAKIT_VIEW_DEFINITION");
    return new View(table.getName(), table.getTableType().getTableType().toUpperCase(Locale.ROOT).contains("MATERIALIZED"),
        table.getColumns().stream().map(schemacrawler.schema.Column::getName).toList(),
        SqlText.collapseWhitespace(definition), remarks(table), null);
  }

  private static Table table(schemacrawler.schema.Table table) {
    List<Column> columns = new ArrayList<>();
    for (schemacrawler.schema.Column column : table.getColumns()) {
      boolean generated = "s".equals(attribute(column, "SCHEMAKIT_GENERATED"));
      String expression = column.getDefaultValue();
      columns.add(new Column(column.getName(), SqlTypes.canonical(attribute(column, "SCHEMAKIT_TYPE")),
          column.isNullable(), generated ? null : expression,
          CatalogCodes.identity(attribute(column, "SCHEMAKIT_IDENTITY")),
          generated ? expression : null, remarks(column), null));
    }
    PrimaryKey primaryKey = null;
    Set<String> constraintIndexes = new HashSet<>();
    if (table.hasPrimaryKey()) {
      primaryKey = new PrimaryKey(table.getPrimaryKey().getName(), constrained(table.getPrimaryKey()), null);
      constraintIndexes.add(table.getPrimaryKey().getName());
    }
    List<UniqueConstraint> uniques = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    for (TableConstraint constraint : table.getTableConstraints()) {
      TableConstraintType type = constraint.getType();
      if (type == TableConstraintType.unique) {
        uniques.add(new UniqueConstraint(constraint.getName(), constrained(constraint), null));
        constraintIndexes.add(constraint.getName());
      } else if (type == TableConstraintType.check && !isSyntheticNotNull(constraint)) {
        checks.add(new Check(constraint.getName(), CatalogText.checkExpression(constraint.getDefinition()), null));
      }
    }
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (schemacrawler.schema.ForeignKey fk : table.getImportedForeignKeys()) {
      List<ColumnReference> references = fk.getColumnReferences().stream()
          .sorted(Comparator.comparingInt(ColumnReference::getKeySequence)).toList();
      schemacrawler.schema.Table referenced = fk.getPrimaryKeyTable();
      foreignKeys.add(new ForeignKey(fk.getName(),
          references.stream().map(r -> r.getForeignKeyColumn().getName()).toList(),
          referenced.getSchema().getName(), referenced.getName(),
          references.stream().map(r -> r.getPrimaryKeyColumn().getName()).toList(),
          action(fk.getDeleteRule()), action(fk.getUpdateRule()),
          fk.getDeferrability() == ForeignKeyDeferrability.initiallyDeferred
              || fk.getDeferrability() == ForeignKeyDeferrability.initiallyImmediate,
          fk.getDeferrability() == ForeignKeyDeferrability.initiallyDeferred, null));
    }
    List<Index> indexes = new ArrayList<>();
    for (schemacrawler.schema.Index index : table.getIndexes()) {
      if (constraintIndexes.contains(index.getName())) {
        continue;
      }
      CatalogText.IndexDefinition definition = CatalogText.parseIndex(index.getDefinition());
      indexes.add(new Index(index.getName(), definition.elements(), index.isUnique(), definition.where(),
          definition.method(), null));
    }
    List<Trigger> triggers = new ArrayList<>();
    for (schemacrawler.schema.Trigger trigger : table.getTriggers()) {
      List<TriggerEvent> events = trigger.getEventManipulationTypes().stream()
          .map(e -> TriggerEvent.valueOf(e.name().toUpperCase(Locale.ROOT))).toList();
      triggers.add(new Trigger(trigger.getName(), timing(trigger.getConditionTiming()), events,
          trigger.getActionOrientation().name().equalsIgnoreCase("row") ? TriggerLevel.ROW : TriggerLevel.STATEMENT,
          CatalogText.triggerFunction(trigger.getActionStatement()), null));
    }
    String policies = attribute(table, "SCHEMAKIT_POLICIES");
    RowLevelSecurity rls = new RowLevelSecurity(
        Boolean.parseBoolean(attribute(table, "SCHEMAKIT_ROW_SECURITY")),
        Boolean.parseBoolean(attribute(table, "SCHEMAKIT_FORCE_ROW_SECURITY")),
        policies == null ? List.of() : Arrays.stream(policies.split(",")).map(name -> Policy.named(name, null))
            .toList(), null);
    return Snapshots.table(table.getName(), columns, primaryKey, foreignKeys, indexes, uniques, checks, triggers,
        rls, remarks(table));
  }

  /** PostgreSQL's information_schema lists NOT NULL columns as checks named ..._not_null. */
  private static boolean isSyntheticNotNull(TableConstraint constraint) {
    String definition = constraint.getDefinition() == null ? "" : constraint.getDefinition().trim();
    return constraint.getName().endsWith("_not_null") && definition.toUpperCase(Locale.ROOT).endsWith("IS NOT NULL");
  }

  private static List<String> constrained(TableConstraint constraint) {
    return constraint.getConstrainedColumns().stream()
        .sorted(Comparator.comparingInt(TableConstraintColumn::getTableConstraintOrdinalPosition))
        .map(TableConstraintColumn::getName).toList();
  }

  static ReferentialAction action(ForeignKeyUpdateRule rule) {
    return switch (rule) {
      case cascade -> ReferentialAction.CASCADE;
      case restrict -> ReferentialAction.RESTRICT;
      case setNull -> ReferentialAction.SET_NULL;
      case setDefault -> ReferentialAction.SET_DEFAULT;
      default -> ReferentialAction.NO_ACTION;
    };
  }

  private static TriggerTiming timing(ConditionTimingType timing) {
    return switch (timing) {
      case before -> TriggerTiming.BEFORE;
      case instead_of -> TriggerTiming.INSTEAD_OF;
      default -> TriggerTiming.AFTER;
    };
  }

  private static String remarks(schemacrawler.schema.DescribedObject object) {
    return object.hasRemarks() ? object.getRemarks() : null;
  }

  /** Attributes keep the case the query gave its column labels, which differs between drivers. */
  private static String attribute(schemacrawler.schema.AttributedObject object, String name) {
    for (Map.Entry<String, Object> entry : object.getAttributes().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue() == null ? null : String.valueOf(entry.getValue());
      }
    }
    return null;
  }
}
