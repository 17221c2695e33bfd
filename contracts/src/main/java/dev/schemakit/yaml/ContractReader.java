package dev.schemakit.yaml;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Check;
import dev.schemakit.model.Column;
import dev.schemakit.model.Domain;
import dev.schemakit.model.Exclusion;
import dev.schemakit.model.Partition;
import dev.schemakit.model.Policy;
import dev.schemakit.model.Routine;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Identity;
import dev.schemakit.model.Index;
import dev.schemakit.model.Origin;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.ReferentialAction;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SoftDelete;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.TriggerLevel;
import dev.schemakit.model.TriggerTiming;
import dev.schemakit.model.UniqueConstraint;
import dev.schemakit.model.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads YAML contracts into the {@link Catalog} model.
 *
 * <p>A directory of {@code *.yaml} / {@code *.yml} files is one contract: each file names its
 * schema ({@code public} by default) and any number of tables, views, enum types, sequences and
 * extensions; the files are merged. The format is specified in the project README.
 *
 * <pre>{@code
 * Catalog expected = ContractReader.readDirectory(Path.of("contracts"));
 * }</pre>
 *
 * <p>Every problem in every file is collected and thrown together as one {@link
 * ContractException}; each names the file, line and column, what was expected and what was found.
 */
public final class ContractReader {

  static final Set<String> FILE_KEYS =
      keys("schema", "strict", "tables", "views", "enums", "sequences", "extensions", "functions", "domains");
  static final Set<String> TABLE_KEYS = keys("strict", "comment", "columns", "primary_key",
      "foreign_keys", "indexes", "unique", "checks", "triggers", "row_level_security", "soft_delete", "exclusions",
      "partition_by", "partitions");
  static final Set<String> COLUMN_KEYS =
      keys("type", "nullable", "default", "identity", "generated", "comment");
  static final Set<String> PRIMARY_KEY_KEYS = keys("name", "columns");
  static final Set<String> FOREIGN_KEY_KEYS = keys("name", "columns", "references", "on_delete",
      "on_update", "deferrable", "initially_deferred");
  static final Set<String> INDEX_KEYS = keys("name", "columns", "unique", "where", "method");
  static final Set<String> UNIQUE_KEYS = keys("name", "columns");
  static final Set<String> CHECK_KEYS = keys("name", "expression");
  static final Set<String> TRIGGER_KEYS = keys("name", "timing", "events", "level", "function");
  static final Set<String> RLS_KEYS = keys("enabled", "forced", "policies");
  static final Set<String> POLICY_KEYS = keys("name", "command", "permissive", "roles", "using", "with_check");
  static final Set<String> POLICY_COMMANDS = Set.of("all", "select", "insert", "update", "delete");
  static final Set<String> FUNCTION_KEYS = keys("kind", "returns", "language", "volatility", "security_definer",
      "body_sha256", "body");
  static final Set<String> DOMAIN_KEYS = keys("type", "nullable", "default", "checks");
  static final Set<String> EXCLUSION_KEYS = keys("name", "definition");
  static final Set<String> SOFT_DELETE_KEYS = keys("column", "kind", "unique_excludes_deleted");
  static final Set<String> VIEW_KEYS = keys("columns", "definition", "materialized", "comment");
  static final Set<String> SEQUENCE_KEYS = keys("increment", "min_value", "max_value", "cycle", "start", "cache",
      "owned_by");
  static final Set<String> EXTENSION_KEYS = keys("name", "version");

  private static final Pattern REFERENCE = Pattern.compile(
      "^\\s*(?:(?<schema>[A-Za-z_][A-Za-z0-9_$]*)\\.)?(?<table>[A-Za-z_][A-Za-z0-9_$]*)"
          + "\\s*\\((?<columns>[^)]*)\\)\\s*$");

  private final List<ContractProblem> problems = new ArrayList<>();
  private final Map<String, SchemaParts> schemas = new TreeMap<>();
  private final Map<String, Extension> extensions = new TreeMap<>();
  private String file;

  private ContractReader() {}

