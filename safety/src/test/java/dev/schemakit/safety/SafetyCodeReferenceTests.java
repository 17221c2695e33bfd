package dev.schemakit.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/deploy-safety.md has a row for every safety code, and no row for a code that does not exist. */
class SafetyCodeReferenceTests {

  /** A row of the rules' table: its first cell holds one code or several ({@code `DROP_COLUMN`, `DROP_TABLE`}). */
  private static final Pattern ROW = Pattern.compile("^\\| ((?:`[A-Z_]+`(?:, )?)+) \\| (error|warning|info)[^|]* \\|",
      Pattern.MULTILINE);

  static Set<String> documented(String page) {
    Set<String> codes = new TreeSet<>();
    Matcher row = ROW.matcher(page);
    while (row.find()) {
      Matcher code = Pattern.compile("`([A-Z_]+)`").matcher(row.group(1));
      while (code.find()) {
        codes.add(code.group(1));
      }
    }
    return codes;
  }

  @Test
  void everyCodeHasItsRowAndEveryRowIsACode() throws Exception {
    Set<String> codes = new TreeSet<>(Arrays.stream(SafetyCode.values()).map(Enum::name).toList());

    assertThat(documented(Files.readString(Path.of("../docs/deploy-safety.md")))).isEqualTo(codes);
  }

  @Test
  void aCodeRemovedFromThePageFailsTheReference() throws Exception {
    String page = Files.readString(Path.of("../docs/deploy-safety.md"))
        .replaceFirst("(?m)^\\| `INDEX_NOT_CONCURRENT` \\|.*\\n", "");

    assertThat(documented(page)).doesNotContain("INDEX_NOT_CONCURRENT").hasSize(SafetyCode.values().length - 1);
  }
}
