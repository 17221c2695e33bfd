package dev.schemakit.flyway;

import dev.schemakit.model.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Spring Boot's {@code spring.flyway.*} settings of a service, read from its own configuration files as Spring Boot
 * would find them: {@code application.yml}, {@code .yaml} and {@code .properties} at the root of the resources and
 * in {@code config/}, then {@code application-<profile>.*} for each active profile (given, else
 * {@code spring.profiles.active} as a system property, environment variable or in the files), and YAML documents
 * activated with {@code spring.config.activate.on-profile}; later sources win, as in Boot. Returned as Flyway
 * properties ({@code flyway.locations}) with where each was written. The testkit's Spring module (with a test
 * class's {@code @ActiveProfiles} and test properties) and the command line (a project's
 * {@code src/main/resources}) read them alike.
 */
public final class SpringFlywayFiles {

  private static final String PREFIX = "spring.flyway.";

  /** Spring Boot's names (kebab case) of the settings that change what migrating produces, and Flyway's. */
  private static final Map<String, String> READ = Map.ofEntries(
      Map.entry("locations", "flyway.locations"),
      Map.entry("schemas", "flyway.schemas"),
      Map.entry("default-schema", "flyway.defaultSchema"),
      Map.entry("table", "flyway.table"),
      Map.entry("baseline-on-migrate", "flyway.baselineOnMigrate"),
      Map.entry("baseline-version", "flyway.baselineVersion"),
      Map.entry("baseline-description", "flyway.baselineDescription"),
      Map.entry("out-of-order", "flyway.outOfOrder"),
      Map.entry("create-schemas", "flyway.createSchemas"),
      Map.entry("sql-migration-prefix", "flyway.sqlMigrationPrefix"),
      Map.entry("sql-migration-separator", "flyway.sqlMigrationSeparator"),
      Map.entry("sql-migration-suffixes", "flyway.sqlMigrationSuffixes"),
      Map.entry("repeatable-sql-migration-prefix", "flyway.repeatableSqlMigrationPrefix"),
      Map.entry("placeholder-replacement", "flyway.placeholderReplacement"),
      Map.entry("placeholder-prefix", "flyway.placeholderPrefix"),
      Map.entry("placeholder-suffix", "flyway.placeholderSuffix"),
      Map.entry("encoding", "flyway.encoding"),
      Map.entry("mixed", "flyway.mixed"),
      Map.entry("group", "flyway.group"),
      Map.entry("execute-in-transaction", "flyway.executeInTransaction"),
      Map.entry("postgresql.transactional-lock", "flyway.postgresql.transactional.lock"),
      Map.entry("target", "flyway.target"));

  private static final Set<String> BOOLEANS = Set.of("baseline-on-migrate", "out-of-order", "create-schemas",
      "placeholder-replacement", "mixed", "group", "execute-in-transaction", "postgresql.transactional-lock");

  /** Spring Boot's other flyway settings: about the connection or the run, not what the schema becomes. */
  private static final Set<String> IGNORED = Set.of("enabled", "url", "user", "password", "driver-class-name",
      "init-sqls", "clean-disabled", "clean-on-validation-error", "validate-on-migrate", "validate-migration-naming",
      "connect-retries", "connect-retries-interval", "lock-retry-count", "installed-by", "batch", "callbacks",
      "error-overrides", "fail-on-missing-locations", "ignore-migration-patterns", "loggers", "output-query-results",
      "skip-default-callbacks", "skip-default-resolvers", "skip-executing-migrations", "stream",
      "tablespace", "detect-encoding", "kerberos-config-file", "script-placeholder-prefix",
      "script-placeholder-suffix", "placeholder-separator", "oracle-sqlplus", "oracle-sqlplus-warn",
      "oracle-wallet-location", "oracle-kerberos-cache-file", "community-db-support-enabled", "dry-run-output",
      "cherry-pick", "jdbc-properties", "sqlserver.kerberos-login-file", "oracle.sqlplus", "oracle.sqlplus-warn",
      "oracle.wallet-location", "oracle.kerberos-cache-file", "sqlserver", "oracle", "postgresql");

  private static final Pattern PROPERTY_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

  /** One value and where it was written. */
  private record Setting(String value, String where) {}

  private SpringFlywayFiles() {
  }

  /**
   * The settings of the files the class loader sees, with {@code testProperties} (Spring's keys, as a test class sets
   * them) over them, as Flyway properties.
   *
   * @param activeProfiles the profiles a test names ({@code @ActiveProfiles}); when empty, those the system property,
   *     the environment or the files name
   * @param testProperties {@code spring.*} properties that win over the files, each with where it was written
   * @throws IllegalArgumentException naming the file and line of an unknown {@code spring.flyway} key or a wrong value
   */
  public static Map<String, FlywayConfigFiles.Setting> read(ClassLoader loader, List<String> activeProfiles,
      Map<String, FlywayConfigFiles.Setting> testProperties) {
    return flyway(merged(loader, activeProfiles, testProperties));
  }

