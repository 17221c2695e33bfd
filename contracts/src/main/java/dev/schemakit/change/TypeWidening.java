package dev.schemakit.change;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a column's new type still holds every value of the old one ({@code varchar(20)} to {@code varchar(40)},
 * {@code integer} to {@code bigint}): a change of type that breaks no reader.
 */
final class TypeWidening {

  private static final Pattern MODIFIERS = Pattern.compile("^(.*?)\\((\\d+)(?:,(\\d+))?\\)(.*)$");
  private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

  private TypeWidening() {
  }

  /** Whether every value of {@code before} fits {@code after} unchanged. */
  static boolean widens(String before, String after) {
    String baseBefore = base(before);
    String baseAfter = base(after);
    boolean textBefore = baseBefore.equals("character varying") || baseBefore.equals("character");
    if (textBefore && (after.equals("text") || after.equals("character varying"))) {
      return true;
    }
    if (textBefore && baseAfter.equals("character varying")) {
      return modifier(after, 1) >= modifier(before, 1);
    }
    if (INTEGERS.contains(before) && INTEGERS.contains(after)) {
      return INTEGERS.indexOf(after) > INTEGERS.indexOf(before);
    }
    if (INTEGERS.contains(before) && after.equals("numeric")) {
      return true;
    }
    if (baseBefore.equals("numeric") && baseAfter.equals("numeric")) {
      if (after.equals("numeric")) {
        return true;
      }
      int scaleBefore = modifier(before, 2);
      int scaleAfter = modifier(after, 2);
      return scaleAfter >= scaleBefore
          && modifier(after, 1) - scaleAfter >= modifier(before, 1) - scaleBefore;
    }
    if (before.equals("real") && after.equals("double precision")) {
      return true;
    }
    return (baseBefore.startsWith("timestamp") || baseBefore.startsWith("time")) && baseBefore.equals(baseAfter)
        && modifier(after, 1) >= modifier(before, 1);
  }

  static String base(String type) {
    Matcher m = MODIFIERS.matcher(type);
    return m.matches() ? (m.group(1) + m.group(4)).trim() : type;
  }

  /** The n-th type modifier ({@code varchar(40)}: 40; {@code numeric(10,2)}: 10, 2); 6 for time precision unset. */
  static int modifier(String type, int n) {
    Matcher m = MODIFIERS.matcher(type);
    if (!m.matches()) {
      return type.startsWith("time") ? 6 : n == 2 ? 0 : Integer.MAX_VALUE;
    }
    String value = m.group(n + 1);
    return value == null ? 0 : Integer.parseInt(value);
  }
}
