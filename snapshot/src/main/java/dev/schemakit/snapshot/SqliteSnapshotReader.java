package dev.schemakit.snapshot;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Schema;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.TableConstraintColumn;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;

/**
 * Snapshots a SQLite database through SchemaCrawler and its SQLite plugin, into the same model as
 * PostgreSQL, in schema {@code main}.
 *
 * <p>SQLite keeps a table's {@code CREATE} statement as written, and its ALTER is a rebuild (create a new
 * table, copy, drop, rename) that leaves such a statement behind too, so what is read is what SQLite
 * itself parses: columns, keys and foreign keys through SchemaCrawler (JDBC metadata and pragmas),
 * indexes, checks, views and trigger bodies from the stored statements. Normalisation:
 * <ul>
 *   <li>types are the declared ones, canonicalised like PostgreSQL's ({@code VARCHAR(64)} is {@code
 *       character varying(64)}, {@code INT} is {@code integer}); SQLite stores any value in any column
 *       (type affinity), so the declared type is what a contract holds steady;</li>
 *   <li>an {@code INTEGER PRIMARY KEY} (the rowid) is NOT NULL, which JDBC does not say;</li>
 *   <li>unnamed constraints get PostgreSQL's conventional names ({@code t_col_fkey}, {@code t_col_key},
 *       {@code t_check1}), so recorded contracts leave them out; {@code UNIQUE} column constraints are
 *       unique constraints, not indexes;</li>
 *   <li>a trigger's "function" is its body between {@code BEGIN} and {@code END}.</li>
 * </ul>
 * Not on SQLite: sequences, enum types, extensions, comments, row-level security, identity columns.
 */
final class SqliteSnapshotReader implements SnapshotReader {

  static final String SCHEMA = "main";

  private static final Pattern CREATE_INDEX = Pattern.compile(
      "(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\\S+\\s+ON\\s+\\S+?\\s*\\(");
  private static final Pattern CHECK = Pattern.compile("(?is)(?:CONSTRAINT\\s+(\"?[\\w$]+\"?)\\s+)?CHECK\\s*\\(");
  private static final Pattern VIEW = Pattern.compile("(?is)^\\s*CREATE\\s+(?:TEMP\\w*\\s+)?VIEW\\s+"
      + "(?:IF\\s+NOT\\s+EXISTS\\s+)?\\S+(?:\\s*\\([^)]*\\))?\\s+AS\\s+(.*)$");
  private static final Pattern TRIGGER_BODY = Pattern.compile("(?is)\\bBEGIN\\b(.*)\\bEND\\s*;?\\s*$");

  static {
    SchemaCrawlerLogs.warningsOnly();
  }

