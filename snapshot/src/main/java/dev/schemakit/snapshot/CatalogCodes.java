package dev.schemakit.snapshot;

import dev.schemakit.model.Identity;
import dev.schemakit.model.ReferentialAction;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The one-letter codes of pg_catalog ({@code attidentity}, {@code polcmd}, {@code provolatile}, {@code
 * confdeltype}) as the model's values; the SchemaCrawler reader reads the same codes.
 */
final class CatalogCodes {

  private CatalogCodes() {
  }

  static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  static Identity identity(String attidentity) {
    return switch (attidentity == null ? "" : attidentity) {
      case "a" -> Identity.ALWAYS;
      case "d" -> Identity.BY_DEFAULT;
      default -> null;
    };
  }

  static String command(String polcmd) {
    return switch (polcmd) {
      case "r" -> "select";
      case "a" -> "insert";
      case "w" -> "update";
      case "d" -> "delete";
      default -> "all";
    };
  }

  static String volatility(String provolatile) {
    return switch (provolatile) {
      case "i" -> "immutable";
      case "s" -> "stable";
      default -> "volatile";
    };
  }

  static ReferentialAction action(String code) {
    return switch (code) {
      case "r" -> ReferentialAction.RESTRICT;
      case "c" -> ReferentialAction.CASCADE;
      case "n" -> ReferentialAction.SET_NULL;
      case "d" -> ReferentialAction.SET_DEFAULT;
      default -> ReferentialAction.NO_ACTION;
    };
  }
}
