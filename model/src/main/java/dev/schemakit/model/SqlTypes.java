package dev.schemakit.model;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Type-name normalisation, so that {@code int}, {@code int4} and {@code integer} are one type.
 *
 * <p>The canonical form is what PostgreSQL's {@code format_type()} prints ({@code integer}, {@code
 * character varying(255)}, {@code timestamp with time zone}, {@code numeric(10,2)}, {@code
 * integer[]}); the preferred form is the short spelling people write in contracts ({@code
 * varchar(255)}, {@code timestamptz}). {@code serial} types canonicalise to their integer type; the
 * contract reader adds their sequence default.
 */
public final class SqlTypes {

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("int", "integer"),
      Map.entry("int4", "integer"),
      Map.entry("serial", "integer"),
      Map.entry("serial4", "integer"),
      Map.entry("int8", "bigint"),
      Map.entry("bigserial", "bigint"),
      Map.entry("serial8", "bigint"),
      Map.entry("int2", "smallint"),
      Map.entry("smallserial", "smallint"),
      Map.entry("serial2", "smallint"),
      Map.entry("bool", "boolean"),
      Map.entry("float8", "double precision"),
      Map.entry("float", "double precision"),
      Map.entry("double", "double precision"),
      Map.entry("float4", "real"),
      Map.entry("decimal", "numeric"),
      Map.entry("varchar", "character varying"),
      Map.entry("char", "character"),
      Map.entry("varbit", "bit varying"),
      Map.entry("timestamptz", "timestamp with time zone"),
      Map.entry("timestamp", "timestamp without time zone"),
      Map.entry("timetz", "time with time zone"),
      Map.entry("time", "time without time zone"));

  private static final Map<String, String> PREFERRED = Map.of(
      "character varying", "varchar",
      "character", "char",
      "bit varying", "varbit",
      "timestamp with time zone", "timestamptz",
      "timestamp without time zone", "timestamp",
      "time with time zone", "timetz",
      "time without time zone", "time");

  private static final Map<String, String> SERIALS = Map.of(
      "serial", "integer", "serial4", "integer",
      "bigserial", "bigint", "serial8", "bigint",
      "smallserial", "smallint", "serial2", "smallint");

  // name, optional (modifiers), optional " with(out) time zone" after a precision, array suffixes
  private static final Pattern SHAPE = Pattern.compile(
      "^(?<base>[a-z_][a-z0-9_ .\"]*?)\\s*(?:\\((?<mods>[^)]*)\\))?"
          + "(?<zone>\\s+with(?:out)?\\s+time\\s+zone)?(?<array>(?:\\s*\\[\\s*\\d*\\s*\\])*)$");

  private SqlTypes() {}

  /**
   * The canonical spelling of a type, as PostgreSQL's {@code format_type()} prints it.
   *
   * @param type a type as written in a contract or reported by a database; {@code null} gives {@code null}
   * @return the canonical spelling; unknown types (enums, domains, extension types) are returned
   *     trimmed and, unless quoted, lower-cased
   */
  public static String canonical(String type) {
    if (type == null) {
      return null;
    }
    // a snapshot asks for the same few types thousands of times
    String known = CANONICAL.get(type);
    if (known != null) {
      return known;
    }
    String canonical = canonicalOf(type);
    if (CANONICAL.size() < CANONICAL_CACHE_SIZE) {
      CANONICAL.put(type, canonical);
    }
    return canonical;
  }

  private static final int CANONICAL_CACHE_SIZE = 10_000;
  private static final java.util.Map<String, String> CANONICAL = new java.util.concurrent.ConcurrentHashMap<>();

  private static String canonicalOf(String type) {
    String text = type.trim().replaceAll("\\s+", " ");
    if (!text.contains("\"")) {
      text = text.toLowerCase(Locale.ROOT);
    }
    boolean arrayPrefix = text.startsWith("_") && ALIASES.containsKey(text.substring(1));
    if (arrayPrefix || (text.startsWith("_") && PREFERRED.containsKey(text.substring(1)))) {
      text = text.substring(1) + "[]"; // JDBC metadata spells integer[] as _int4
    }
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return text;
    }
    String base = m.group("base").trim();
    String mods = m.group("mods") == null ? null : m.group("mods").replace(" ", "");
    String zone = m.group("zone") == null ? null : m.group("zone").trim();
    String arrays = m.group("array").replaceAll("\\s|\\d", "");

    // "timestamp with time zone" may come as one base (no precision) or split around "(3)"
    if (base.endsWith(" with time zone") || base.endsWith(" without time zone")) {
      int at = base.indexOf(" with");
      zone = base.substring(at + 1);
      base = base.substring(0, at);
    }
    if (zone != null) {
      base = base + " " + zone;
    }
    base = ALIASES.getOrDefault(base, base);
    if (base.equals("numeric") && mods != null && !mods.contains(",")) {
      mods = mods + ",0";
    }
    if (base.equals("double precision") && mods != null) {
      base = Integer.parseInt(mods) <= 24 ? "real" : "double precision";
      mods = null;
    }
    if (base.equals("character") && mods == null && arrays.isEmpty()) {
      mods = "1";
    }
    return withModifiers(base, mods) + arrays;
  }

  /** The short spelling of a canonical type for contracts: {@code varchar(255)}, {@code timestamptz}. */
  public static String preferred(String type) {
    String canonical = canonical(type);
    if (canonical == null) {
      return null;
    }
    Matcher m = SHAPE.matcher(canonical);
    if (!m.matches()) {
      return canonical;
    }
    String base = m.group("base").trim();
    String mods = m.group("mods");
    String zone = m.group("zone") == null ? null : m.group("zone").trim();
    String arrays = m.group("array");
    String full = zone == null ? base : base + " " + zone;
    if (PREFERRED.containsKey(full)) {
      return withModifiers(PREFERRED.get(full), mods) + arrays;
    }
    return canonical;
  }

  /** Whether a contract type is a serial pseudo-type (an integer with a sequence default). */
  public static boolean isSerial(String type) {
    return type != null && SERIALS.containsKey(type.trim().toLowerCase(Locale.ROOT));
  }

  /** The serial pseudo-type that stands for a canonical integer type: {@code integer} -> {@code serial}. */
  public static String serialFor(String canonicalType) {
    return switch (canonicalType) {
      case "integer" -> "serial";
      case "bigint" -> "bigserial";
      case "smallint" -> "smallserial";
      default -> null;
    };
  }

  private static String withModifiers(String base, String mods) {
    if (mods == null) {
      return base;
    }
    // "timestamp(3) with time zone": the precision goes after the first word
    int zoneAt = base.indexOf(" with");
    if (zoneAt > 0 && (base.startsWith("timestamp") || base.startsWith("time"))) {
      return base.substring(0, zoneAt) + "(" + mods + ")" + base.substring(zoneAt);
    }
    return base + "(" + mods + ")";
  }
}