  @Override
  public Catalog read(DataSource dataSource, List<String> schemas) {
    String url = null;
    Map<String, String> tableSql = new HashMap<>();
    Map<String, List<String[]>> indexSql = new HashMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      url = connection.getMetaData().getURL();
      try (ResultSet rs = statement.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master"
          + " WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "table", "view" -> tableSql.put(rs.getString(2), rs.getString(4));
            case "index" -> indexSql.computeIfAbsent(rs.getString(3), t -> new ArrayList<>())
                .add(new String[] {rs.getString(2), rs.getString(4)});
            default -> { }
          }
        }
      }
    } catch (SQLException e) {
      throw new SnapshotException("Reading the schema of " + CatalogText.safeUrl(url) + " failed: "
          + e.getMessage(), e);
    }
    if (!schemas.contains(SCHEMA)) {
      return new Catalog(List.of(), List.of());
    }
    String shownUrl = url;
    return SchemaCrawlerSnapshotReader.crawl(dataSource, shownUrl, source -> {
      schemacrawler.schema.Catalog crawled = SchemaCrawlerUtility.getCatalog(source, crawlOptions());
      List<Table> tables = new ArrayList<>();
      List<View> views = new ArrayList<>();
      for (schemacrawler.schema.Table table : crawled.getTables()) {
        String sql = tableSql.get(table.getName());
        if (table.getName().startsWith("sqlite_") || sql == null) {
          continue;
        }
        if (table.getTableType().isView()) {
          Matcher view = VIEW.matcher(sql);
          views.add(new View(table.getName(), false, table.getColumns().stream()
              .map(schemacrawler.schema.Column::getName).toList(),
              dev.schemakit.diff.SqlText.collapseWhitespace(view.matches() ? view.group(1).trim() : sql), null, null));
        } else {
          tables.add(table(table, sql, indexSql.getOrDefault(table.getName(), List.of())));
        }
      }
      Schema schema = new Schema(SCHEMA, Snapshots.sorted(tables, Table::name), Snapshots.sorted(views, View::name),
          List.of(), List.of(), false, null);
      return new Catalog(List.of(schema), List.of());
    });
  }

  private static SchemaCrawlerOptions crawlOptions() {
    return SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
        .withLimitOptions(LimitOptionsBuilder.builder().includeRoutines(Pattern.compile("^$")).toOptions())
        .withLoadOptions(LoadOptionsBuilder.builder().withSchemaInfoLevel(SchemaInfoLevelBuilder.builder()
            .withInfoLevel(schemacrawler.schemacrawler.InfoLevel.maximum)
            .setRetrieveRoutines(false)
            .setRetrieveDatabaseUsers(false)
            .setRetrieveTablePrivileges(false)
            .setRetrieveTableColumnPrivileges(false)
            .toOptions()).toOptions());
  }

  private static Table table(schemacrawler.schema.Table table, String sql, List<String[]> indexes) {
    String name = table.getName();
    List<String> keyColumns = table.hasPrimaryKey() ? constrained(table.getPrimaryKey()) : List.of();
    List<Column> columns = new ArrayList<>();
    for (schemacrawler.schema.Column column : table.getColumns()) {
      String type = SqlTypes.canonical(column.getColumnDataType().getDatabaseSpecificTypeName() + column.getWidth());
      // an INTEGER PRIMARY KEY is the rowid: never NULL, though JDBC calls it nullable
      boolean rowid = keyColumns.equals(List.of(column.getName())) && "integer".equals(type);
      columns.add(new Column(column.getName(), type, column.isNullable() && !rowid,
          column.getDefaultValue(), null, null, null, null));
    }
    PrimaryKey primaryKey = keyColumns.isEmpty() ? null : new PrimaryKey(name + "_pkey", keyColumns, null);
    List<ForeignKey> foreignKeys = new ArrayList<>();
    for (schemacrawler.schema.ForeignKey fk : table.getImportedForeignKeys()) {
      List<ColumnReference> references = fk.getColumnReferences().stream()
          .sorted(Comparator.comparingInt(ColumnReference::getKeySequence)).toList();
      List<String> from = references.stream().map(r -> r.getForeignKeyColumn().getName()).toList();
      foreignKeys.add(new ForeignKey(name + "_" + String.join("_", from) + "_fkey", from, SCHEMA,
          fk.getPrimaryKeyTable().getName(), references.stream().map(r -> r.getPrimaryKeyColumn().getName()).toList(),
          SchemaCrawlerSnapshotReader.action(fk.getDeleteRule()),
          SchemaCrawlerSnapshotReader.action(fk.getUpdateRule()), false, false, null));
    }
    List<UniqueConstraint> uniques = new ArrayList<>();
    for (schemacrawler.schema.Index index : table.getIndexes()) {
      if (index.getName().startsWith("sqlite_autoindex_") && index.isUnique()) {
        List<String> unique = index.getColumns().stream().map(schemacrawler.schema.Column::getName).toList();
        if (!unique.equals(keyColumns)) {
          uniques.add(new UniqueConstraint(name + "_" + String.join("_", unique) + "_key", unique, null));
        }
      }
    }
    List<Index> parsed = new ArrayList<>();
    for (String[] index : indexes) {
      parsed.add(index(index[0], index[1]));
    }
    List<Trigger> triggers = new ArrayList<>();
    for (schemacrawler.schema.Trigger trigger : table.getTriggers()) {
      String statement = trigger.getActionStatement();
      Matcher body = TRIGGER_BODY.matcher(statement);
      List<TriggerEvent> events = trigger.getEventManipulationTypes().stream()
          .map(e -> TriggerEvent.valueOf(e.name().toUpperCase(Locale.ROOT))).toList();
      TriggerTiming timing = switch (trigger.getConditionTiming()) {
        case before -> TriggerTiming.BEFORE;
        case instead_of -> TriggerTiming.INSTEAD_OF;
        default -> TriggerTiming.AFTER;
      };
      // SQLite has row triggers only (FOR EACH ROW is optional in its syntax)
      triggers.add(new Trigger(trigger.getName(), timing, events, TriggerLevel.ROW,
          dev.schemakit.diff.SqlText.collapseWhitespace(body.find() ? body.group(1).trim() : statement), null));
    }
    return Snapshots.table(name, columns, primaryKey, foreignKeys, parsed, uniques, checks(name, sql), triggers,
        RowLevelSecurity.disabled(), null);
  }

  /** {@code CREATE [UNIQUE] INDEX name ON t (elements) [WHERE predicate]}, as SQLite stores it. */
  static Index index(String name, String sql) {
    Matcher m = CREATE_INDEX.matcher(sql);
    if (!m.find()) {
      throw new SnapshotException("Reading index " + name + " failed: cannot parse its statement: " + sql, null);
    }
    int open = m.end() - 1;
    int close = CatalogText.matching(sql, open);
    List<String> elements = CatalogText.splitTopLevel(sql.substring(open + 1, close)).stream()
        .map(e -> e.replaceAll("(?i)\\s+ASC$", "").replace("\"", "")).toList();
    Matcher where = Pattern.compile("(?is)\\bWHERE\\b(.*)$").matcher(sql.substring(close + 1));
    return new Index(name, elements, m.group(1) != null, where.find() ? where.group(1).trim() : null, "btree", null);
  }

  /** The CHECK constraints in a CREATE TABLE statement, column and table constraints alike. */
  static List<Check> checks(String table, String sql) {
    List<Check> checks = new ArrayList<>();
    Matcher m = CHECK.matcher(sql);
    int from = 0;
    while (m.find(from)) {
      int open = m.end() - 1;
      int close = CatalogText.matching(sql, open);
      String constraintName = m.group(1) == null ? table + "_check" + (checks.size() + 1) : m.group(1).replace("\"", "");
      checks.add(new Check(constraintName, sql.substring(open + 1, close).trim(), null));
      from = close + 1;
    }
    return checks;
  }

  private static List<String> constrained(schemacrawler.schema.TableConstraint constraint) {
    return constraint.getConstrainedColumns().stream()
        .sorted(Comparator.comparingInt(TableConstraintColumn::getTableConstraintOrdinalPosition))
        .map(TableConstraintColumn::getName).toList();
  }
}
