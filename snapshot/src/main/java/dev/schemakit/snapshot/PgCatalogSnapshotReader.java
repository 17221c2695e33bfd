package dev.schemakit.snapshot;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Domain;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Exclusion;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.Routine;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerLevel;
import dev.schemakit.model.TriggerTiming;
import dev.schemakit.model.UniqueConstraint;
import dev.schemakit.model.View;
import dev.schemakit.diff.SqlText;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The PostgreSQL snapshot reader: twelve set-based queries over {@code pg_catalog}, whatever the
 * number of tables (no per-table round trips). It sees what JDBC metadata flattens: foreign-key
 * actions and deferrability, partial-index predicates and access methods, enum label order,
 * identity kinds, generated columns, triggers, row-level security and policies in full, exclusion
 * constraints, partitioning and partitions, functions and procedures (with a hash of the body), domains,
 * and sequences' start, cache and owner.
 */
final class PgCatalogSnapshotReader implements SnapshotReader {

  private static final String RELATIONS = """
      SELECT c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
             ds.description AS comment,
             CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS definition,
             CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
             CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
             (SELECT i.inhparent FROM pg_inherits i WHERE c.relispartition AND i.inhrelid = c.oid) AS parent
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
       WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm')
      """;

  private static final String COLUMNS = """
      SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
             pg_get_expr(d.adbin, d.adrelid) AS expression, a.attidentity, a.attgenerated,
             ds.description AS comment
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_description ds
               ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
       WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attrelid, a.attnum
      """;

  private static final String CONSTRAINTS = """
      SELECT con.conrelid, con.conname, con.contype,
             -- deparsing costs: only checks and exclusions are read from their definition, keys from their columns
             CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid) END AS definition,
             -- the key's column numbers: the table's own columns are read already, so names are looked up here
             CASE WHEN con.contype IN ('p', 'u', 'f') THEN con.conkey END AS columns,
             fn.nspname AS ref_schema, fc.relname AS ref_table,
             CASE WHEN con.contype = 'f' THEN
               ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                       JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                      ORDER BY k.ord) END AS ref_columns,
             con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid
        LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
       WHERE n.nspname = ANY (?) AND con.contype IN ('p', 'f', 'u', 'c', 'x')
      """;

  private static final String INDEXES = """
      SELECT i.indrelid, ic.relname, i.indisunique, pg_get_indexdef(i.indexrelid) AS definition
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                          WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
      """;

  private static final String TRIGGERS = """
      SELECT t.tgrelid, t.tgname, t.tgtype, pg_get_triggerdef(t.oid) AS definition
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?) AND NOT t.tgisinternal
      """;

  private static final String POLICIES = """
      SELECT p.polrelid, p.polname, p.polcmd, p.polpermissive,
             ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END FROM unnest(p.polroles) r
                    ORDER BY 1) AS roles,
             pg_get_expr(p.polqual, p.polrelid) AS using_expression,
             pg_get_expr(p.polwithcheck, p.polrelid) AS check_expression
        FROM pg_policy p
        JOIN pg_class c ON c.oid = p.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?)
      """;

  private static final String ENUMS = """
      SELECT n.nspname, t.typname, e.enumlabel
        FROM pg_enum e
        JOIN pg_type t ON t.oid = e.enumtypid
        JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = ANY (?)
       ORDER BY n.nspname, t.typname, e.enumsortorder
      """;

  private static final String SEQUENCES = """
      SELECT n.nspname, c.relname, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, s.seqstart, s.seqcache,
             (SELECT CASE WHEN tn.nspname = n.nspname THEN '' ELSE tn.nspname || '.' END || tc.relname || '.' || a.attname
                FROM pg_depend d
                JOIN pg_class tc ON tc.oid = d.refobjid
                JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
               WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype = 'a'
                 AND d.refclassid = 'pg_class'::regclass
               LIMIT 1) AS owned_by
        FROM pg_sequence s
        JOIN pg_class c ON c.oid = s.seqrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ANY (?)
         -- an identity column's sequence is part of the column, not a schema object of its own
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.deptype = 'i')
      """;