  /**
   * Every {@code spring.*} setting of the files (and the test's own properties over them), with its value's
   * {@code ${...}} resolved and where it was written: what the settings readers of other engines read
   * ({@code spring.liquibase.*}) from the same files, found the same way.
   */
  public static Map<String, FlywayConfigFiles.Setting> springProperties(ClassLoader loader,
      List<String> activeProfiles, Map<String, FlywayConfigFiles.Setting> testProperties) {
    Map<String, FlywayConfigFiles.Setting> spring = new LinkedHashMap<>();
    merged(loader, activeProfiles, testProperties).forEach((key, setting) -> {
      if (key.startsWith("spring.")) {
        spring.put(key, new FlywayConfigFiles.Setting(resolvePlaceholders(setting.value()), setting.where()));
      }
    });
    return spring;
  }

  /** The files' settings, profiles applied, with the test's own properties over them. */
  private static Map<String, Setting> merged(ClassLoader loader, List<String> activeProfiles,
      Map<String, FlywayConfigFiles.Setting> testProperties) {
    Map<String, Setting> merged = new LinkedHashMap<>();
    Set<String> profiles = new LinkedHashSet<>(activeProfiles);
    String configured = System.getProperty("spring.profiles.active", System.getenv("SPRING_PROFILES_ACTIVE"));
    if (configured != null) {
      Arrays.stream(configured.split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(profiles::add);
    }
    List<Map<String, Setting>> base = new ArrayList<>();
    for (String folder : List.of("", "config/")) {
      for (String suffix : List.of(".yml", ".yaml", ".properties")) {
        base.add(read(loader, folder + "application" + suffix));
      }
    }
    if (profiles.isEmpty()) {
      for (Map<String, Setting> file : base) {
        Setting active = file.get("spring.profiles.active");
        if (active != null) {
          Arrays.stream(active.value().split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(profiles::add);
        }
      }
    }
    for (Map<String, Setting> file : base) {
      merged.putAll(withoutOtherProfiles(file, profiles));
    }
    for (String profile : profiles) {
      for (String folder : List.of("", "config/")) {
        for (String suffix : List.of(".yml", ".yaml", ".properties")) {
          merged.putAll(withoutOtherProfiles(read(loader, folder + "application-" + profile + suffix), profiles));
        }
      }
    }
    testProperties.forEach((key, setting) -> merged.put(key, new Setting(setting.value(), setting.source())));
    return merged;
  }

  /** Inline {@code key=value} properties (an annotation's), each with {@code where} as its source. */
  public static Map<String, FlywayConfigFiles.Setting> inline(String where, String text) {
    Map<String, FlywayConfigFiles.Setting> settings = new LinkedHashMap<>();
    properties(where, text).forEach((key, setting) -> settings.put(key, new FlywayConfigFiles.Setting(setting.value(),
        setting.where())));
    return settings;
  }

  /** A {@code .properties}, {@code .yml} or {@code .yaml} resource's settings, each with its file and line. */
  public static Map<String, FlywayConfigFiles.Setting> resource(ClassLoader loader, String name) {
    Map<String, FlywayConfigFiles.Setting> settings = new LinkedHashMap<>();
    read(loader, name).forEach((key, setting) -> settings.put(key, new FlywayConfigFiles.Setting(setting.value(),
        setting.where())));
    return settings;
  }

  /** A file's settings, minus those of YAML documents meant for profiles that are not active. */
  private static Map<String, Setting> withoutOtherProfiles(Map<String, Setting> file, Set<String> profiles) {
    Map<String, Setting> kept = new LinkedHashMap<>();
    file.forEach((key, setting) -> {
      int document = key.indexOf('\u0000');
      if (document < 0) {
        kept.put(key, setting);
        return;
      }
      String onProfile = key.substring(0, document);
      if (Arrays.stream(onProfile.split(",")).map(String::strip).anyMatch(profiles::contains)) {
        kept.put(key.substring(document + 1), setting);
      }
    });
    return kept;
  }

  private static Map<String, FlywayConfigFiles.Setting> flyway(Map<String, Setting> settings) {
    Map<String, FlywayConfigFiles.Setting> flyway = new LinkedHashMap<>();
    settings.forEach((key, setting) -> {
      if (!key.startsWith(PREFIX)) {
        return;
      }
      String name = kebab(key.substring(PREFIX.length()));
      String value = resolvePlaceholders(setting.value());
      if (name.startsWith("placeholders.")) {
        flyway.put("flyway.placeholders." + key.substring(PREFIX.length() + "placeholders.".length()),
            new FlywayConfigFiles.Setting(value, setting.where()));
        return;
      }
      String property = READ.get(name);
      if (property == null) {
        if (IGNORED.contains(name) || IGNORED.stream().anyMatch(ignored -> name.startsWith(ignored + "."))) {
          return;
        }
        List<String> known = new ArrayList<>(READ.keySet());
        known.addAll(IGNORED);
        String closest = known.stream().min(Comparator.comparingInt(k -> Names.distance(k, name))).orElseThrow();
        throw new IllegalArgumentException(setting.where() + ": unknown key '" + key + "'"
            + (Names.distance(closest, name) <= 3 ? "; did you mean '" + PREFIX + closest + "'?" : ".")
            + " schemakit reads " + READ.keySet().stream().sorted().map(k -> PREFIX + k).toList() + " and "
            + PREFIX + "placeholders.*; fix the key or remove it.");
      }
      if (BOOLEANS.contains(name) && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(setting.where() + ": " + key + " is '" + value + "', expected true or "
            + "false. Fix the value.");
      }
      // Spring Boot replaces {vendor} in locations with the database's name
      flyway.put(property, new FlywayConfigFiles.Setting(name.equals("locations") ? value.replace("{vendor}",
          "postgresql") : value, setting.where()));
    });
    return flyway;
  }

  /** {@code defaultSchema}, {@code default_schema} and {@code default-schema} are one setting in Spring Boot. */
  private static String kebab(String key) {
    return key.startsWith("placeholders.") ? key : relaxed(key);
  }

  /**
   * A setting's name as Spring Boot's relaxed binding reads it ({@code defaultSchema}, {@code default_schema} and
   * {@code default-schema} are {@code default-schema}), for every settings reader of Spring's files.
   */
  public static String relaxed(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
  }

  /** {@code ${NAME:default}} from system properties or the environment, as Spring resolves it; else as written. */
  private static String resolvePlaceholders(String value) {
    Matcher matcher = PROPERTY_PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String found = System.getProperty(name, System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_')
          .replace('-', '_')));
      String replacement = found != null ? found : matcher.group(2) != null ? matcher.group(2) : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(out).toString();
  }

  /**
   * A file's settings as dotted keys; a YAML document with {@code spring.config.activate.on-profile}
   * gets its keys prefixed by the profiles and a NUL, for {@link #withoutOtherProfiles}.
   */
  private static Map<String, Setting> read(ClassLoader loader, String name) {
    URL url = loader.getResource(name);
    if (url == null) {
      return Map.of();
    }
    String text;
    try (InputStream in = url.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Reading " + url + " for the spring.flyway settings failed: "
          + e.getMessage() + ".", e);
    }
    return name.endsWith(".properties") ? properties(url, text) : yaml(url, text);
  }

