package dev.schemakit.snapshot;

import dev.schemakit.diff.SqlText;
import dev.schemakit.model.TriggerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parsing of the definitions PostgreSQL prints ({@code pg_get_indexdef}, {@code
 * pg_get_constraintdef}, {@code pg_get_triggerdef}), shared by both readers so that they produce
 * the same text for the same object.
 */
final class CatalogText {

  private CatalogText() {}

  /** The parts of {@code CREATE [UNIQUE] INDEX name ON table USING method (elements) [WHERE (pred)]}. */
  record IndexDefinition(String method, List<String> elements, String where) {}

  static IndexDefinition parseIndex(String definition) {
    int using = definition.indexOf(" USING ");
    int open = definition.indexOf('(', using);
    int close = matching(definition, open);
    String method = definition.substring(using + 7, open).trim().toLowerCase(Locale.ROOT);
    List<String> elements = splitTopLevel(definition.substring(open + 1, close));
    int where = definition.indexOf(" WHERE ", close);
    String predicate = where < 0 ? null : definition.substring(where + 7).trim();
    return new IndexDefinition(method, elements, predicate);
  }

  /** {@code CHECK ((a > 0)) NOT VALID} -> {@code (a > 0)}. */
  static String checkExpression(String definition) {
    String text = definition.trim();
    if (text.startsWith("CHECK ")) {
      text = text.substring(6).trim();
    }
    if (text.endsWith(" NOT VALID")) {
      text = text.substring(0, text.length() - 10).trim();
    }
    if (text.endsWith(" NO INHERIT")) {
      text = text.substring(0, text.length() - 11).trim();
    }
    while (text.startsWith("(") && matching(text, 0) == text.length() - 1) {
      text = text.substring(1, text.length() - 1).trim();
    }
    return text;
  }

  /** The called function of a trigger definition: {@code ... EXECUTE FUNCTION f('a')} -> {@code f('a')}. */
  static String triggerFunction(String definition) {
    for (String marker : List.of("EXECUTE FUNCTION ", "EXECUTE PROCEDURE ")) {
      int at = definition.indexOf(marker);
      if (at >= 0) {
        return definition.substring(at + marker.length()).trim();
      }
    }
    return definition;
  }

  /** Events encoded in {@code pg_trigger.tgtype}. */
  static List<TriggerEvent> triggerEvents(int tgtype) {
    List<TriggerEvent> events = new ArrayList<>();
    if ((tgtype & 4) != 0) {
      events.add(TriggerEvent.INSERT);
    }
    if ((tgtype & 16) != 0) {
      events.add(TriggerEvent.UPDATE);
    }
    if ((tgtype & 8) != 0) {
      events.add(TriggerEvent.DELETE);
    }
    if ((tgtype & 32) != 0) {
      events.add(TriggerEvent.TRUNCATE);
    }
    return events;
  }

  static int matching(String text, int open) {
    return SqlText.closingParenthesis(text, open);
  }

  static List<String> splitTopLevel(String list) {
    return SqlText.splitTopLevel(list, ",");
  }

  /** A JDBC URL without its password, for messages. */
  static String safeUrl(String url) {
    return url == null ? "(unknown URL)" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