  /** Functions and procedures, not those of extensions; aggregates and window functions are left out. */
  private static final String ROUTINES = """
      SELECT n.nspname, p.proname || '(' || oidvectortypes(p.proargtypes) || ')' AS signature, p.prokind,
             CASE WHEN p.prokind = 'p' THEN NULL ELSE pg_get_function_result(p.oid) END AS returns,
             l.lanname, p.provolatile, p.prosecdef,
             CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid) ELSE p.prosrc END AS body
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
       WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
      """;

  private static final String DOMAINS = """
      SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) AS type, t.typnotnull, t.typdefault,
             ARRAY(SELECT c.conname FROM pg_constraint c
                    WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_names,
             ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                    WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname) AS check_definitions
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = ANY (?) AND t.typtype = 'd'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
      """;

  private static final String SCHEMAS = "SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)";

  private static final String EXTENSIONS =
      "SELECT extname, extversion FROM pg_extension WHERE extname <> 'plpgsql'";

  @Override
  public Catalog read(DataSource dataSource, List<String> schemas) {
    String url = null;
    try (Connection connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
      return read(connection, schemas);
    } catch (SQLException e) {
      throw new SnapshotException("Reading the schema of " + CatalogText.safeUrl(url) + " from pg_catalog failed: "
          + e.getMessage(), e);
    }
  }


