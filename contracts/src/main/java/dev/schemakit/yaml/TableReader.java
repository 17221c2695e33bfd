package dev.schemakit.yaml;

import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Exclusion;
import dev.schemakit.model.Names;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Identity;
import dev.schemakit.model.Index;
import dev.schemakit.model.Origin;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.SoftDelete;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.TriggerLevel;
import dev.schemakit.model.TriggerTiming;
import dev.schemakit.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The table part of {@link ContractReader}: a table of a contract file with its columns, keys, foreign keys,
 * indexes, unique constraints, checks, triggers, row-level security, exclusions and soft delete, each problem
 * reported through the file's {@link YamlNodes}.
 */
final class TableReader {

  private final YamlNodes nodes;

  TableReader(YamlNodes nodes) {
    this.nodes = nodes;
  }

  Table table(String schemaName, String name, Node node) {
    Map<String, Node> map = nodes.mapping(node, "table " + name, ContractReader.TABLE_KEYS);
    if (map == null) {
      return null;
    }
    int before = nodes.problems.size();
    boolean strict = map.containsKey("strict") && Boolean.TRUE.equals(nodes.bool(map.get("strict"), "strict"));
    List<Column> columns = new ArrayList<>();
    nodes.namedMapping(map.get("columns"), "columns").forEach((columnName, columnNode) -> {
      Column column = column(schemaName, name, columnName, columnNode);
      if (column != null) {
        columns.add(column);
      }
    });
    PrimaryKey primaryKey = map.containsKey("primary_key") ? primaryKey(map.get("primary_key")) : null;
    List<ForeignKey> foreignKeys = nodes.list(map.get("foreign_keys"), "foreign_keys", n -> foreignKey(schemaName, n));
    List<Index> indexes = nodes.list(map.get("indexes"), "indexes", this::index);
    List<UniqueConstraint> uniques = nodes.list(map.get("unique"), "unique", this::unique);
    List<Check> checks = nodes.list(map.get("checks"), "checks", this::check);
    List<Trigger> triggers = nodes.list(map.get("triggers"), "triggers", this::trigger);
    RowLevelSecurity rls = map.containsKey("row_level_security") ? rls(map.get("row_level_security"), strict) : null;
    SoftDelete softDelete = map.containsKey("soft_delete") ? softDelete(map.get("soft_delete")) : null;
    String comment = map.containsKey("comment") ? nodes.string(map.get("comment"), "comment") : null;
    List<Exclusion> exclusions = nodes.list(map.get("exclusions"), "exclusions", this::exclusion);
    String partitionBy = nodes.optionalString(map, "partition_by");
    List<Partition> partitions = new ArrayList<>();
    nodes.namedMapping(map.get("partitions"), "partitions").forEach((partition, partitionNode) -> {
      Partition read = partition(partition, partitionNode);
      if (read != null) {
        partitions.add(read);
      }
    });
    if (!partitions.isEmpty() && partitionBy == null && strict) {
      nodes.problem(nodes.origin(map.get("partitions")), "table " + schemaName + "." + name + " lists partitions but no"
          + " partition_by. Add partition_by: \"RANGE (column)\" (or LIST, HASH), as the table was created.");
    }
    if (nodes.problems.size() > before) {
      return null;
    }
    if (strict) {
      // In a strict table an attribute left out means what SQL does when it is left out.
      columns.replaceAll(c -> c.nullable() == null ? c.withNullable(true) : c);
      foreignKeys.replaceAll(TableReader::withSqlDefaults);
      rls = rls == null ? RowLevelSecurity.disabled() : rls;
    }
    Table table = new Table(name, columns, primaryKey, foreignKeys, indexes, uniques, checks, triggers,
        rls, softDelete, comment, strict, nodes.origin(node), exclusions, partitionBy, partitions);
    checkColumnReferences(schemaName, table);
    return table;
  }

