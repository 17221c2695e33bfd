package dev.schemakit.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The guide's table of every option (docs/cli.md, "Every option") is the commands' options, no more, no less. */
class CliOptionReferenceTests {

  private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z-]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

  @Test
  void everyOptionOfEveryCommandHasItsRowAndEveryRowIsAnOption() throws Exception {
    String page = Files.readString(Path.of("../docs/cli.md"));
    String table = page.substring(page.indexOf("### Every option"));

    assertThat(documented(table)).isEqualTo(taken());
  }

  /** Option → the commands that take it, as the code says. */
  static Map<String, Set<String>> taken() {
    Map<String, Set<String>> taken = new TreeMap<>();
    Commands.COMMANDS.forEach((name, command) -> {
      command.options().forEach(option -> taken.computeIfAbsent(option, key -> new TreeSet<>()).add(name));
      command.flags().forEach(flag -> taken.computeIfAbsent(flag, key -> new TreeSet<>()).add(name));
    });
    // every command takes --verbose (Commands.run reads it before the command's own options)
    taken.put("--verbose", new TreeSet<>(Commands.COMMANDS.keySet()));
    return taken;
  }

  /** Option → the commands its row names ("every command" is all of them). */
  static Map<String, Set<String>> documented(String table) {
    Map<String, Set<String>> documented = new TreeMap<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      String commands = row.group(2).strip();
      documented.put(row.group(1), commands.equals("every command") ? new TreeSet<>(Commands.COMMANDS.keySet())
          : new TreeSet<>(Arrays.stream(commands.split(",")).map(String::strip).toList()));
    }
    return documented;
  }

  @Test
  void aRowRemovedFromThePageFailsTheReference() throws Exception {
    String page = Files.readString(Path.of("../docs/cli.md"));
    String table = page.substring(page.indexOf("### Every option")).replaceFirst("(?m)^\\| `--lock` \\|.*\\n", "");

    assertThat(documented(table)).doesNotContainKey("--lock").isNotEqualTo(taken());
  }
}
