package dev.schemakit.yaml;

import dev.schemakit.model.Catalog;
import dev.schemakit.model.Domain;
import dev.schemakit.model.EnumType;
import dev.schemakit.model.Extension;
import dev.schemakit.model.Routine;
import dev.schemakit.model.Schema;
import dev.schemakit.model.Sequence;
import dev.schemakit.model.Table;
import dev.schemakit.model.View;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a snapshot into an existing contract directory so that a pull request shows only real changes:
 * every table, view, enum type and sequence stays in the file it was in, tables keep their order in the
 * file (new ones follow, by name), and hand-written comments stay on the element they were written on
 * (a full-line comment above it, or a comment after it on its line). What the database has decides all
 * facts: everything is recorded strict, as {@link ContractWriter#recordFiles(Catalog)} does.
 *
 * <pre>{@code
 * Map<String, String> files = ContractRecorder.record(snapshot, existingFiles); // name -> YAML
 * }</pre>
 */
public final class ContractRecorder {

  private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)([A-Za-z0-9_$\"'.-][^:#]*?):(?:\\s|$)(.*)$");
  private static final Pattern ITEM_LINE = Pattern.compile("^(\\s*)- (.*)$");
  private static final Pattern ITEM_NAME = Pattern.compile("\\bname:\\s*([^,}\\s]+)");
  private static final Pattern COMMENT = Pattern.compile("^\\s*#.*$");

  /** The JSON Schema of the format, which record writes beside the contracts for editors. */
  public static final String SCHEMA_FILE = "schemakit-contract.schema.json";

  /**
   * The first line of a new contract file: editors with a YAML language server (VS Code, IntelliJ) read the schema
   * beside it and complete and check the keys while they are typed.
   */
  public static final String SCHEMA_LINE = "# yaml-language-server: $schema=" + SCHEMA_FILE + "\n";

  /** The JSON Schema's text, as the contracts jar ships it. */
  public static String schema() {
    try (java.io.InputStream in = ContractRecorder.class.getResourceAsStream("/" + SCHEMA_FILE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_FILE + " is missing from the contracts jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Reading " + SCHEMA_FILE + " from the contracts jar failed: " + e.getMessage(), e);
    }
  }

  private ContractRecorder() {}

  /**
   * The contract files for {@code snapshot}, laid out like {@code existing}.
   *
   * @param snapshot what the migrated database has
   * @param existing the current contract files, name to text; empty to write fresh files
   * @return file name to new text, a new file's first line naming the JSON Schema ({@link #SCHEMA_LINE}); a file that
   *     no longer holds anything is absent, so the caller deletes it
   * @throws ContractException when an existing file cannot be read
   */
  public static Map<String, String> record(Catalog snapshot, Map<String, String> existing) {
    if (existing.isEmpty()) {
      Map<String, String> fresh = new LinkedHashMap<>();
      ContractWriter.recordFiles(snapshot).forEach((name, text) -> fresh.put(name, SCHEMA_LINE + text));
      return fresh;
    }
    Map<String, Catalog> byFile = new TreeMap<>();
    existing.forEach((name, text) -> byFile.put(name, ContractReader.read(Map.of(name, text))));
    snapshot = withDeclaredSoftDeletes(snapshot, byFile.values());
    Map<String, String> result = new LinkedHashMap<>();
    boolean extensionsWritten = false;
    for (Schema schema : snapshot.schemas()) {
      List<String> files = byFile.entrySet().stream().filter(e -> e.getValue().schema(schema.name()).isPresent())
          .map(Map.Entry::getKey).toList();
      String home = files.contains(schema.name() + ".yaml") ? schema.name() + ".yaml"
          : files.isEmpty() ? schema.name() + ".yaml" : files.get(0);
      Map<String, Schema> parts = new LinkedHashMap<>();
      for (String file : files) {
        parts.put(file, empty(schema.name()));
      }
      parts.putIfAbsent(home, empty(schema.name()));
      Map<String, List<String>> tableOrder = new HashMap<>();
      for (String file : files) {
        tableOrder.put(file, tableOrder(existing.get(file)));
      }
      assign(schema.tables(), Table::name, files, byFile, schema.name(), home, parts, s -> s.tables(),
          (s, list) -> new Schema(s.name(), list, s.views(), s.enums(), s.sequences(), true, null, s.routines(),
              s.domains()));
      assign(schema.views(), View::name, files, byFile, schema.name(), home, parts, s -> s.views(),
          (s, list) -> new Schema(s.name(), s.tables(), list, s.enums(), s.sequences(), true, null, s.routines(),
              s.domains()));
      assign(schema.enums(), EnumType::name, files, byFile, schema.name(), home, parts, s -> s.enums(),
          (s, list) -> new Schema(s.name(), s.tables(), s.views(), list, s.sequences(), true, null, s.routines(),
              s.domains()));
      assign(schema.sequences(), Sequence::name, files, byFile, schema.name(), home, parts, s -> s.sequences(),
          (s, list) -> new Schema(s.name(), s.tables(), s.views(), s.enums(), list, true, null, s.routines(),
              s.domains()));
      assign(schema.routines(), Routine::signature, files, byFile, schema.name(), home, parts, s -> s.routines(),
          (s, list) -> new Schema(s.name(), s.tables(), s.views(), s.enums(), s.sequences(), true, null, list,
              s.domains()));
      assign(schema.domains(), Domain::name, files, byFile, schema.name(), home, parts, s -> s.domains(),
          (s, list) -> new Schema(s.name(), s.tables(), s.views(), s.enums(), s.sequences(), true, null,
              s.routines(), list));
      for (Map.Entry<String, Schema> part : parts.entrySet()) {
        Schema content = part.getValue();
        boolean withExtensions = !extensionsWritten && part.getKey().equals(home);
        List<Extension> extensions = withExtensions ? snapshot.extensions() : List.of();
        if (content.tables().isEmpty() && content.views().isEmpty() && content.enums().isEmpty()
            && content.sequences().isEmpty() && content.routines().isEmpty() && content.domains().isEmpty()
            && extensions.isEmpty()) {
          continue;
        }
        extensionsWritten |= withExtensions;
        String text = ContractWriter.recordFiles(new Catalog(List.of(content), extensions)).values().iterator().next();
        text = reorderTables(text, tableOrder.getOrDefault(part.getKey(), List.of()));
        String before = existing.get(part.getKey());
        result.put(part.getKey(), before == null ? SCHEMA_LINE + text : carryComments(before, text));
      }
    }
    return result;
  }

  /**
   * A database has no notion of soft delete: the rules a contract declares are kept for the tables that still
   * have the column.
   */
  private static Catalog withDeclaredSoftDeletes(Catalog snapshot, java.util.Collection<Catalog> contracts) {
    List<Schema> schemas = new ArrayList<>();
    for (Schema schema : snapshot.schemas()) {
      schemas.add(schema.withTables(schema.tables().stream().map(table -> contracts.stream()
          .flatMap(c -> c.table(schema.name(), table.name()).stream())
          .map(Table::softDelete).filter(java.util.Objects::nonNull)
          .filter(rule -> table.column(rule.column()).isPresent())
          .findFirst().map(rule -> table.withSoftDelete(new dev.schemakit.model.SoftDelete(rule.column(), rule.kind(),
              rule.uniqueExcludesDeleted(), null)))
          .orElse(table)).toList()));
    }
    return new Catalog(schemas, snapshot.extensions());
  }

  private interface Rebuild<T> {
    Schema with(Schema schema, List<T> items);
  }

  private static <T> void assign(List<T> items, Function<T, String> name, List<String> files,
      Map<String, Catalog> byFile, String schemaName, String home, Map<String, Schema> parts,
      Function<Schema, List<?>> listed, Rebuild<T> rebuild) {
    Map<String, List<T>> placed = new LinkedHashMap<>();
    for (T item : items) {
      String file = files.stream().filter(f -> listed.apply(byFile.get(f).schema(schemaName).orElseThrow()).stream()
          .anyMatch(existing -> nameOf(existing).equals(name.apply(item)))).findFirst().orElse(home);
      placed.computeIfAbsent(file, f -> new ArrayList<>()).add(item);
    }
    placed.forEach((file, list) -> parts.put(file, rebuild.with(parts.get(file), list)));
  }

  private static String nameOf(Object element) {
    if (element instanceof Table t) {
      return t.name();
    }
    if (element instanceof View v) {
      return v.name();
    }
    if (element instanceof EnumType e) {
      return e.name();
    }
    if (element instanceof Routine r) {
      return r.signature();
    }
    if (element instanceof Domain d) {
      return d.name();
    }
    return ((Sequence) element).name();
  }

  private static Schema empty(String name) {
    return new Schema(name, List.of(), List.of(), List.of(), List.of(), true, null);
  }

  /** Table names in the order a (block-style) file lists them; the reader's model sorts them by name. */
  static List<String> tableOrder(String text) {
    List<String> names = new ArrayList<>();
    boolean inTables = false;
    Integer indent = null;
    for (String line : text.split("\n")) {
      if (line.isBlank() || COMMENT.matcher(line).matches()) {
        continue;
      }
      int depth = line.length() - line.stripLeading().length();
      if (depth == 0) {
        inTables = line.startsWith("tables:");
        indent = null;
        continue;
      }
      if (inTables && (indent == null || depth == indent)) {
        Matcher key = KEY_LINE.matcher(line);
        if (key.matches()) {
          indent = depth;
          names.add(key.group(2).strip().replaceAll("^[\"']|[\"']$", ""));
        }
      }
    }
    return names;
  }

  /** Puts the table blocks under {@code tables:} into the old order; tables not in it follow in name order. */
  static String reorderTables(String text, List<String> order) {
    boolean newline = text.endsWith("\n");
    List<String> lines = List.of((newline ? text.substring(0, text.length() - 1) : text).split("\n", -1));
    int start = lines.indexOf("tables:");
    if (start < 0 || order.isEmpty()) {
      return text;
    }
    Map<String, List<String>> blocks = new LinkedHashMap<>();
    List<String> current = null;
    int end = start + 1;
    for (; end < lines.size(); end++) {
      String line = lines.get(end);
      if (!line.isEmpty() && !line.startsWith(" ")) {
        break;
      }
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        current = new ArrayList<>();
        blocks.put(line.substring(2, line.indexOf(':')), current);
      }
      if (current != null) {
        current.add(line);
      }
    }
    List<String> out = new ArrayList<>(lines.subList(0, start + 1));
    for (String name : order) {
      List<String> block = blocks.remove(name);
      if (block != null) {
        out.addAll(block);
      }
    }
    blocks.values().forEach(out::addAll);
    out.addAll(lines.subList(end, lines.size()));
    return String.join("\n", out) + (newline ? "\n" : "");
  }

  /** Carries comments of {@code before} to the same elements in {@code after}. */
  static String carryComments(String before, String after) {
    Map<String, List<String>> leading = new HashMap<>();
    Map<String, String> trailing = new HashMap<>();
    List<String> header = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    Deque<String[]> stack = new ArrayDeque<>();
    boolean seenKey = false;
    for (String line : before.split("\n", -1)) {
      if (COMMENT.matcher(line).matches()) {
        (seenKey ? pending : header).add(line.strip());
        continue;
      }
      String path = path(line, stack);
      if (path == null) {
        continue;
      }
      seenKey = true;
      if (!pending.isEmpty()) {
        leading.put(path, List.copyOf(pending));
        pending.clear();
      }
      String comment = trailingComment(line);
      if (comment != null) {
        trailing.put(path, comment);
      }
    }
    StringBuilder out = new StringBuilder();
    header.forEach(h -> out.append(h).append('\n'));
    stack.clear();
    String[] lines = after.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String path = path(line, stack);
      if (path != null) {
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        for (String comment : leading.getOrDefault(path, List.of())) {
          out.append(indent).append(comment).append('\n');
        }
        if (trailing.containsKey(path) && trailingComment(line) == null) {
          line = line + "  " + trailing.get(path);
        }
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** The key path of a block-YAML line ({@code tables.guilds.columns.name}), keeping {@code stack} up to date. */
  private static String path(String line, Deque<String[]> stack) {
    if (line.isBlank()) {
      return null;
    }
    Matcher item = ITEM_LINE.matcher(line);
    Matcher key = KEY_LINE.matcher(line);
    int indent;
    String segment;
    if (item.matches()) {
      indent = item.group(1).length();
      String content = withoutComment(item.group(2)).strip();
      Matcher name = ITEM_NAME.matcher(content);
      segment = "[" + (name.find() ? name.group(1) : content) + "]";
    } else if (key.matches()) {
      indent = key.group(1).length();
      segment = key.group(2).strip().replaceAll("^[\"']|[\"']$", "");
    } else {
      return null;
    }
    while (!stack.isEmpty() && Integer.parseInt(stack.peek()[0]) >= indent) {
      stack.pop();
    }
    String parent = stack.isEmpty() ? "" : stack.peek()[1] + ".";
    String path = parent + segment;
    stack.push(new String[] {Integer.toString(indent), path});
    return path;
  }

  private static String trailingComment(String line) {
    int at = commentStart(line);
    return at < 0 ? null : line.substring(at).strip();
  }

  private static String withoutComment(String text) {
    int at = commentStart(text);
    return at < 0 ? text : text.substring(0, at);
  }

  /** Where a {@code #} comment starts outside quotes, or -1. */
  private static int commentStart(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }
}
