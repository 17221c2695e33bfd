package dev.schemakit.commands;

import dev.schemakit.model.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code --name value} options and {@code --flag}s of one command, checked against what it accepts. */
final class Options {

  private final String command;
  private final Map<String, List<String>> values;

  private Options(String command, Map<String, List<String>> values) {
    this.command = command;
    this.values = values;
  }

  static Options parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String inline = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        inline = arg.substring(equals + 1);
      }
      if (flags.contains(name)) {
        values.put(name, List.of("true"));
      } else if (valued.contains(name)) {
        String value = inline;
        if (value == null) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw CliException.badInput(command + ": option " + name + " needs a value.");
          }
          value = args.get(++i);
        }
        values.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
      } else {
        String known = String.join(" ", valued.stream().sorted().toList()) + " "
            + String.join(" ", flags.stream().sorted().toList());
        String given = name;
        String nearest = java.util.stream.Stream.concat(valued.stream(), flags.stream())
            .min(Comparator.comparingInt(o -> Names.distance(o, given)))
            .filter(o -> Names.distance(o, given) <= 3).map(o -> " Did you mean " + o + "?").orElse("");
        throw CliException.badInput(command + ": unknown option '" + arg + "'." + nearest + " Options: " + known.trim());
      }
    }
    return new Options(command, values);
  }

  /** The value of an option; given twice, the last one (as a later setting wins). */
  Optional<String> value(String name) {
    List<String> given = values.get(name);
    return given == null ? Optional.empty() : Optional.of(given.get(given.size() - 1));
  }

  /** Every value of an option that may be repeated ({@code --migrations a --migrations b}), in order. */
  List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  String required(String name, String what) {
    return value(name).orElseThrow(() -> CliException.badInput(command + ": " + name + " is required (" + what
        + "). See `schemakit help`."));
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  /** An existing directory named by a required option. */
  Path directory(String name, String what) {
    Path path = Path.of(required(name, what));
    if (!Files.isDirectory(path)) {
      throw CliException.badInput(command + ": " + name + " " + path + " is not a directory (" + what + ").");
    }
    return path;
  }

  /** One of the allowed values, or the default. */
  String choice(String name, String fallback, List<String> allowed) {
    String value = value(name).orElse(fallback);
    if (!allowed.contains(value)) {
      throw CliException.badInput(command + ": " + name + " '" + value + "' is not one of " + String.join(", ", allowed)
          + ".");
    }
    return value;
  }
}
