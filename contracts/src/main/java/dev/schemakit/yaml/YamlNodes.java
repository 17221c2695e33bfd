package dev.schemakit.yaml;

import dev.schemakit.model.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The YAML nodes of one contract file read as what they should be (a mapping with these keys, a list, a string, a
 * keyword), each problem collected with its file:line instead of thrown, so that one run reports them all.
 */
final class YamlNodes {

  /** Every problem found so far, in every file read. */
  final List<ContractProblem> problems = new ArrayList<>();
  /** The file being read, for the origins of nodes. */
  String file;

  YamlNodes() {
  }

  Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
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
  Map<String, Node> namedMapping(Node node, String what) {
    Map<String, Node> result = new LinkedHashMap<>();
    if (node == null || (node instanceof ScalarNode scalar && scalar.getValue().isEmpty())) {
      return result;
    }
    if (!(node instanceof MappingNode mapping)) {
      problem(origin(node), what + " must be a mapping from name to definition, but was " + describe(node) + ".");
      return result;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      // a name written as SQL quotes it ('"offset"') is the name itself
      String key = dev.schemakit.model.Names.unquote(keyOf(tuple.getKeyNode()));
      if (key != null && result.putIfAbsent(key, tuple.getValueNode()) != null) {
        problem(origin(tuple.getKeyNode()), "'" + key + "' appears twice under " + what + ". Keep one.");
      }
    }
    return result;
  }

  <T> List<T> list(Node node, String what, java.util.function.Function<Node, T> item) {
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

  String keyOf(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    problem(origin(node), "keys must be plain names, but found " + describe(node) + ".");
    return null;
  }

  String string(Node node, String key) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    problem(origin(node), key + " must be a single value, but was " + describe(node) + ".");
    return null;
  }

  String optionalString(Map<String, Node> map, String key) {
    return map.containsKey(key) ? string(map.get(key), key) : null;
  }

  Boolean bool(Node node, String key) {
    if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN) {
      String value = scalar.getValue().toLowerCase(Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        return Boolean.valueOf(value);
      }
    }
    problem(origin(node), key + " must be true or false, but was " + describe(node) + ".");
    return null;
  }

  Long number(Node node, String key) {
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar && scalar.getValue().matches("-?\\d+")) {
      return Long.valueOf(scalar.getValue());
    }
    problem(origin(node), key + " must be a whole number, but was " + describe(node) + ".");
    return null;
  }

  List<String> stringList(Node node, String what) {
    if (node instanceof ScalarNode scalar && scalar.getScalarStyle() == ScalarStyle.PLAIN
        && !scalar.getValue().isEmpty()) {
      return List.of(dev.schemakit.model.Names.unquote(scalar.getValue()));
    }
    if (node instanceof SequenceNode sequence) {
      List<String> values = new ArrayList<>();
      for (Node element : sequence.getValue()) {
        String value = string(element, what + " item");
        if (value != null) {
          values.add(dev.schemakit.model.Names.unquote(value));
        }
      }
      return values;
    }
    problem(origin(node), what + " must be a list of names, such as [a, b], but was " + describe(node) + ".");
    return null;
  }

  List<String> required(Map<String, Node> map, Node owner, String key, String what) {
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

  /** Reports a list of columns that is empty where one is needed; {@code null}, as every helper on a problem. */
  <T> T emptyColumns(Node node, String what) {
    problem(origin(node), what + " must list at least one column, but lists none.");
    return null;
  }

  <E extends Enum<E>> E keyword(Node node, String key, Class<E> type) {
    String value = string(node, key);
    return value == null ? null : keywordValue(node, key, value, type);
  }

  <E extends Enum<E>> E keywordValue(Node node, String key, String value, Class<E> type) {
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

  static String describe(Node node) {
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

  Origin origin(Node node) {
    if (node == null) {
      return new Origin(file, 1, 1);
    }
    return node.getStartMark()
        .map(mark -> new Origin(file, mark.getLine() + 1, mark.getColumn() + 1))
        .orElse(new Origin(file, 1, 1));
  }

  void problem(Origin origin, String message) {
    problems.add(new ContractProblem(origin, message));
  }
}
