package dev.schemakit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/migration-test.md's table of settings has a row for every {@code schemakit.*} key and prefix
 * {@code schemakit.properties} takes, and no row for one it refuses.
 */
class SettingsReferenceTests {

  /** A row's first cell: {@code `schemakit.placeholders.<name>`} is the prefix {@code schemakit.placeholders.}. */
  private static final Pattern ROW = Pattern.compile("^ *\\| `(schemakit\\.[a-zA-Z.]+)(<[a-z]+>)?`", Pattern.MULTILINE);

  static Set<String> documented(String page) {
    Set<String> keys = new TreeSet<>();
    Matcher row = ROW.matcher(page);
    while (row.find()) {
      keys.add(row.group(1));
    }
    return keys;
  }

  @Test
  void everyKeyAndPrefixHasItsRowAndEveryRowIsTaken() throws Exception {
    Set<String> taken = new TreeSet<>();
    Stream.concat(MigrationTestSettings.KEYS.stream(), MigrationTestSettings.KEY_PREFIXES.stream()).forEach(taken::add);

    assertThat(documented(Files.readString(Path.of("../docs/migration-test.md")))).isEqualTo(taken);
  }

  @Test
  void aKeyRemovedFromThePageFailsTheReference() throws Exception {
    String page = Files.readString(Path.of("../docs/migration-test.md"))
        .replaceFirst("(?m)^ *\\| `schemakit\\.labels` \\|.*\\n", "");

    assertThat(documented(page)).doesNotContain("schemakit.labels")
        .hasSize(MigrationTestSettings.KEYS.size() + MigrationTestSettings.KEY_PREFIXES.size() - 1);
  }
}