  /**
   * In a strict table, a key, index or rule that names a column the table does not list is a contract error (a
   * typo: the strict table lists every column). A partial table lists what it cares about; the columns its keys
   * and indexes name are checked against the database by the diff instead.
   */
  void checkColumnReferences(String schemaName, Table table) {
    if (!table.strict()) {
      return;
    }
    Set<String> listed = table.columns().stream().map(Column::name).collect(Collectors.toSet());
    String where = "table " + schemaName + "." + table.name();
    if (table.primaryKey() != null) {
      unlisted(listed, table.primaryKey().columns(), table.primaryKey().origin(), "primary key of " + where);
    }
    for (ForeignKey fk : table.foreignKeys()) {
      unlisted(listed, fk.columns(), fk.origin(), "foreign key of " + where);
    }
    for (Index index : table.indexes()) {
      unlisted(listed, index.elements().stream().filter(Index::isColumnName).toList(), index.origin(),
          "index " + (index.name() == null ? "" : index.name() + " ") + "of " + where);
    }
    for (UniqueConstraint unique : table.uniqueConstraints()) {
      unlisted(listed, unique.columns(), unique.origin(), "unique constraint of " + where);
    }
    if (table.softDelete() != null) {
      unlisted(listed, List.of(table.softDelete().column()), table.softDelete().origin(),
          "soft_delete of " + where);
    }
  }

  void unlisted(Set<String> listed, List<String> columns, Origin origin, String what) {
    for (String column : columns) {
      if (!listed.contains(column)) {
        nodes.problem(origin, what + " names column '" + column + "', which the table does not list under"
            + " columns." + Suggestions.didYouMean(column, listed)
            + " Add it to columns (an empty entry '" + column + ": {}' asserts only that it exists).");
      }
    }
  }

