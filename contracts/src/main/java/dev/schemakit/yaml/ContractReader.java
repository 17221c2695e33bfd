package dev.schemakit.yaml;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Domain;
import dev.schemakit.model.Routine;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.Origin;
import dev.schemakit.model.StrictText;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.SqlTypes;
import dev.schemakit.model.Table;
import dev.schemakit.model.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads YAML contracts into the {@link Catalog} model.
 *
 * <p>A directory of {@code *.yaml} / {@code *.yml} files is one contract: each file names its
 * schema ({@code public} by default) and any number of tables, views, enum types, sequences and
 * extensions; the files are merged. The format is specified in docs/contracts.md.
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

  /** A name in a reference: plain, or in SQL's double quotes ({@code "Sales Ops"}, {@code "a.b"}). */
  static final String REFERENCE_NAME = "(?:[A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")";

  static final Pattern REFERENCE = Pattern.compile(
      "^\\s*(?:(?<schema>" + REFERENCE_NAME + ")\\.)?(?<table>" + REFERENCE_NAME + ")"
          + "\\s*\\((?<columns>(?:\\s*" + REFERENCE_NAME + "\\s*,)*\\s*" + REFERENCE_NAME + "\\s*)\\)\\s*$");

  /** The names of a reference's column list, each unquoted. */
  static java.util.List<String> referenceNames(String columns) {
    java.util.List<String> names = new java.util.ArrayList<>();
    Matcher name = Pattern.compile(REFERENCE_NAME).matcher(columns);
    while (name.find()) {
      names.add(dev.schemakit.model.Names.unquote(name.group()));
    }
    return names;
  }

  private final YamlNodes nodes = new YamlNodes();
  private final TableReader tableReader = new TableReader(nodes);
  private final Map<String, SchemaParts> schemas = new TreeMap<>();
  private final Map<String, Extension> extensions = new TreeMap<>();

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
    List<ContractProblem> notText = new ArrayList<>();
    try (Stream<Path> listing = Files.list(directory)) {
      for (Path path : listing.filter(ContractReader::isContractFile).sorted().toList()) {
        try {
          files.put(path.toString(), text(path));
        } catch (ContractException e) {
          notText.addAll(e.problems());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read contract files in " + directory, e);
    }
    if (!notText.isEmpty()) {
      throw new ContractException(notText);
    }
    return read(files);
  }

  /** Reads one file as a whole contract. */
  public static Catalog readFile(Path file) {
    try {
      return read(Map.of(file.toString(), text(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read contract file " + file, e);
    }
  }

  /** A contract file's text; a file that is not UTF-8 is a problem at the first byte that is not. */
  private static String text(Path file) throws IOException {
    try {
      return StrictText.decode(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (StrictText.NotText e) {
      throw new ContractException(List.of(new ContractProblem(new Origin(file.toString(), e.line(), e.column()),
          "expected a YAML contract in UTF-8, but the file is " + e.getMessage() + ". Save it as UTF-8,"
              + " or move it out of the contracts folder if it is not a contract.")));
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
    nodes.file = fileName;
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
      nodes.problem(origin, "is not valid YAML: " + what
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")")
          + ". Fix the YAML syntax at this position.");
      return;
    } catch (YamlEngineException e) {
      nodes.problem(new Origin(fileName, 1, 1), "is not valid YAML: " + e.getMessage());
      return;
    }
    for (Node document : documents) {
      readDocument(document);
    }
  }

  private void readDocument(Node document) {
    Map<String, Node> top = nodes.mapping(document, "a contract file", FILE_KEYS);
    if (top == null) {
      return;
    }
    String schemaName = top.containsKey("schema") ? nodes.string(top.get("schema"), "schema") : "public";
    if (schemaName == null) {
      return;
    }
    SchemaParts parts = schemas.computeIfAbsent(schemaName, n -> new SchemaParts(nodes.origin(document)));
    if (top.containsKey("strict") && Boolean.TRUE.equals(nodes.bool(top.get("strict"), "strict"))) {
      parts.strict = true;
    }
    Map<String, Node> tables = nodes.namedMapping(top.get("tables"), "tables");
    tables.forEach((name, node) -> {
      Table table = tableReader.table(schemaName, name, node);
      if (table != null) {
        Table previous = parts.tables.putIfAbsent(name, table);
        if (previous != null) {
          nodes.problem(table.origin(), "table " + schemaName + "." + name + " is declared twice: also at "
              + previous.origin() + ". A table belongs in exactly one contract file; merge the two.");
        }
      }
    });
    nodes.namedMapping(top.get("views"), "views").forEach((name, node) -> {
      View view = view(name, node);
      if (view != null && parts.views.putIfAbsent(name, view) != null) {
        nodes.problem(view.origin(), "view " + schemaName + "." + name + " is declared twice: also at "
            + parts.views.get(name).origin() + ". Keep one declaration.");
      }
    });
    nodes.namedMapping(top.get("enums"), "enums").forEach((name, node) -> {
      List<String> labels = nodes.stringList(node, "labels of enum " + name);
      if (labels != null && parts.enums.putIfAbsent(name, new EnumType(name, labels, nodes.origin(node))) != null) {
        nodes.problem(nodes.origin(node), "enum " + schemaName + "." + name + " is declared twice: also at "
            + parts.enums.get(name).origin() + ". Keep one declaration.");
      }
    });
    nodes.namedMapping(top.get("sequences"), "sequences").forEach((name, node) -> {
      Sequence sequence = sequence(name, node);
      if (sequence != null && parts.sequences.putIfAbsent(name, sequence) != null) {
        nodes.problem(nodes.origin(node), "sequence " + schemaName + "." + name + " is declared twice: also at "
            + parts.sequences.get(name).origin() + ". Keep one declaration.");
      }
    });
    nodes.namedMapping(top.get("functions"), "functions").forEach((signature, node) -> {
      Routine routine = routine(signature, node);
      if (routine != null && parts.routines.putIfAbsent(signature, routine) != null) {
        nodes.problem(nodes.origin(node), "function " + schemaName + "." + signature + " is declared twice: also at "
            + parts.routines.get(signature).origin() + ". Keep one declaration.");
      }
    });
    nodes.namedMapping(top.get("domains"), "domains").forEach((name, node) -> {
      Domain domain = domain(name, node);
      if (domain != null && parts.domains.putIfAbsent(name, domain) != null) {
        nodes.problem(nodes.origin(node), "domain " + schemaName + "." + name + " is declared twice: also at "
            + parts.domains.get(name).origin() + ". Keep one declaration.");
      }
    });
    if (top.containsKey("extensions")) {
      readExtensions(top.get("extensions"));
    }
  }

  /** A function: {@code name(argument types)} mapped to what the contract asserts ({@code {}} for existence). */
  private Routine routine(String signature, Node node) {
    if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
      return new Routine(signature, null, null, null, null, null, null, null, nodes.origin(node));
    }
    Map<String, Node> map = nodes.mapping(node, "function " + signature, FUNCTION_KEYS);
    if (map == null) {
      return null;
    }
    if (!signature.endsWith(")")) {
      nodes.problem(nodes.origin(node), "function '" + signature + "' must be named with its argument types, e.g. '" + signature
          + "()' or '" + signature + "(integer, text)', as triggers name it.");
      return null;
    }
    String kind = nodes.optionalString(map, "kind");
    if (kind != null && !kind.equals("function") && !kind.equals("procedure")) {
      nodes.problem(nodes.origin(map.get("kind")), "kind must be function or procedure, but was '" + kind + "'.");
      return null;
    }
    String volatility = nodes.optionalString(map, "volatility");
    if (volatility != null && !Set.of("volatile", "stable", "immutable").contains(volatility)) {
      nodes.problem(nodes.origin(map.get("volatility")), "volatility must be one of volatile, stable, immutable, but was '"
          + volatility + "'." + Suggestions.didYouMean(volatility, Set.of("volatile", "stable", "immutable")));
      return null;
    }
    String body = nodes.optionalString(map, "body");
    String hash = nodes.optionalString(map, "body_sha256");
    if (body != null && hash != null) {
      nodes.problem(nodes.origin(map.get("body")), "function " + signature + " has both body and body_sha256; keep one (record"
          + " writes body_sha256).");
      return null;
    }
    return new Routine(signature, kind, nodes.optionalString(map, "returns"), nodes.optionalString(map, "language"), volatility,
        map.containsKey("security_definer") ? nodes.bool(map.get("security_definer"), "security_definer") : null,
        hash, body, nodes.origin(node));
  }

  private Domain domain(String name, Node node) {
    Map<String, Node> map = nodes.mapping(node, "domain " + name, DOMAIN_KEYS);
    if (map == null) {
      return null;
    }
    String type = nodes.optionalString(map, "type");
    return new Domain(name, type == null ? null : SqlTypes.canonical(type),
        map.containsKey("nullable") ? nodes.bool(map.get("nullable"), "nullable") : null, nodes.optionalString(map, "default"),
        nodes.list(map.get("checks"), "checks", tableReader::check), nodes.origin(node));
  }

  private View view(String name, Node node) {
    Map<String, Node> map = nodes.mapping(node, "view " + name, VIEW_KEYS);
    if (map == null) {
      return null;
    }
    List<String> columns = map.containsKey("columns") ? nodes.stringList(map.get("columns"), "columns") : List.of();
    boolean materialized = map.containsKey("materialized")
        && Boolean.TRUE.equals(nodes.bool(map.get("materialized"), "materialized"));
    return new View(name, materialized, columns, nodes.optionalString(map, "definition"),
        nodes.optionalString(map, "comment"), nodes.origin(node));
  }

  private Sequence sequence(String name, Node node) {
    if (node instanceof ScalarNode scalar && scalar.getValue().isEmpty()) {
      return new Sequence(name, null, null, null, null, nodes.origin(node));
    }
    Map<String, Node> map = nodes.mapping(node, "sequence " + name, SEQUENCE_KEYS);
    if (map == null) {
      return null;
    }
    return new Sequence(name, nodes.number(map.get("increment"), "increment"),
        nodes.number(map.get("min_value"), "min_value"), nodes.number(map.get("max_value"), "max_value"),
        map.containsKey("cycle") ? nodes.bool(map.get("cycle"), "cycle") : null, nodes.origin(node),
        nodes.number(map.get("start"), "start"), nodes.number(map.get("cache"), "cache"), nodes.optionalString(map, "owned_by"));
  }

  private void readExtensions(Node node) {
    if (!(node instanceof SequenceNode sequence)) {
      nodes.problem(nodes.origin(node), "extensions must be a list, such as [pgcrypto, { name: citext, version: \"1.6\" }],"
          + " but was " + nodes.describe(node) + ".");
      return;
    }
    for (Node item : sequence.getValue()) {
      Extension extension;
      if (item instanceof ScalarNode scalar) {
        extension = new Extension(scalar.getValue(), null, nodes.origin(item));
      } else {
        Map<String, Node> map = nodes.mapping(item, "extension", EXTENSION_KEYS);
        if (map == null) {
          continue;
        }
        String name = map.containsKey("name") ? nodes.string(map.get("name"), "name") : null;
        if (name == null) {
          nodes.problem(nodes.origin(item), "extension needs 'name', but it has none.");
          continue;
        }
        extension = new Extension(name, nodes.optionalString(map, "version"), nodes.origin(item));
      }
      Extension previous = extensions.putIfAbsent(extension.name(), extension);
      if (previous != null && previous.origin() != null) {
        nodes.problem(extension.origin(), "extension " + extension.name() + " is declared twice: also at "
            + previous.origin() + ". Keep one declaration.");
      }
    }
  }

  private Catalog finish() {
    if (!nodes.problems.isEmpty()) {
      nodes.problems.sort(Comparator.comparing((ContractProblem p) -> p.origin().file())
          .thenComparingInt(p -> p.origin().line()).thenComparingInt(p -> p.origin().column()));
      throw new ContractException(nodes.problems);
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