  /** @param url the file's URL, or where an annotation's inline properties are */
  private static Map<String, Setting> properties(Object url, String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Reading " + url + " failed: " + e.getMessage() + ". Fix the file's syntax.",
          e);
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (String key : properties.stringPropertyNames()) {
      int line = 1;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].strip().startsWith(key)) {
          line = i + 1;
          break;
        }
      }
      settings.put(key, new Setting(properties.getProperty(key).strip(), url instanceof URL ? url + ":" + line
          : url.toString()));
    }
    return settings;
  }

  private static Map<String, Setting> yaml(URL url, String text) {
    Map<String, Setting> settings = new LinkedHashMap<>();
    LoadSettings load = LoadSettings.builder().setLabel(url.toString()).build();
    try {
      Composer composer = new Composer(load, new ParserImpl(load, new StreamReader(load, text)));
      while (composer.hasNext()) {
        Node document = composer.next();
        Map<String, Setting> flat = new LinkedHashMap<>();
        flatten(url, "", document, flat);
        Setting onProfile = flat.remove("spring.config.activate.on-profile");
        flat.forEach((key, setting) -> settings.put(onProfile == null ? key : onProfile.value() + '\u0000' + key,
            setting));
      }
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("Reading " + url + " failed: " + e.getMessage().strip()
          + ". Fix the file's YAML.", e);
    }
    return settings;
  }

  private static void flatten(URL url, String prefix, Node node, Map<String, Setting> into) {
    String where = url + ":" + node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
        flatten(url, prefix.isEmpty() ? key : prefix + "." + key, tuple.getValueNode(), into);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<String> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar) {
          items.add(scalar.getValue());
        }
      }
      into.put(prefix, new Setting(String.join(",", items), where));
    } else if (node instanceof ScalarNode scalar) {
      into.put(prefix, new Setting(scalar.getValue(), where));
    }
  }
}