  Column column(String schemaName, String table, String name, Node node) {
    Origin origin = nodes.origin(node);
    if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
      return typedColumn(schemaName, table, name, scalar.getValue(), null, null, null, null, null, origin);
    }
    if (node instanceof ScalarNode) {
      return new Column(name, null, null, null, null, null, null, origin); // "name:" asserts existence
    }
    Map<String, Node> map = nodes.mapping(node, "column " + name, ContractReader.COLUMN_KEYS);
    if (map == null) {
      return null;
    }
    String type = map.containsKey("type") ? nodes.string(map.get("type"), "type") : null;
    Boolean nullable = map.containsKey("nullable") ? nodes.bool(map.get("nullable"), "nullable") : null;
    String defaultValue = map.containsKey("default") ? nodes.string(map.get("default"), "default") : null;
    Identity identity = map.containsKey("identity") ? identity(map.get("identity")) : null;
    String generated = map.containsKey("generated") ? nodes.string(map.get("generated"), "generated") : null;
    String comment = map.containsKey("comment") ? nodes.string(map.get("comment"), "comment") : null;
    return typedColumn(schemaName, table, name, type, nullable, defaultValue, identity, generated, comment, origin);
  }

  static Column typedColumn(String schemaName, String table, String name, String type,
      Boolean nullable, String defaultValue, Identity identity, String generated, String comment,
      Origin origin) {
    if (SqlTypes.isSerial(type)) {
      // serial = integer NOT NULL + a sequence PostgreSQL names <table>_<column>_seq
      String sequence = ("public".equals(schemaName) ? "" : schemaName + ".") + table + "_" + name + "_seq";
      defaultValue = defaultValue == null ? "nextval('" + sequence + "'::regclass)" : defaultValue;
      nullable = nullable == null ? Boolean.FALSE : nullable;
    }
    return new Column(name, SqlTypes.canonical(type), nullable, defaultValue, identity, generated, comment, origin);
  }

  Identity identity(Node node) {
    String value = nodes.string(node, "identity");
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Identity.ANY;
      case "always" -> Identity.ALWAYS;
      case "by_default", "by default" -> Identity.BY_DEFAULT;
      default -> {
        nodes.problem(nodes.origin(node), "identity must be one of always, by_default or true (either kind),"
            + " but was '" + value + "'." + Suggestions.didYouMean(value, List.of("always", "by_default", "true")));
        yield null;
      }
    };
  }

  PrimaryKey primaryKey(Node node) {
    if (node instanceof SequenceNode || node instanceof ScalarNode) {
      List<String> columns = nodes.stringList(node, "primary_key");
      return columns == null || columns.isEmpty() ? nodes.emptyColumns(node, "primary_key")
          : new PrimaryKey(null, columns, nodes.origin(node));
    }
    Map<String, Node> map = nodes.mapping(node, "primary_key", ContractReader.PRIMARY_KEY_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = nodes.required(map, node, "columns", "primary_key");
    return columns == null ? null : new PrimaryKey(nodes.optionalString(map, "name"), columns, nodes.origin(node));
  }

  ForeignKey foreignKey(String schemaName, Node node) {
    Map<String, Node> map = nodes.mapping(node, "foreign key", ContractReader.FOREIGN_KEY_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = nodes.required(map, node, "columns", "foreign key");
    if (!map.containsKey("references")) {
      nodes.problem(nodes.origin(node), "foreign key needs 'references: table(column, ...)', but it has none.");
      return null;
    }
    String reference = nodes.string(map.get("references"), "references");
    ReferentialAction onDelete = action(map.get("on_delete"), "on_delete");
    ReferentialAction onUpdate = action(map.get("on_update"), "on_update");
    if (columns == null || reference == null) {
      return null;
    }
    Matcher m = ContractReader.REFERENCE.matcher(reference);
    if (!m.matches()) {
      nodes.problem(nodes.origin(map.get("references")), "references must look like 'table(column, ...)' or"
          + " 'schema.table(column, ...)', but was '" + reference + "'.");
      return null;
    }
    List<String> referencedColumns = ContractReader.referenceNames(m.group("columns"));
    if (referencedColumns.size() != columns.size()) {
      nodes.problem(nodes.origin(map.get("references")), "foreign key has " + columns.size() + " column(s) "
          + columns + " but references " + referencedColumns.size() + " " + referencedColumns
          + ". List one referenced column for each referencing column.");
      return null;
    }
    String referencedSchema = m.group("schema") == null ? schemaName : Names.unquote(m.group("schema"));
    return new ForeignKey(nodes.optionalString(map, "name"), columns, referencedSchema, Names.unquote(m.group("table")),
        referencedColumns, onDelete, onUpdate,
        map.containsKey("deferrable") ? nodes.bool(map.get("deferrable"), "deferrable") : null,
        map.containsKey("initially_deferred") ? nodes.bool(map.get("initially_deferred"), "initially_deferred") : null,
        nodes.origin(node));
  }

  ReferentialAction action(Node node, String key) {
    if (node == null) {
      return null;
    }
    String value = nodes.string(node, key);
    if (value == null) {
      return null;
    }
    String normalised = value.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    for (ReferentialAction action : ReferentialAction.values()) {
      if (action.keyword().equals(normalised)) {
        return action;
      }
    }
    List<String> allowed = Arrays.stream(ReferentialAction.values()).map(ReferentialAction::keyword).toList();
    nodes.problem(nodes.origin(node), key + " must be one of " + String.join(", ", allowed) + ", but was '" + value
        + "'." + Suggestions.didYouMean(normalised, allowed));
    return null;
  }

  Index index(Node node) {
    Map<String, Node> map = nodes.mapping(node, "index", ContractReader.INDEX_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = nodes.required(map, node, "columns", "index");
    if (columns == null) {
      return null;
    }
    boolean unique = map.containsKey("unique") && Boolean.TRUE.equals(nodes.bool(map.get("unique"), "unique"));
    String method = map.containsKey("method") ? nodes.string(map.get("method"), "method") : "btree";
    return new Index(nodes.optionalString(map, "name"), columns, unique, nodes.optionalString(map, "where"),
        method == null ? "btree" : method.toLowerCase(Locale.ROOT), nodes.origin(node));
  }

  UniqueConstraint unique(Node node) {
    if (node instanceof SequenceNode) {
      List<String> columns = nodes.stringList(node, "unique");
      return columns == null || columns.isEmpty() ? nodes.emptyColumns(node, "unique")
          : new UniqueConstraint(null, columns, nodes.origin(node));
    }
    Map<String, Node> map = nodes.mapping(node, "unique constraint", ContractReader.UNIQUE_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = nodes.required(map, node, "columns", "unique constraint");
    return columns == null ? null : new UniqueConstraint(nodes.optionalString(map, "name"), columns, nodes.origin(node));
  }

  Check check(Node node) {
    Map<String, Node> map = nodes.mapping(node, "check", ContractReader.CHECK_KEYS);
    if (map == null) {
      return null;
    }
    if (!map.containsKey("expression")) {
      nodes.problem(nodes.origin(node), "check needs 'expression: <boolean SQL expression>', but it has none.");
      return null;
    }
    String expression = nodes.string(map.get("expression"), "expression");
    return expression == null ? null : new Check(nodes.optionalString(map, "name"), expression, nodes.origin(node));
  }

  Trigger trigger(Node node) {
    Map<String, Node> map = nodes.mapping(node, "trigger", ContractReader.TRIGGER_KEYS);
    if (map == null) {
      return null;
    }
    int before = nodes.problems.size();
    for (String key : List.of("name", "timing", "events", "function")) {
      if (!map.containsKey(key)) {
        nodes.problem(nodes.origin(node), "trigger needs '" + key + "', but it has none. A trigger is written"
            + " { name: ..., timing: before|after|instead_of, events: [insert, update, delete], function: f() }.");
      }
    }
    if (nodes.problems.size() > before) {
      return null;
    }
    TriggerTiming timing = nodes.keyword(map.get("timing"), "timing", TriggerTiming.class);
    TriggerLevel level = map.containsKey("level") ? nodes.keyword(map.get("level"), "level", TriggerLevel.class) : TriggerLevel.ROW;
    List<TriggerEvent> events = new ArrayList<>();
    List<String> eventNames = nodes.stringList(map.get("events"), "events");
    if (eventNames != null) {
      for (String event : eventNames) {
        TriggerEvent parsed = nodes.keywordValue(map.get("events"), "events", event, TriggerEvent.class);
        if (parsed != null) {
          events.add(parsed);
        }
      }
    }
    String name = nodes.string(map.get("name"), "name");
    String function = nodes.string(map.get("function"), "function");
    if (nodes.problems.size() > before || name == null || function == null || timing == null || level == null) {
      return null;
    }
    if (events.isEmpty()) {
      return nodes.emptyColumns(map.get("events"), "events");
    }
    return new Trigger(name, timing, events, level, function.endsWith(")") ? function : function + "()", nodes.origin(node));
  }

  RowLevelSecurity rls(Node node, boolean strictTable) {
    Map<String, Node> map = nodes.mapping(node, "row_level_security", ContractReader.RLS_KEYS);
    if (map == null) {
      return null;
    }
    boolean enabled = !map.containsKey("enabled") || Boolean.TRUE.equals(nodes.bool(map.get("enabled"), "enabled"));
    boolean forced = map.containsKey("forced") && Boolean.TRUE.equals(nodes.bool(map.get("forced"), "forced"));
    List<Policy> policies = nodes.list(map.get("policies"), "policies", policy -> policy(policy, strictTable));
    return new RowLevelSecurity(enabled, forced, policies, nodes.origin(node));
  }

  /**
   * A policy: its name alone (it exists), or a mapping of what the contract asserts about it; in a strict table a
   * mapping asserts the whole policy, what it leaves out being what PostgreSQL assumes (command all, permissive, to
   * public, no USING, no WITH CHECK).
   */
  Policy policy(Node node, boolean strictTable) {
    if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
      return Policy.named(scalar.getValue(), nodes.origin(node));
    }
    Map<String, Node> map = nodes.mapping(node, "policy", ContractReader.POLICY_KEYS);
    if (map == null) {
      return null;
    }
    String name = map.containsKey("name") ? nodes.string(map.get("name"), "name") : null;
    if (name == null) {
      nodes.problem(nodes.origin(node), "policy needs 'name', but it has none. Write { name: tenant_rows, using: \"...\" }.");
      return null;
    }
    String command = nodes.optionalString(map, "command");
    if (command != null && !ContractReader.POLICY_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
      nodes.problem(nodes.origin(map.get("command")), "command must be one of all, select, insert, update, delete, but was '"
          + command + "'." + Suggestions.didYouMean(command, ContractReader.POLICY_COMMANDS));
      return null;
    }
    Boolean permissive = map.containsKey("permissive") ? nodes.bool(map.get("permissive"), "permissive") : null;
    List<String> roles = map.containsKey("roles") ? nodes.stringList(map.get("roles"), "roles") : null;
    if (strictTable) {
      command = command == null ? "all" : command;
      permissive = permissive == null ? Boolean.TRUE : permissive;
      roles = roles == null ? List.of("public") : roles;
    }
    return new Policy(name, command == null ? null : command.toLowerCase(java.util.Locale.ROOT), permissive, roles,
        nodes.optionalString(map, "using"), nodes.optionalString(map, "with_check"), nodes.origin(node));
  }

  Exclusion exclusion(Node node) {
    Map<String, Node> map = nodes.mapping(node, "exclusion", ContractReader.EXCLUSION_KEYS);
    if (map == null) {
      return null;
    }
    String definition = nodes.optionalString(map, "definition");
    if (definition == null) {
      nodes.problem(nodes.origin(node), "exclusion needs 'definition', e.g. { name: no_overlap, definition: \"EXCLUDE USING gist"
          + " (room WITH =, during WITH &&)\" }, but it has none.");
      return null;
    }
    return new Exclusion(nodes.optionalString(map, "name"), definition, nodes.origin(node));
  }

  SoftDelete softDelete(Node node) {
    if (node instanceof ScalarNode scalar) {
      return new SoftDelete(scalar.getValue(), null, true, nodes.origin(node));
    }
    Map<String, Node> map = nodes.mapping(node, "soft_delete", ContractReader.SOFT_DELETE_KEYS);
    if (map == null) {
      return null;
    }
    if (!map.containsKey("column")) {
      nodes.problem(nodes.origin(node), "soft_delete needs 'column', but it has none. Write soft_delete: deleted_at,"
          + " or { column: is_deleted, kind: flag }.");
      return null;
    }
    String column = nodes.string(map.get("column"), "column");
    SoftDeleteKind kind = map.containsKey("kind") ? nodes.keyword(map.get("kind"), "kind", SoftDeleteKind.class) : null;
    boolean uniqueExcludesDeleted = !map.containsKey("unique_excludes_deleted")
        || Boolean.TRUE.equals(nodes.bool(map.get("unique_excludes_deleted"), "unique_excludes_deleted"));
    return column == null ? null : new SoftDelete(column, kind, uniqueExcludesDeleted, nodes.origin(node));
  }

  /** A partition: its bound ({@code "FOR VALUES FROM (...) TO (...)"}), or {@code {}} to assert only that it is one. */
  private Partition partition(String name, Node node) {
    if (node instanceof MappingNode mapping && mapping.getValue().isEmpty()) {
      return new Partition(name, null, nodes.origin(node));
    }
    String bound = nodes.string(node, "bound of partition " + name);
    return bound == null ? null : new Partition(name, bound.isBlank() ? null : bound, nodes.origin(node));
  }

  private static ForeignKey withSqlDefaults(ForeignKey fk) {
    return new ForeignKey(fk.name(), fk.columns(), fk.referencedSchema(), fk.referencedTable(),
        fk.referencedColumns(),
        fk.onDelete() == null ? ReferentialAction.NO_ACTION : fk.onDelete(),
        fk.onUpdate() == null ? ReferentialAction.NO_ACTION : fk.onUpdate(),
        fk.deferrable() == null ? Boolean.FALSE : fk.deferrable(),
        fk.initiallyDeferred() == null ? Boolean.FALSE : fk.initiallyDeferred(),
        fk.origin());
  }
}