  /**
   * Reads every {@code *.yaml} and {@code *.yml} file directly in {@code directory} (sorted by
   * name) as one contract.
   *
   * @throws ContractException listing every problem, when any file is malformed or invalid
   * @throws UncheckedIOException when the directory cannot be listed or a file cannot be read
   */
  public static Catalog readDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ContractException(List.of(new ContractProblem(new Origin(directory.toString(), 0, 0),
          "expected a directory of contract files (*.yaml), but it "
              + (Files.exists(directory) ? "is a file" : "does not exist")
              + ". Pass the folder that holds the contracts, or create it with 'schemakit record'.")));
    }
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> listing = Files.list(directory)) {
      for (Path path : listing.filter(ContractReader::isContractFile).sorted().toList()) {
        files.put(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read contract files in " + directory, e);
    }
    return read(files);
  }

  /** Reads one file as a whole contract. */
  public static Catalog readFile(Path file) {
    try {
      return read(Map.of(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read contract file " + file, e);
    }
  }

  /**
   * Reads contract files given as text, keyed by the name used in messages.
   *
   * @param files file name to YAML text, in the order they are merged
   * @throws ContractException listing every problem
   */
  public static Catalog read(Map<String, String> files) {
    ContractReader reader = new ContractReader();
    files.forEach(reader::readOne);
    return reader.finish();
  }

  static boolean isContractFile(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private void readOne(String fileName, String text) {
    this.file = fileName;
    LoadSettings settings = LoadSettings.builder().setLabel(fileName).build();
    List<Node> documents = new ArrayList<>();
    try {
      new Compose(settings).composeAllFromString(text).forEach(documents::add);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      Origin origin = mark == null
          ? new Origin(fileName, 1, 1)
          : new Origin(fileName, mark.getLine() + 1, mark.getColumn() + 1);
      String what = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      problem(origin, "is not valid YAML: " + what
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")")
          + ". Fix the YAML syntax at this position.");
      return;
    } catch (YamlEngineException e) {
      problem(new Origin(fileName, 1, 1), "is not valid YAML: " + e.getMessage());
      return;
    }
    for (Node document : documents) {
      readDocument(document);
    }
  }

  private void readDocument(Node document) {
    Map<String, Node> top = mapping(document, "a contract file", FILE_KEYS);
    if (top == null) {
      return;
    }
    String schemaName = top.containsKey("schema") ? string(top.get("schema"), "schema") : "public";
    if (schemaName == null) {
      return;
    }
    SchemaParts parts = schemas.computeIfAbsent(schemaName, n -> new SchemaParts(origin(document)));
    if (top.containsKey("strict") && Boolean.TRUE.equals(bool(top.get("strict"), "strict"))) {
      parts.strict = true;
    }
    Map<String, Node> tables = namedMapping(top.get("tables"), "tables");
    tables.forEach((name, node) -> {
      Table table = table(schemaName, name, node);
      if (table != null) {
        Table previous = parts.tables.putIfAbsent(name, table);
        if (previous != null) {
          problem(table.origin(), "table " + schemaName + "." + name + " is declared twice: also at "
              + previous.origin() + ". A table belongs in exactly one contract file; merge the two.");
        }
      }
    });
    namedMapping(top.get("views"), "views").forEach((name, node) -> {
      View view = view(name, node);
      if (view != null && parts.views.putIfAbsent(name, view) != null) {
        problem(view.origin(), "view " + schemaName + "." + name + " is declared twice: also at "
            + parts.views.get(name).origin() + ". Keep one declaration.");
      }
    });
    namedMapping(top.get("enums"), "enums").forEach((name, node) -> {
      List<String> labels = stringList(node, "labels of enum " + name);
      if (labels != null && parts.enums.putIfAbsent(name, new EnumType(name, labels, origin(node))) != null) {
        problem(origin(node), "enum " + schemaName + "." + name + " is declared twice: also at "
            + parts.enums.get(name).origin() + ". Keep one declaration.");
      }
    });
    namedMapping(top.get("sequences"), "sequences").forEach((name, node) -> {
      Sequence sequence = sequence(name, node);
      if (sequence != null && parts.sequences.putIfAbsent(name, sequence) != null) {
        problem(origin(node), "sequence " + schemaName + "." + name + " is declared twice: also at "
            + parts.sequences.get(name).origin() + ". Keep one declaration.");
      }
    });
    namedMapping(top.get("functions"), "functions").forEach((signature, node) -> {
      Routine routine = routine(signature, node);
      if (routine != null && parts.routines.putIfAbsent(signature, routine) != null) {
        problem(origin(node), "function " + schemaName + "." + signature + " is declared twice: also at "
            + parts.routines.get(signature).origin() + ". Keep one declaration.");
      }
    });
    namedMapping(top.get("domains"), "domains").forEach((name, node) -> {
      Domain domain = domain(name, node);
      if (domain != null && parts.domains.putIfAbsent(name, domain) != null) {
        problem(origin(node), "domain " + schemaName + "." + name + " is declared twice: also at "
            + parts.domains.get(name).origin() + ". Keep one declaration.");
      }
    });
    if (top.containsKey("extensions")) {
      readExtensions(top.get("extensions"));
    }
  }

  private Table table(String schemaName, String name, Node node) {
    Map<String, Node> map = mapping(node, "table " + name, TABLE_KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.size();
    boolean strict = map.containsKey("strict") && Boolean.TRUE.equals(bool(map.get("strict"), "strict"));
    List<Column> columns = new ArrayList<>();
    namedMapping(map.get("columns"), "columns").forEach((columnName, columnNode) -> {
      Column column = column(schemaName, name, columnName, columnNode);
      if (column != null) {
        columns.add(column);
      }
    });
    PrimaryKey primaryKey = map.containsKey("primary_key") ? primaryKey(map.get("primary_key")) : null;
    List<ForeignKey> foreignKeys = list(map.get("foreign_keys"), "foreign_keys", n -> foreignKey(schemaName, n));
    List<Index> indexes = list(map.get("indexes"), "indexes", this::index);
    List<UniqueConstraint> uniques = list(map.get("unique"), "unique", this::unique);
    List<Check> checks = list(map.get("checks"), "checks", this::check);
    List<Trigger> triggers = list(map.get("triggers"), "triggers", this::trigger);
    RowLevelSecurity rls = map.containsKey("row_level_security") ? rls(map.get("row_level_security"), strict) : null;
    SoftDelete softDelete = map.containsKey("soft_delete") ? softDelete(map.get("soft_delete")) : null;
    String comment = map.containsKey("comment") ? string(map.get("comment"), "comment") : null;
    List<Exclusion> exclusions = list(map.get("exclusions"), "exclusions", this::exclusion);
    String partitionBy = optionalString(map, "partition_by");
    List<Partition> partitions = new ArrayList<>();
    namedMapping(map.get("partitions"), "partitions").forEach((partition, partitionNode) -> {
      Partition read = partition(partition, partitionNode);
      if (read != null) {
        partitions.add(read);
      }
    });
    if (!partitions.isEmpty() && partitionBy == null && strict) {
      problem(origin(map.get("partitions")), "table " + schemaName + "." + name + " lists partitions but no"
          + " partition_by. Add partition_by: \"RANGE (column)\" (or LIST, HASH), as the table was created.");
    }
    if (problems.size() > before) {
      return null;
    }
    if (strict) {
      // In a strict table an attribute left out means what SQL does when it is left out.
      columns.replaceAll(c -> c.nullable() == null ? c.withNullable(true) : c);
      foreignKeys.replaceAll(ContractReader::withSqlDefaults);
      rls = rls == null ? RowLevelSecurity.disabled() : rls;
    }
    Table table = new Table(name, columns, primaryKey, foreignKeys, indexes, uniques, checks, triggers,
        rls, softDelete, comment, strict, origin(node), exclusions, partitionBy, partitions);
    checkColumnReferences(schemaName, table);
    return table;
  }

  /**
   * In a strict table, a key, index or rule that names a column the table does not list is a contract error (a
   * typo: the strict table lists every column). A partial table lists what it cares about; the columns its keys
   * and indexes name are checked against the database by the diff instead.
   */
  private void checkColumnReferences(String schemaName, Table table) {
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

  private void unlisted(Set<String> listed, List<String> columns, Origin origin, String what) {
    for (String column : columns) {
      if (!listed.contains(column)) {
        problem(origin, what + " names column '" + column + "', which the table does not list under"
            + " columns." + Suggestions.didYouMean(column, listed)
            + " Add it to columns (an empty entry '" + column + ": {}' asserts only that it exists).");
      }
    }
  }

  private Column column(String schemaName, String table, String name, Node node) {
    Origin origin = origin(node);
    if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
      return typedColumn(schemaName, table, name, scalar.getValue(), null, null, null, null, null, origin);
    }
    if (node instanceof ScalarNode) {
      return new Column(name, null, null, null, null, null, null, origin); // "name:" asserts existence
    }
    Map<String, Node> map = mapping(node, "column " + name, COLUMN_KEYS);
    if (map == null) {
      return null;
    }
    String type = map.containsKey("type") ? string(map.get("type"), "type") : null;
    Boolean nullable = map.containsKey("nullable") ? bool(map.get("nullable"), "nullable") : null;
    String defaultValue = map.containsKey("default") ? string(map.get("default"), "default") : null;
    Identity identity = map.containsKey("identity") ? identity(map.get("identity")) : null;
    String generated = map.containsKey("generated") ? string(map.get("generated"), "generated") : null;
    String comment = map.containsKey("comment") ? string(map.get("comment"), "comment") : null;
    return typedColumn(schemaName, table, name, type, nullable, defaultValue, identity, generated, comment, origin);
  }

  private static Column typedColumn(String schemaName, String table, String name, String type,
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

  private static ForeignKey withSqlDefaults(ForeignKey fk) {
    return new ForeignKey(fk.name(), fk.columns(), fk.referencedSchema(), fk.referencedTable(),
        fk.referencedColumns(),
        fk.onDelete() == null ? ReferentialAction.NO_ACTION : fk.onDelete(),
        fk.onUpdate() == null ? ReferentialAction.NO_ACTION : fk.onUpdate(),
        fk.deferrable() == null ? Boolean.FALSE : fk.deferrable(),
        fk.initiallyDeferred() == null ? Boolean.FALSE : fk.initiallyDeferred(),
        fk.origin());
  }

  private Identity identity(Node node) {
    String value = string(node, "identity");
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> Identity.ANY;
      case "always" -> Identity.ALWAYS;
      case "by_default", "by default" -> Identity.BY_DEFAULT;
      default -> {
        problem(origin(node), "identity must be one of always, by_default or true (either kind),"
            + " but was '" + value + "'." + Suggestions.didYouMean(value, List.of("always", "by_default", "true")));
        yield null;
      }
    };
  }

  private PrimaryKey primaryKey(Node node) {
    if (node instanceof SequenceNode || node instanceof ScalarNode) {
      List<String> columns = stringList(node, "primary_key");
      return columns == null || columns.isEmpty() ? emptyColumns(node, "primary_key")
          : new PrimaryKey(null, columns, origin(node));
    }
    Map<String, Node> map = mapping(node, "primary_key", PRIMARY_KEY_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = required(map, node, "columns", "primary_key");
    return columns == null ? null : new PrimaryKey(optionalString(map, "name"), columns, origin(node));
  }

  private <T> T emptyColumns(Node node, String what) {
    problem(origin(node), what + " must list at least one column, but lists none.");
    return null;
  }

  private ForeignKey foreignKey(String schemaName, Node node) {
    Map<String, Node> map = mapping(node, "foreign key", FOREIGN_KEY_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = required(map, node, "columns", "foreign key");
    if (!map.containsKey("references")) {
      problem(origin(node), "foreign key needs 'references: table(column, ...)', but it has none.");
      return null;
    }
    String reference = string(map.get("references"), "references");
    ReferentialAction onDelete = action(map.get("on_delete"), "on_delete");
    ReferentialAction onUpdate = action(map.get("on_update"), "on_update");
    if (columns == null || reference == null) {
      return null;
    }
    Matcher m = REFERENCE.matcher(reference);
    if (!m.matches()) {
      problem(origin(map.get("references")), "references must look like 'table(column, ...)' or"
          + " 'schema.table(column, ...)', but was '" + reference + "'.");
      return null;
    }
    List<String> referencedColumns = Arrays.stream(m.group("columns").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (referencedColumns.size() != columns.size()) {
      problem(origin(map.get("references")), "foreign key has " + columns.size() + " column(s) "
          + columns + " but references " + referencedColumns.size() + " " + referencedColumns
          + ". List one referenced column for each referencing column.");
      return null;
    }
    String referencedSchema = m.group("schema") == null ? schemaName : m.group("schema");
    return new ForeignKey(optionalString(map, "name"), columns, referencedSchema, m.group("table"),
        referencedColumns, onDelete, onUpdate,
        map.containsKey("deferrable") ? bool(map.get("deferrable"), "deferrable") : null,
        map.containsKey("initially_deferred") ? bool(map.get("initially_deferred"), "initially_deferred") : null,
        origin(node));
  }

  private ReferentialAction action(Node node, String key) {
    if (node == null) {
      return null;
    }
    String value = string(node, key);
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
    problem(origin(node), key + " must be one of " + String.join(", ", allowed) + ", but was '" + value
        + "'." + Suggestions.didYouMean(normalised, allowed));
    return null;
  }

  private Index index(Node node) {
    Map<String, Node> map = mapping(node, "index", INDEX_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = required(map, node, "columns", "index");
    if (columns == null) {
      return null;
    }
    boolean unique = map.containsKey("unique") && Boolean.TRUE.equals(bool(map.get("unique"), "unique"));
    String method = map.containsKey("method") ? string(map.get("method"), "method") : "btree";
    return new Index(optionalString(map, "name"), columns, unique, optionalString(map, "where"),
        method == null ? "btree" : method.toLowerCase(Locale.ROOT), origin(node));
  }

  private UniqueConstraint unique(Node node) {
    if (node instanceof SequenceNode) {
      List<String> columns = stringList(node, "unique");
      return columns == null || columns.isEmpty() ? emptyColumns(node, "unique")
          : new UniqueConstraint(null, columns, origin(node));
    }
    Map<String, Node> map = mapping(node, "unique constraint", UNIQUE_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = required(map, node, "columns", "unique constraint");
    return columns == null ? null : new UniqueConstraint(optionalString(map, "name"), columns, origin(node));
  }

  private Check check(Node node) {
    Map<String, Node> map = mapping(node, "check", CHECK_KEYS);
    if (map == null) {
      return null;
    }
    if (!map.containsKey("expression")) {
      problem(origin(node), "check needs 'expression: <boolean SQL expression>', but it has none.");
      return null;
    }
    String expression = string(map.get("expression"), "expression");
    return expression == null ? null : new Check(optionalString(map, "name"), expression, origin(node));
  }

  private Trigger trigger(Node node) {
    Map<String, Node> map = mapping(node, "trigger", TRIGGER_KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.size();
    for (String key : List.of("name", "timing", "events", "function")) {
      if (!map.containsKey(key)) {
        problem(origin(node), "trigger needs '" + key + "', but it has none. A trigger is written"
            + " { name: ..., timing: before|after|instead_of, events: [insert, update, delete], function: f() }.");
      }
    }
    if (problems.size() > before) {
      return null;
    }
    TriggerTiming timing = keyword(map.get("timing"), "timing", TriggerTiming.class);
    TriggerLevel level = map.containsKey("level") ? keyword(map.get("level"), "level", TriggerLevel.class) : TriggerLevel.ROW;
    List<TriggerEvent> events = new ArrayList<>();
    List<String> eventNames = stringList(map.get("events"), "events");
    if (eventNames != null) {
      for (String event : eventNames) {
        TriggerEvent parsed = keywordValue(map.get("events"), "events", event, TriggerEvent.class);
        if (parsed != null) {
          events.add(parsed);
        }
      }
    }
    String name = string(map.get("name"), "name");
    String function = string(map.get("function"), "function");
    if (problems.size() > before || name == null || function == null || timing == null || level == null) {
      return null;
    }
    if (events.isEmpty()) {
      return emptyColumns(map.get("events"), "events");
    }
    return new Trigger(name, timing, events, level, function.endsWith(")") ? function : function + "()", origin(node));
  }

  private RowLevelSecurity rls(Node node, boolean strictTable) {
    Map<String, Node> map = mapping(node, "row_level_security", RLS_KEYS);
    if (map == null) {
      return null;
    }
    boolean enabled = !map.containsKey("enabled") || Boolean.TRUE.equals(bool(map.get("enabled"), "enabled"));
    boolean forced = map.containsKey("forced") && Boolean.TRUE.equals(bool(map.get("forced"), "forced"));
    List<Policy> policies = list(map.get("policies"), "policies", policy -> policy(policy, strictTable));
    return new RowLevelSecurity(enabled, forced, policies, origin(node));
  }

  /**
   * A policy: its name alone (it exists), or a mapping of what the contract asserts about it; in a strict table a
   * mapping asserts the whole policy, what it leaves out being what PostgreSQL assumes (command all, permissive, to
   * public, no USING, no WITH CHECK).
   */
  private Policy policy(Node node, boolean strictTable) {
    if (node instanceof ScalarNode scalar && !scalar.getValue().isEmpty()) {
      return Policy.named(scalar.getValue(), origin(node));
    }
    Map<String, Node> map = mapping(node, "policy", POLICY_KEYS);
    if (map == null) {
      return null;
    }
    String name = map.containsKey("name") ? string(map.get("name"), "name") : null;
    if (name == null) {
      problem(origin(node), "policy needs 'name', but it has none. Write { name: tenant_rows, using: \"...\" }.");
      return null;
    }
    String command = optionalString(map, "command");
    if (command != null && !POLICY_COMMANDS.contains(command.toLowerCase(java.util.Locale.ROOT))) {
      problem(origin(map.get("command")), "command must be one of all, select, insert, update, delete, but was '"
          + command + "'." + Suggestions.didYouMean(command, POLICY_COMMANDS));
      return null;
    }
    Boolean permissive = map.containsKey("permissive") ? bool(map.get("permissive"), "permissive") : null;
    List<String> roles = map.containsKey("roles") ? stringList(map.get("roles"), "roles") : null;
    if (strictTable) {
      command = command == null ? "all" : command;
      permissive = permissive == null ? Boolean.TRUE : permissive;
      roles = roles == null ? List.of("public") : roles;
    }
    return new Policy(name, command == null ? null : command.toLowerCase(java.util.Locale.ROOT), permissive, roles,
        optionalString(map, "using"), optionalString(map, "with_check"), origin(node));
  }

  /** A function: {@code name(argument types)} mapped to what the contract asserts ({@code {}} for existence). */
  private Routine routine(String signature, Node node) {
    if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
      return new Routine(signature, null, null, null, null, null, null, null, origin(node));
    }
    Map<String, Node> map = mapping(node, "function " + signature, FUNCTION_KEYS);
    if (map == null) {
      return null;
    }
    if (!signature.endsWith(")")) {
      problem(origin(node), "function '" + signature + "' must be named with its argument types, e.g. '" + signature
          + "()' or '" + signature + "(integer, text)', as triggers name it.");
      return null;
    }
    String kind = optionalString(map, "kind");
    if (kind != null && !kind.equals("function") && !kind.equals("procedure")) {
      problem(origin(map.get("kind")), "kind must be function or procedure, but was '" + kind + "'.");
      return null;
    }
    String volatility = optionalString(map, "volatility");
    if (volatility != null && !Set.of("volatile", "stable", "immutable").contains(volatility)) {
      problem(origin(map.get("volatility")), "volatility must be one of volatile, stable, immutable, but was '"
          + volatility + "'." + Suggestions.didYouMean(volatility, Set.of("volatile", "stable", "immutable")));
      return null;
    }
    String body = optionalString(map, "body");
    String hash = optionalString(map, "body_sha256");
    if (body != null && hash != null) {
      problem(origin(map.get("body")), "function " + signature + " has both body and body_sha256; keep one (record"
          + " writes body_sha256).");
      return null;
    }
    return new Routine(signature, kind, optionalString(map, "returns"), optionalString(map, "language"), volatility,
        map.containsKey("security_definer") ? bool(map.get("security_definer"), "security_definer") : null,
        hash, body, origin(node));
  }

  private Domain domain(String name, Node node) {
    Map<String, Node> map = mapping(node, "domain " + name, DOMAIN_KEYS);
    if (map == null) {
      return null;
    }
    String type = optionalString(map, "type");
    return new Domain(name, type == null ? null : SqlTypes.canonical(type),
        map.containsKey("nullable") ? bool(map.get("nullable"), "nullable") : null, optionalString(map, "default"),
        list(map.get("checks"), "checks", this::check), origin(node));
  }

  /** A partition: its bound ({@code "FOR VALUES FROM (...) TO (...)"}), or {@code {}} to assert only that it is one. */
  private Partition partition(String name, Node node) {
    if (node instanceof MappingNode mapping && mapping.getValue().isEmpty()) {
      return new Partition(name, null, origin(node));
    }
    String bound = string(node, "bound of partition " + name);
    return bound == null ? null : new Partition(name, bound.isBlank() ? null : bound, origin(node));
  }

  private Exclusion exclusion(Node node) {
    Map<String, Node> map = mapping(node, "exclusion", EXCLUSION_KEYS);
    if (map == null) {
      return null;
    }
    String definition = optionalString(map, "definition");
    if (definition == null) {
      problem(origin(node), "exclusion needs 'definition', e.g. { name: no_overlap, definition: \"EXCLUDE USING gist"
          + " (room WITH =, during WITH &&)\" }, but it has none.");
      return null;
    }
    return new Exclusion(optionalString(map, "name"), definition, origin(node));
  }

  private SoftDelete softDelete(Node node) {
    if (node instanceof ScalarNode scalar) {
      return new SoftDelete(scalar.getValue(), null, true, origin(node));
    }
    Map<String, Node> map = mapping(node, "soft_delete", SOFT_DELETE_KEYS);
    if (map == null) {
      return null;
    }
    if (!map.containsKey("column")) {
      problem(origin(node), "soft_delete needs 'column', but it has none. Write soft_delete: deleted_at,"
          + " or { column: is_deleted, kind: flag }.");
      return null;
    }
    String column = string(map.get("column"), "column");
    SoftDeleteKind kind = map.containsKey("kind") ? keyword(map.get("kind"), "kind", SoftDeleteKind.class) : null;
    boolean uniqueExcludesDeleted = !map.containsKey("unique_excludes_deleted")
        || Boolean.TRUE.equals(bool(map.get("unique_excludes_deleted"), "unique_excludes_deleted"));
    return column == null ? null : new SoftDelete(column, kind, uniqueExcludesDeleted, origin(node));
  }

  private View view(String name, Node node) {
    Map<String, Node> map = mapping(node, "view " + name, VIEW_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = map.containsKey("columns") ? stringList(map.get("columns"), "columns") : List.of();
    boolean materialized = map.containsKey("materialized")
        && Boolean.TRUE.equals(bool(map.get("materialized"), "materialized"));
    return new View(name, materialized, columns, optionalString(map, "definition"),
        optionalString(map, "comment"), origin(node));
  }

  private Sequence sequence(String name, Node node) {
    if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
      return new Sequence(name, null, null, null, null, origin(node));
    }
    Map<String, Node> map = mapping(node, "sequence " + name, SEQUENCE_KEYS);
    if (map == null) {
      return null;
    }
    return new Sequence(name, number(map.get("increment"), "increment"),
        number(map.get("min_value"), "min_value"), number(map.get("max_value"), "max_value"),
        map.containsKey("cycle") ? bool(map.get("cycle"), "cycle") : null, origin(node),
        number(map.get("start"), "start"), number(map.get("cache"), "cache"), optionalString(map, "owned_by"));
  }

  private void readExtensions(Node node) {
    if (!(node instanceof SequenceNode sequence)) {
      problem(origin(node), "extensions must be a list, such as [pgcrypto, { name: citext, version: \"1.6\" }],"
          + " but was " + describe(node) + ".");
      return;
    }
    for (Node item : sequence.getValue()) {
      Extension extension;
      if (item instanceof ScalarNode scalar) {
        extension = new Extension(scalar.getValue(), null, origin(item));
      } else {
        Map<String, Node> map = mapping(item, "extension", EXTENSION_KEYS);
        if (map == null) {
          continue;
        }
        String name = map.containsKey("name") ? string(map.get("name"), "name") : null;
        if (name == null) {
          problem(origin(item), "extension needs 'name', but it has none.");
          continue;
        }
        extension = new Extension(name, optionalString(map, "version"), origin(item));
      }
      Extension previous = extensions.putIfAbsent(extension.name(), extension);
      if (previous != null && previous.origin() != null) {
        problem(extension.origin(), "extension " + extension.name() + " is declared twice: also at "
            + previous.origin() + ". Keep one declaration.");
      }
    }
  }

  private Catalog finish() {
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing((ContractProblem p) -> p.origin().file())
          .thenComparingInt(p -> p.origin().line()).thenComparingInt(p -> p.origin().column()));
      throw new ContractException(problems);
    }
    List<Schema> result = new ArrayList<>();
    schemas.forEach((name, parts) -> result.add(new Schema(name,
        sortedValues(parts.tables), sortedValues(parts.views), sortedValues(parts.enums),
        parts.strict ? sortedValues(parts.sequences).stream().map(ContractReader::withSqlDefaults).toList()
            : sortedValues(parts.sequences), parts.strict, parts.origin, sortedValues(parts.routines),
        sortedValues(parts.domains))));
    return new Catalog(result, List.copyOf(extensions.values()));
  }

  /**
   * In a strict schema a sequence's start and cache left out are what {@code CREATE SEQUENCE} makes of them (the
   * minimum going up, the maximum going down; a cache of 1), as the writer leaves them out.
   */
  private static Sequence withSqlDefaults(Sequence sequence) {
    Long start = sequence.start() != null ? sequence.start() : ContractWriter.defaultStart(sequence);
    Long cache = sequence.cache() != null || sequence.increment() == null ? sequence.cache() : Long.valueOf(1);
    return new Sequence(sequence.name(), sequence.increment(), sequence.minValue(), sequence.maxValue(),
        sequence.cycle(), sequence.origin(), start, cache, sequence.ownedBy());
  }

  private static <T> List<T> sortedValues(Map<String, T> byName) {
    return List.copyOf(new TreeMap<>(byName).values());
  }

  // ---- YAML node helpers: each reports a problem and returns null when the node is not as expected

  private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      problem(origin(node), what + " must be a mapping of " + String.join(", ", allowed) + ", but was "
          + describe(node) + ".");
      return null;
    }
    Map<String, Node> result = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple.getKeyNode());
      if (key == null) {
        continue;
      }
      if (!allowed.contains(key)) {
        problem(origin(tuple.getKeyNode()), "unknown key '" + key + "' in " + what + "."
            + Suggestions.didYouMean(key, allowed) + " Allowed keys: " + String.join(", ", allowed) + ".");
        continue;
      }
      if (result.putIfAbsent(key, tuple.getValueNode()) != null) {
        problem(origin(tuple.getKeyNode()), "key '" + key + "' appears twice in " + what + ". Keep one.");
      }
    }
    return result;
  }

  /** A mapping whose keys are names (tables, columns, views): any key allowed, order kept. */
  private Map<String, Node> namedMapping(Node node, String what) {
    Map<String, Node> result = new LinkedHashMap<>();
    if (node == null || (node instanceof ScalarNode scalar && scalar.getValue().isEmpty())) {
      return result;
    }
    if (!(node instanceof MappingNode mapping)) {
      problem(origin(node), what + " must be a mapping from name to definition, but was " + describe(node) + ".");
      return result;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = keyOf(tuple.getKeyNode());
      if (key != null && result.putIfAbsent(key, tuple.getValueNode()) != null) {
        problem(origin(tuple.getKeyNode()), "'" + key + "' appears twice under " + what + ". Keep one.");
      }
    }
    return result;
  }

  private <T> List<T> list(Node node, String what, java.util.function.Function<Node, T> item) {
    List<T> result = new ArrayList<>();
    if (node == null || (node instanceof ScalarNode scalar && scalar.getValue().isEmpty())) {
      return result;
    }
    if (!(node instanceof SequenceNode sequence)) {
      problem(origin(node), what + " must be a list (items start with '- '), but was " + describe(node) + ".");
      return result;
    }
    for (Node element : sequence.getValue()) {
      T value = item.apply(element);
      if (value != null) {
        result.add(value);
      }
    }
    return result;
  }

  private String keyOf(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    problem(origin(node), "keys must be plain names, but found " + describe(node) + ".");
    return null;
  }

  private String string(Node node, String key) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    problem(origin(node), key + " must be a single value, but was " + describe(node) + ".");
    return null;
  }

  private String optionalString(Map<String, Node> map, String key) {
    return map.containsKey(key) ? string(map.get(key), key) : null;
  }

  private Boolean bool(Node node, String key) {
    if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN) {
      String value = scalar.getValue().toLowerCase(Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        return Boolean.valueOf(value);
      }
    }
    problem(origin(node), key + " must be true or false, but was " + describe(node) + ".");
    return null;
  }

  private Long number(Node node, String key) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar && scalar.getValue().matches("-?\\d+")) {
      return Long.valueOf(scalar.getValue());
    }
    problem(origin(node), key + " must be a whole number, but was " + describe(node) + ".");
    return null;
  }

  private List<String> stringList(Node node, String what) {
    if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
        && !scalar.getValue().isEmpty()) {
      return List.of(scalar.getValue());
    }
    if (node instanceof SequenceNode sequence) {
      List<String> values = new ArrayList<>();
      for (Node element : sequence.getValue()) {
        String value = string(element, what + " item");
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }
    problem(origin(node), what + " must be a list of names, such as [a, b], but was " + describe(node) + ".");
    return null;
  }

  private List<String> required(Map<String, Node> map, Node owner, String key, String what) {
    if (!map.containsKey(key)) {
      problem(origin(owner), what + " needs '" + key + ": [column, ...]', but it has none.");
      return null;
    }
    List<String> values = stringList(map.get(key), key);
    if (values != null && values.isEmpty()) {
      return emptyColumns(map.get(key), what + " " + key);
    }
    return values;
  }

  private <E extends Enum<E>> E keyword(Node node, String key, Class<E> type) {
    String value = string(node, key);
    return value == null ? null : keywordValue(node, key, value, type);
  }

  private <E extends Enum<E>> E keywordValue(Node node, String key, String value, Class<E> type) {
    String normalised = value.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String keyword = constant.name().toLowerCase(Locale.ROOT);
      if (keyword.equals(normalised)) {
        return constant;
      }
      allowed.add(keyword);
    }
    problem(origin(node), key + " must be one of " + String.join(", ", allowed) + ", but was '" + value
        + "'." + Suggestions.didYouMean(normalised, allowed));
    return null;
  }

  private static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue().isEmpty() ? "empty" : "'" + scalar.getValue() + "'";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return "nothing";
  }

  private Origin origin(Node node) {
    if (node == null) {
      return new Origin(file, 1, 1);
    }
    return node.getStartMark()
        .map(mark -> new Origin(file, mark.getLine() + 1, mark.getColumn() + 1))
        .orElse(new Origin(file, 1, 1));
  }

  private void problem(Origin origin, String message) {
    problems.add(new ContractProblem(origin, message));
  }

  private static Set<String> keys(String... keys) {
    return new LinkedHashSet<>(List.of(keys));
  }

  /** What the files say about one schema, before merging into a {@link Schema}. */
  private static final class SchemaParts {
    final Origin origin;
    final Map<String, Table> tables = new LinkedHashMap<>();
    final Map<String, View> views = new LinkedHashMap<>();
    final Map<String, EnumType> enums = new LinkedHashMap<>();
    final Map<String, Sequence> sequences = new LinkedHashMap<>();
    final Map<String, Routine> routines = new LinkedHashMap<>();
    final Map<String, Domain> domains = new LinkedHashMap<>();
    boolean strict;

    SchemaParts(Origin origin) {
      this.origin = origin;
    }
  }
}
