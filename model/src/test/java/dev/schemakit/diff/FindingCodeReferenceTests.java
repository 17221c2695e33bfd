package dev.schemakit.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/contracts.md has a row for every finding code, its severity first in the severity cell (the page may say when
 * it is lower), and no row for a code that does not exist. The page's description may say more than the code's.
 */
class FindingCodeReferenceTests {

  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (error|warning|info)[^|]* \\|",
      Pattern.MULTILINE);

  /** Code → the severity its row names first. */
  static Map<String, String> documented(String page) {
    Map<String, String> rows = new TreeMap<>();
    Matcher row = ROW.matcher(page);
    while (row.find()) {
      rows.put(row.group(1), row.group(2));
    }
    return rows;
  }

  @Test
  void everyCodeHasItsRowWithItsSeverity() throws Exception {
    Map<String, String> codes = new TreeMap<>();
    Arrays.stream(FindingCode.values()).forEach(code -> codes.put(code.name(),
        code.severity().name().toLowerCase(java.util.Locale.ROOT)));

    assertThat(documented(Files.readString(Path.of("../docs/contracts.md")))).isEqualTo(codes);
  }

  @Test
  void aCodeRemovedFromThePageFailsTheReference() throws Exception {
    String page = Files.readString(Path.of("../docs/contracts.md"))
        .replaceFirst("(?m)^\\| `TABLE_MISSING` \\|.*\\n", "");

    assertThat(documented(page)).doesNotContainKey("TABLE_MISSING").hasSize(FindingCode.values().length - 1);
  }
}
