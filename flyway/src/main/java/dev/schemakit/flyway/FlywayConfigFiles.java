package dev.schemakit.flyway;

import dev.schemakit.model.Names;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flyway's own configuration as its command line reads it: {@code flyway.conf} (properties) and Flyway 10+'s
 * {@code flyway.toml} ({@code [flyway]} and {@code [flyway.postgresql]} tables, {@code [environments.*]} for the
 * connection), {@code -Dflyway.*} system properties and {@code FLYWAY_*} environment variables. Every value keeps
 * where it was written, for the "settings came from" line and for messages; an unknown key is an error naming the
 * file, line and nearest key.
 */
public final class FlywayConfigFiles {

  /** One value and where it was written ({@code flyway.toml:4}, {@code -Dflyway.table}, {@code FLYWAY_TABLE}). */
  public record Setting(String value, String source) {
  }

  /** Keys of Flyway's extensions that its core does not list. */
  private static final Set<String> EXTENSION_KEYS = Set.of(MigrationSettings.TRANSACTIONAL_LOCK);
  /** TOML names under {@code [flyway.postgresql]} and their properties-file keys. */
  private static final Map<String, String> POSTGRESQL_TOML = Map.of("transactionalLock",
      MigrationSettings.TRANSACTIONAL_LOCK);
  private static final List<String> PREFIXES = List.of("flyway.placeholders.", "flyway.jdbcProperties.",
      "flyway.plugins.");

  private FlywayConfigFiles() {
  }

  /**
   * The {@code flyway.*} settings of a {@code .conf} or {@code .toml} file.
   *
   * @throws IllegalArgumentException naming the file and line of a key that is not Flyway's or a value that cannot
   *     be read, with the nearest key
   */
  public static Map<String, Setting> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Reading the Flyway configuration " + file + " failed: " + e.getMessage()
          + ". Check the path and that it is readable.", e);
    }
    Map<String, Setting> settings = file.getFileName().toString().endsWith(".toml") ? toml(file, text)
        : conf(file, text);
    settings.forEach((key, setting) -> check(key, setting.source()));
    return settings;
  }

  /**
   * {@code -Dflyway.*} system properties that are Flyway settings. Others are left alone, not refused: in a Maven
   * build {@code -Dflyway.skip} and the like are the flyway-maven-plugin's own.
   */
  public static Map<String, Setting> systemProperties() {
    Map<String, Setting> settings = new LinkedHashMap<>();
    System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("flyway.")).sorted()
        .filter(key -> knownKeys().contains(key) || PREFIXES.stream().anyMatch(key::startsWith))
        .forEach(key -> settings.put(key, new Setting(System.getProperty(key), "-D" + key)));
    return settings;
  }

  /** {@code FLYWAY_*} environment variables, named as Flyway names them ({@code FLYWAY_PLACEHOLDERS_OWNER}). */
  public static Map<String, Setting> environment(Map<String, String> environment) {
    Map<String, String> byVariable = new LinkedHashMap<>();
    for (String key : knownKeys()) {
      byVariable.put(variable(key), key);
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    environment.keySet().stream().filter(name -> name.startsWith("FLYWAY_")).sorted().forEach(name -> {
      String key = byVariable.get(name);
      if (key == null && name.startsWith("FLYWAY_PLACEHOLDERS_")) {
        key = "flyway.placeholders." + name.substring("FLYWAY_PLACEHOLDERS_".length()).toLowerCase(Locale.ROOT);
      }
      if (key != null) {
        settings.put(key, new Setting(environment.get(name), name));
      }
    });
    return settings;
  }

  /** {@code flyway.baselineOnMigrate} is {@code FLYWAY_BASELINE_ON_MIGRATE}, as in Flyway. */
  private static String variable(String key) {
    return "FLYWAY_" + key.substring("flyway.".length()).replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_')
        .toUpperCase(Locale.ROOT);
  }

  private static Map<String, Setting> conf(Path file, String text) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int separator = line.indexOf('=');
      if (separator <= 0) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + line + "' is not key=value. Write it as"
            + " flyway.locations=filesystem:sql.");
      }
      settings.put(line.substring(0, separator).strip(), new Setting(line.substring(separator + 1).strip(),
          file.getFileName() + ":" + (i + 1)));
    }
    return settings;
  }

  /**
   * The parts of TOML a {@code flyway.toml} uses: tables, {@code key = value} with strings, booleans, numbers and
   * arrays of strings (also over several lines), and inline tables for placeholders.
   */
  private static Map<String, Setting> toml(Path file, String text) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    String table = "";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = withoutComment(lines[i]).strip();
      String where = file.getFileName() + ":" + (i + 1);
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        table = line.replaceAll("^\\[+|]+$", "").strip();
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + line + "' is neither [table] nor"
            + " key = value. Fix the TOML.");
      }
      String key = line.substring(0, equals).strip().replace("\"", "");
      StringBuilder value = new StringBuilder(line.substring(equals + 1).strip());
      while (value.toString().startsWith("[") && !value.toString().endsWith("]") && i + 1 < lines.length) {
        value.append(withoutComment(lines[++i]).strip());
      }
      if (table.equals("flyway") || table.startsWith("flyway.")) {
        String property = property(table, key);
        if (property.endsWith(".placeholders") && value.toString().startsWith("{")) {
          for (String pair : value.substring(1, value.length() - 1).split(",")) {
            int at = pair.indexOf('=');
            if (at > 0) {
              settings.put(property + "." + pair.substring(0, at).strip().replace("\"", ""),
                  new Setting(scalar(pair.substring(at + 1).strip()), where));
            }
          }
        } else {
          settings.put(property, new Setting(scalar(value.toString()), where));
        }
      }
      // [environments.*] hold the connection, which schemakit never takes from a file: it migrates its own databases
    }
    return settings;
  }

  /** {@code [flyway.postgresql] transactionalLock} is {@code flyway.postgresql.transactional.lock} in a .conf. */
  private static String property(String table, String key) {
    if (table.equals("flyway.postgresql") && POSTGRESQL_TOML.containsKey(key)) {
      return POSTGRESQL_TOML.get(key);
    }
    return table + "." + key;
  }

  /** A TOML value as a properties value: strings unquoted, arrays joined with commas. */
  private static String scalar(String value) {
    if (value.startsWith("[") && value.endsWith("]")) {
      List<String> items = new ArrayList<>();
      for (String item : value.substring(1, value.length() - 1).split(",")) {
        if (!item.isBlank()) {
          items.add(scalar(item.strip()));
        }
      }
      return String.join(",", items);
    }
    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
        || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String withoutComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static void check(String key, String where) {
    if (!key.startsWith("flyway.")) {
      throw new IllegalArgumentException(where + ": '" + key + "' is not a Flyway setting: they start with flyway."
          + " (flyway.locations, flyway.table, ...). Fix or remove it.");
    }
    if (knownKeys().contains(key) || PREFIXES.stream().anyMatch(key::startsWith)) {
      return;
    }
    String nearest = knownKeys().stream().min(Comparator.comparingInt(known -> Names.distance(known, key)))
        .orElseThrow();
    throw new IllegalArgumentException(where + ": unknown Flyway setting '" + key + "'"
        + (Names.distance(nearest, key) <= 4 ? "; did you mean '" + nearest + "'?" : ".")
        + " Fix the key or remove it.");
  }

  /** The keys Flyway reads: its core's and its PostgreSQL extension's. */
  static Set<String> knownKeys() {
    return FlywayInternals.configurationKeys(EXTENSION_KEYS);
  }
}