  /**
   * Reads with the session's time zone at UTC, so that what the server prints of {@code timestamptz} values
   * (partition bounds, constants in defaults) is the same on every machine; the zone is set back after.
   */
  Catalog read(Connection connection, List<String> schemaNames) throws SQLException {
    String zone;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('TimeZone'), set_config('TimeZone', 'UTC', false)")) {
      rs.next();
      zone = rs.getString(1);
    }
    try {
      return readInUtc(connection, schemaNames);
    } finally {
      try (PreparedStatement restore = connection.prepareStatement("SELECT set_config('TimeZone', ?, false)")) {
        restore.setString(1, zone);
        restore.execute();
      }
    }
  }

  private Catalog readInUtc(Connection connection, List<String> schemaNames) throws SQLException {
    Array names = connection.createArrayOf("text", schemaNames.toArray());
    Map<Long, Relation> relations = new LinkedHashMap<>();
    Map<String, SchemaParts> schemas = new TreeMap<>();
    query(connection, SCHEMAS, names, rs -> schemas.put(rs.getString(1), new SchemaParts()));

    query(connection, RELATIONS, names, rs -> relations.put(rs.getLong("oid"), new Relation(
        rs.getString("nspname"), rs.getString("relname"), rs.getString("relkind"),
        rs.getBoolean("relrowsecurity"), rs.getBoolean("relforcerowsecurity"),
        rs.getString("comment"), rs.getString("definition"), rs.getString("partition_key"),
        rs.getString("partition_bound"), rs.getObject("parent") == null ? null : rs.getLong("parent"))));

    query(connection, COLUMNS, names, rs -> {
      Relation relation = relations.get(rs.getLong("attrelid"));
      if (relation == null) {
        return;
      }
      String expression = rs.getString("expression");
      boolean generated = "s".equals(rs.getString("attgenerated"));
      relation.columnNumbers.put(rs.getInt("attnum"), rs.getString("attname"));
      relation.columns.add(new Column(rs.getString("attname"), SqlTypes.canonical(rs.getString("type")),
          !rs.getBoolean("attnotnull"), generated ? null : expression, CatalogCodes.identity(rs.getString("attidentity")),
          generated ? expression : null, rs.getString("comment"), null));
    });

    query(connection, CONSTRAINTS, names, rs -> {
      Relation relation = relations.get(rs.getLong("conrelid"));
      if (relation == null) {
        return;
      }
      String name = rs.getString("conname");
      List<String> columns = relation.columnNames(rs.getArray("columns"));
      switch (rs.getString("contype")) {
        case "p" -> relation.primaryKey = new PrimaryKey(name, columns, null);
        case "u" -> relation.uniques.add(new UniqueConstraint(name, columns, null));
        case "c" -> relation.checks.add(new Check(name, CatalogText.checkExpression(rs.getString("definition")), null));
        case "f" -> relation.foreignKeys.add(new ForeignKey(name, columns, rs.getString("ref_schema"),
            rs.getString("ref_table"), CatalogCodes.strings(rs.getArray("ref_columns")), CatalogCodes.action(rs.getString("confdeltype")),
            CatalogCodes.action(rs.getString("confupdtype")), rs.getBoolean("condeferrable"), rs.getBoolean("condeferred"), null));
        case "x" -> relation.exclusions.add(new Exclusion(name, rs.getString("definition"), null));
        default -> { }
      }
    });

    query(connection, INDEXES, names, rs -> {
      Relation relation = relations.get(rs.getLong("indrelid"));
      if (relation == null) {
        return;
      }
      CatalogText.IndexDefinition definition = CatalogText.parseIndex(rs.getString("definition"));
      relation.indexes.add(new Index(rs.getString("relname"), definition.elements(), rs.getBoolean("indisunique"),
          definition.where(), definition.method(), null));
    });

    query(connection, TRIGGERS, names, rs -> {
      Relation relation = relations.get(rs.getLong("tgrelid"));
      if (relation == null) {
        return;
      }
      int type = rs.getInt("tgtype");
      TriggerTiming timing = (type & 64) != 0 ? TriggerTiming.INSTEAD_OF
          : (type & 2) != 0 ? TriggerTiming.BEFORE : TriggerTiming.AFTER;
      relation.triggers.add(new Trigger(rs.getString("tgname"), timing, CatalogText.triggerEvents(type),
          (type & 1) != 0 ? TriggerLevel.ROW : TriggerLevel.STATEMENT,
          CatalogText.triggerFunction(rs.getString("definition")), null));
    });

    query(connection, POLICIES, names, rs -> {
      Relation relation = relations.get(rs.getLong("polrelid"));
      if (relation != null) {
        relation.policies.add(new Policy(rs.getString("polname"), CatalogCodes.command(rs.getString("polcmd")),
            rs.getBoolean("polpermissive"), CatalogCodes.strings(rs.getArray("roles")), rs.getString("using_expression"),
            rs.getString("check_expression"), null));
      }
    });

    Map<String, Map<String, List<String>>> enumLabels = new HashMap<>();
    query(connection, ENUMS, names, rs -> enumLabels
        .computeIfAbsent(rs.getString("nspname"), k -> new TreeMap<>())
        .computeIfAbsent(rs.getString("typname"), k -> new ArrayList<>())
        .add(rs.getString("enumlabel")));
    enumLabels.forEach((schema, types) -> types.forEach((type, labels) ->
        schemas.get(schema).enums.add(new EnumType(type, labels, null))));

    query(connection, SEQUENCES, names, rs -> schemas.get(rs.getString("nspname")).sequences.add(new Sequence(
        rs.getString("relname"), rs.getLong("seqincrement"), rs.getLong("seqmin"), rs.getLong("seqmax"),
        rs.getBoolean("seqcycle"), null, rs.getLong("seqstart"), rs.getLong("seqcache"),
        rs.getString("owned_by") == null ? "none" : rs.getString("owned_by"))));

    query(connection, ROUTINES, names, rs -> schemas.get(rs.getString("nspname")).routines.add(new Routine(
        rs.getString("signature"), "p".equals(rs.getString("prokind")) ? "procedure" : "function",
        rs.getString("returns"), rs.getString("lanname"), CatalogCodes.volatility(rs.getString("provolatile")),
        rs.getBoolean("prosecdef"), Routine.bodyHash(rs.getString("body"), rs.getString("lanname")), rs.getString("body"), null)));

    query(connection, DOMAINS, names, rs -> {
      List<String> checkNames = CatalogCodes.strings(rs.getArray("check_names"));
      List<String> definitions = CatalogCodes.strings(rs.getArray("check_definitions"));
      List<Check> checks = new ArrayList<>();
      for (int i = 0; i < checkNames.size(); i++) {
        checks.add(new Check(checkNames.get(i), CatalogText.checkExpression(definitions.get(i)), null));
      }
      schemas.get(rs.getString("nspname")).domains.add(new Domain(rs.getString("typname"),
          SqlTypes.canonical(rs.getString("type")), !rs.getBoolean("typnotnull"), rs.getString("typdefault"), checks,
          null));
    });

    List<Extension> extensions = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(EXTENSIONS);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        extensions.add(new Extension(rs.getString(1), rs.getString(2), null));
      }
    }

    // a partition is listed under its parent (its columns, keys and indexes are the parent's), not as a table
    for (Relation relation : relations.values()) {
      Relation parent = relation.parent == null ? null : relations.get(relation.parent);
      if (parent != null) {
        parent.partitions.add(new Partition(parent.schema.equals(relation.schema) ? relation.name
            : relation.schema + "." + relation.name, relation.partitionBound, null));
      }
    }
    for (Relation relation : relations.values()) {
      SchemaParts parts = schemas.get(relation.schema);
      if (relation.parent != null && relations.containsKey(relation.parent)) {
        continue;
      }
      if (relation.kind.equals("v") || relation.kind.equals("m")) {
        parts.views.add(new View(relation.name, relation.kind.equals("m"),
            relation.columns.stream().map(Column::name).toList(),
            SqlText.collapseWhitespace(relation.definition), relation.comment, null));
      } else {
        parts.tables.add(relation.toTable());
      }
    }
    List<Schema> result = new ArrayList<>();
    schemas.forEach((name, parts) -> result.add(parts.toSchema(name)));
    extensions.sort(Comparator.comparing(Extension::name));
    return new Catalog(result, extensions);
  }

  private interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  private static void query(Connection connection, String sql, Array names, RowConsumer consumer)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, names);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          consumer.accept(rs);
        }
      }
    }
  }

  /** A table or view while its parts are being collected. */
  private static final class Relation {
    final String schema;
    final String name;
    final String kind;
    final boolean rowSecurity;
    final boolean forceRowSecurity;
    final String comment;
    final String definition;
    final List<Column> columns = new ArrayList<>();
    final Map<Integer, String> columnNumbers = new HashMap<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<UniqueConstraint> uniques = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();
    final List<Trigger> triggers = new ArrayList<>();
    final List<Policy> policies = new ArrayList<>();
    final List<Exclusion> exclusions = new ArrayList<>();
    final List<Partition> partitions = new ArrayList<>();
    final String partitionKey;
    final String partitionBound;
    final Long parent;
    PrimaryKey primaryKey;

    /** The names of columns given by number ({@code conkey}), in the array's order. */
    List<String> columnNames(Array numbers) throws SQLException {
      if (numbers == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (Object number : (Object[]) numbers.getArray()) {
        String column = columnNumbers.get(((Number) number).intValue());
        if (column == null) {
          throw new SQLException("constraint of " + schema + "." + name + " names column number " + number
              + ", which the table does not have");
        }
        names.add(column);
      }
      return names;
    }

    Relation(String schema, String name, String kind, boolean rowSecurity, boolean forceRowSecurity,
        String comment, String definition, String partitionKey, String partitionBound, Long parent) {
      this.partitionKey = partitionKey;
      this.partitionBound = partitionBound;
      this.parent = parent;
      this.schema = schema;
      this.name = name;
      this.kind = kind;
      this.rowSecurity = rowSecurity;
      this.forceRowSecurity = forceRowSecurity;
      this.comment = comment;
      this.definition = definition;
    }

    Table toTable() {
      return Snapshots.table(name, columns, primaryKey, foreignKeys, indexes, uniques, checks, triggers,
          new RowLevelSecurity(rowSecurity, forceRowSecurity, policies, null), comment)
          .withExclusions(Snapshots.sorted(exclusions, Exclusion::name))
          .withPartitioning(partitionKey, Snapshots.sorted(partitions, Partition::name));
    }
  }

  /** A schema's objects while they are being collected. */
  static final class SchemaParts {
    final List<Table> tables = new ArrayList<>();
    final List<View> views = new ArrayList<>();
    final List<EnumType> enums = new ArrayList<>();
    final List<Sequence> sequences = new ArrayList<>();
    final List<Routine> routines = new ArrayList<>();
    final List<Domain> domains = new ArrayList<>();

    Schema toSchema(String name) {
      return new Schema(name, Snapshots.sorted(tables, Table::name), Snapshots.sorted(views, View::name),
          Snapshots.sorted(enums, EnumType::name), Snapshots.sorted(sequences, Sequence::name), false, null,
          Snapshots.sorted(routines, Routine::signature), Snapshots.sorted(domains, Domain::name));
    }
  }
}
