package dev.schemakit.diff;

import dev.schemakit.model.Column;
import dev.schemakit.model.ForeignKey;
import dev.schemakit.model.Index;
import dev.schemakit.model.Names;
import dev.schemakit.model.Policy;
import dev.schemakit.model.PrimaryKey;
import dev.schemakit.model.RowLevelSecurity;
import dev.schemakit.model.SoftDeleteKind;
import dev.schemakit.model.Trigger;
import dev.schemakit.model.TriggerEvent;
import dev.schemakit.model.View;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How findings write model elements: names, nearest names for typos, columns, keys, indexes, triggers, policies. */
final class DiffText {

  private DiffText() {
  }

  static String kindOf(View view) {
    return view.materialized() ? "materialized view" : "view";
  }

  static String canonicalOrNull(String text) {
    return text == null ? null : SqlText.canonical(text);
  }

  static String show(String expression) {
    return expression == null ? "(none)" : "(" + expression + ")";
  }

  static String describe(Policy policy) {
    return "FOR " + (policy.command() == null ? "?" : policy.command().toUpperCase(java.util.Locale.ROOT))
        + (Boolean.FALSE.equals(policy.permissive()) ? " AS RESTRICTIVE" : "")
        + (policy.roles() == null ? "" : " TO " + String.join(", ", policy.roles()))
        + (policy.using() == null ? "" : " USING (" + policy.using() + ")")
        + (policy.withCheck() == null ? "" : " WITH CHECK (" + policy.withCheck() + ")");
  }

  static Pattern livePredicate(String column, SoftDeleteKind kind) {
    String c = "(?:[a-z_][a-z0-9_]*\\.)?\"?" + Pattern.quote(column.toLowerCase(java.util.Locale.ROOT)) + "\"?";
    if (kind == SoftDeleteKind.TIMESTAMP) {
      return Pattern.compile("(?<![a-z0-9_])" + c + " is null");
    }
    return Pattern.compile("not " + c + "(?![a-z0-9_])|(?<![a-z0-9_])" + c
        + " (?:= false|is false|is not true|<> true|!= true)");
  }

  static String liveCondition(String column, SoftDeleteKind kind) {
    return kind == SoftDeleteKind.TIMESTAMP ? column + " IS NULL" : "NOT " + column;
  }

  static <T> Set<String> names(List<T> items, Function<T, String> name) {
    return items.stream().map(name).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  static String nearest(String name, Set<String> candidates) {
    return candidates.stream()
        .filter(c -> c.equalsIgnoreCase(name) || Names.distance(c, name) <= Math.max(1, name.length() / 4))
        .findFirst().map(c -> " (the database has " + c + ")").orElse("");
  }

  static String quote(String text) {
    return text == null ? "none" : "'" + text + "'";
  }

  static String nullability(Boolean nullable) {
    return nullable == null ? "unknown" : nullable ? "NULL" : "NOT NULL";
  }

  static String identity(Column column) {
    return column.identity() == null ? "not an identity column"
        : "identity " + column.identity().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  static String deferrability(Boolean deferrable, Boolean initiallyDeferred) {
    if (!Boolean.TRUE.equals(deferrable)) {
      return "NOT DEFERRABLE";
    }
    return Boolean.TRUE.equals(initiallyDeferred) ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE";
  }

  static String rls(RowLevelSecurity rls) {
    return (rls.enabled() ? "enabled" : "disabled") + (rls.forced() ? " and forced" : "");
  }

  static String describe(Column c) {
    StringBuilder b = new StringBuilder(c.type() == null ? "any type" : c.type());
    if (Boolean.FALSE.equals(c.nullable())) {
      b.append(" NOT NULL");
    }
    if (c.defaultValue() != null) {
      b.append(" DEFAULT ").append(c.defaultValue());
    }
    return b.toString();
  }

  static String describe(PrimaryKey pk) {
    return (pk.name() == null ? "" : pk.name() + " ") + pk.columns();
  }

  static String describe(ForeignKey fk) {
    return fk.columns() + " -> " + fk.referenceText();
  }

  static String describe(Index index) {
    return (index.unique() ? "UNIQUE " : "") + (index.name() == null ? "" : index.name() + " ")
        + (index.method().equals("btree") ? "" : "USING " + index.method() + " ") + index.elements()
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  static String describe(Trigger t) {
    return t.timing().name().replace('_', ' ') + " "
        + t.events().stream().map(TriggerEvent::name).collect(Collectors.joining(" OR "))
        + " FOR EACH " + t.level().name() + " EXECUTE FUNCTION " + t.function();
  }
}
