package dev.schemakit.testkit;

import dev.schemakit.chain.ChainSettings;
import dev.schemakit.model.Names;
import dev.schemakit.database.EmbeddedPostgresException;
import dev.schemakit.database.PostgresBinaries;
import dev.schemakit.flyway.FlywayConfigFiles;
import dev.schemakit.flyway.FlywaySupport;
import dev.schemakit.flyway.MigrationSettings;
import dev.schemakit.liquibase.LiquibaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;

/**
 * The settings of one {@link MigrationTest} class: annotation, then system properties, then {@code SCHEMAKIT_*}
 * environment variables, then {@code schemakit.properties}, then Flyway's own ({@code -Dflyway.*}, {@code FLYWAY_*},
 * {@code flyway.conf} and {@code flyway.toml} in the working and home directories, {@code flyway.conf} at the class
 * path root), then the framework's own configuration
 * ({@link FrameworkSettings}: Spring Boot's {@code spring.flyway.*}), then defaults. Reading them has no
 * side effect.
 */
record MigrationTestSettings(ChainSettings migrations, String target, Provider provider, String externalUrl,
    String externalUser, String externalPassword, String image, OptionalInt postgres, Isolation isolation,
    Seeds seeds, boolean providerChosen, Map<String, String> extensionImages) {

  static final String PROPERTIES_FILE = "schemakit.properties";
  static final String FLYWAY_FILE = "flyway.conf";
  /** {@code schemakit.testcontainers.image.postgis}: the image a class whose migrations create that extension runs on. */
  static final String IMAGE_FOR_EXTENSION = "schemakit.testcontainers.image.";

  static final Set<String> KEYS = Set.of("schemakit.locations", "schemakit.schemas", "schemakit.initScripts",
      "schemakit.changelog", "schemakit.contexts", "schemakit.labels", "schemakit.provider",
      "schemakit.external.url", "schemakit.external.user", "schemakit.external.password",
      "schemakit.testcontainers.image", PostgresBinaries.VERSION_PROPERTY);
  static final List<String> KEY_PREFIXES = List.of("schemakit.placeholders.", "schemakit.flyway.",
      IMAGE_FOR_EXTENSION);

  /** A property that is wrong, with the source it came from. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static MigrationTestSettings resolve(MigrationTest annotation, ClassLoader loader, Class<?> testClass) {
    Map<String, String> flyway = new LinkedHashMap<>(frameworkSettings(loader, testClass));
    Map<String, String> frameworkLiquibase = frameworkLiquibase(loader, testClass);
    flyway.putAll(read(loader, FLYWAY_FILE, false));
    flyway.putAll(flywayAsItsCommandLineFindsIt());
    Map<String, String> schemakit = new LinkedHashMap<>(read(loader, PROPERTIES_FILE, true));
    System.getProperties().stringPropertyNames().stream()
        .filter(key -> KEYS.contains(key) || KEY_PREFIXES.stream().anyMatch(key::startsWith))
        .forEach(key -> schemakit.put(key, System.getProperty(key)));
    env("SCHEMAKIT_PROVIDER", "schemakit.provider", schemakit);
    env("SCHEMAKIT_EXTERNAL_URL", "schemakit.external.url", schemakit);
    env("SCHEMAKIT_EXTERNAL_USER", "schemakit.external.user", schemakit);
    env("SCHEMAKIT_EXTERNAL_PASSWORD", "schemakit.external.password", schemakit);
    env("SCHEMAKIT_TESTCONTAINERS_IMAGE", "schemakit.testcontainers.image", schemakit);
    env("SCHEMAKIT_POSTGRES_VERSION", PostgresBinaries.VERSION_PROPERTY, schemakit);

    // Flyway's target is the class's version unless the annotation names one: Spring's spring.flyway.target in
    // @TestPropertySource is how a Spring test says it
    String flywayTarget = schemakit.containsKey("schemakit.flyway.target") ? schemakit.remove("schemakit.flyway.target")
        : flyway.remove("flyway.target");
    String target = annotation.target().equals("latest") && flywayTarget != null && !flywayTarget.isBlank()
        ? flywayTarget.strip() : annotation.target();
    MigrationSettings.Builder builder = MigrationSettings.builder().classLoader(loader);
    flyway.forEach((key, value) -> {
      if (key.startsWith("flyway.")) {
        builder.flywayProperty(key, value);
      }
    });
    schemakit.forEach((key, value) -> {
      if (key.startsWith("schemakit.flyway.")) {
        builder.flywayProperty(key.substring("schemakit.".length()), value);
      } else if (key.startsWith("schemakit.placeholders.")) {
        builder.placeholder(key.substring("schemakit.placeholders.".length()), value);
      }
    });
    if (schemakit.containsKey("schemakit.locations")) {
      builder.locations(schemakit.get("schemakit.locations"));
    }
    if (schemakit.containsKey("schemakit.schemas")) {
      builder.schemas(schemakit.get("schemakit.schemas"));
    }
    if (annotation.locations().length > 0) {
      builder.locations(annotation.locations());
    }
    if (schemakit.containsKey("schemakit.initScripts")) {
      builder.initScripts(schemakit.get("schemakit.initScripts").split(","));
    }
    builder.initScripts(annotation.initScripts());
    if (annotation.schemas().length > 0) {
      builder.schemas(annotation.schemas());
    }
    for (String placeholder : annotation.placeholders()) {
      int equals = placeholder.indexOf('=');
      if (equals <= 0) {
        throw new Invalid("placeholders = \"" + placeholder + "\" is not of the form \"name=value\". Write it as"
            + " placeholders = {\"owner=app\"}.");
      }
      builder.placeholder(placeholder.substring(0, equals).trim(), placeholder.substring(equals + 1));
    }

    Provider provider = annotation.provider();
    boolean providerChosen = provider != Provider.AUTO || schemakit.containsKey("schemakit.provider");
    Map<String, String> extensionImages = new LinkedHashMap<>();
    schemakit.forEach((key, value) -> {
      if (key.startsWith(IMAGE_FOR_EXTENSION) && !value.isBlank()) {
        extensionImages.put(key.substring(IMAGE_FOR_EXTENSION.length()).toLowerCase(Locale.ROOT), value.strip());
      }
    });
    if (provider == Provider.AUTO && schemakit.containsKey("schemakit.provider")) {
      String configured = schemakit.get("schemakit.provider").trim();
      try {
        provider = Provider.valueOf(configured.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new Invalid("schemakit.provider is '" + configured + "', expected one of "
            + Arrays.stream(Provider.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList()
            + ". Fix it in " + PROPERTIES_FILE + ", the system property or SCHEMAKIT_PROVIDER.");
      }
    }
    String image = annotation.image().isBlank() ? schemakit.get("schemakit.testcontainers.image") : annotation.image();
    String url = schemakit.get("schemakit.external.url");
    if (provider == Provider.AUTO) {
      provider = url != null && !url.isBlank() ? Provider.EXTERNAL
          : !annotation.image().isBlank() ? Provider.TESTCONTAINERS : Provider.EMBEDDED;
    }
    if (provider == Provider.EXTERNAL && (url == null || url.isBlank())) {
      throw new Invalid("provider EXTERNAL needs a server, but schemakit.external.url is not set. Set it in "
          + PROPERTIES_FILE + ", as a system property or as SCHEMAKIT_EXTERNAL_URL"
          + " (e.g. jdbc:postgresql://localhost:5432/postgres).");
    }
    OptionalInt postgres = OptionalInt.empty();
    try {
      if (!annotation.postgres().isBlank()) {
        postgres = OptionalInt.of(PostgresBinaries.parseMajor(annotation.postgres(), "postgres"));
      } else if (schemakit.containsKey(PostgresBinaries.VERSION_PROPERTY)) {
        postgres = OptionalInt.of(PostgresBinaries.parseMajor(schemakit.get(PostgresBinaries.VERSION_PROPERTY),
            PostgresBinaries.VERSION_PROPERTY + " (" + PROPERTIES_FILE + ", the system property or"
                + " SCHEMAKIT_POSTGRES_VERSION)"));
      }
    } catch (EmbeddedPostgresException e) {
      throw new Invalid(e.getMessage());
    }
    if (postgres.isEmpty() && provider == Provider.EMBEDDED) {
      // the newest major the Flyway on the class path knows: an older Flyway warns about a newer server on every run
      int supported = FlywaySupport.newestPostgresMajor(PostgresBinaries.NEWEST_MAJOR);
      if (supported < PostgresBinaries.NEWEST_MAJOR) {
        postgres = OptionalInt.of(supported);
      }
    }
    return new MigrationTestSettings(chainSettings(annotation, schemakit, frameworkLiquibase, builder, loader), target, provider, url,
        schemakit.get("schemakit.external.user"), schemakit.get("schemakit.external.password"), image, postgres,
        annotation.isolation(), Seeds.read(annotation.seed(), annotation.seeder(), loader), providerChosen,
        Map.copyOf(extensionImages));
  }

  /**
   * The chain's settings: Liquibase's when a changelog is named (by the annotation or {@code schemakit.changelog}),
   * else Flyway's.
   */
  private static ChainSettings chainSettings(MigrationTest annotation, Map<String, String> schemakit,
      Map<String, String> framework, MigrationSettings.Builder flyway, ClassLoader loader) {
    // the annotation, then schemakit.properties, then the framework's own (Spring's spring.liquibase.change-log),
    // unless the annotation names Flyway locations
    String changelog = !annotation.changelog().isBlank() ? annotation.changelog()
        : schemakit.containsKey("schemakit.changelog") ? schemakit.get("schemakit.changelog")
        : annotation.locations().length == 0 && !schemakit.containsKey("schemakit.locations")
            ? framework.get("changelog") : null;
    if (changelog == null || changelog.isBlank()) {
      return flyway.build();
    }
    if (annotation.locations().length > 0) {
      throw new Invalid("both a changelog (" + changelog + ") and Flyway locations " + List.of(annotation.locations())
          + " are set: a class's chain is one or the other. Remove one of them.");
    }
    try {
      Class.forName("liquibase.Liquibase", false, loader);
    } catch (ClassNotFoundException e) {
      throw new Invalid("the changelog " + changelog + " is read by Liquibase, which is not on the test class path."
          + " Add org.liquibase:liquibase-core (4.33.0; the 5.x line is not open source) as a test dependency.");
    }
    LiquibaseSettings.Builder builder = LiquibaseSettings.builder().changelog(changelog).classLoader(loader);
    String contexts = !annotation.contexts().isBlank() ? annotation.contexts()
        : schemakit.getOrDefault("schemakit.contexts", framework.get("contexts"));
    String labels = !annotation.labels().isBlank() ? annotation.labels()
        : schemakit.getOrDefault("schemakit.labels", framework.get("labels"));
    framework.forEach((key, value) -> {
      if (key.startsWith("parameters.")) {
        builder.property(key.substring("parameters.".length()), value);
      }
    });
    builder.defaultSchema(framework.get("defaultSchema"));
    builder.contexts(contexts).labels(labels);
    schemakit.forEach((key, value) -> {
      if (key.startsWith("schemakit.placeholders.")) {
        builder.property(key.substring("schemakit.placeholders.".length()), value);
      }
    });
    for (String placeholder : annotation.placeholders()) {
      int equals = placeholder.indexOf('=');
      builder.property(placeholder.substring(0, equals).trim(), placeholder.substring(equals + 1));
    }
    String[] schemas = annotation.schemas().length > 0 ? annotation.schemas()
        : schemakit.containsKey("schemakit.schemas") ? schemakit.get("schemakit.schemas").split(",") : new String[0];
    if (schemas.length > 0) {
      builder.defaultSchema(schemas[0]);
    }
    if (schemakit.containsKey("schemakit.initScripts")) {
      builder.initScripts(schemakit.get("schemakit.initScripts").split(","));
    }
    builder.initScripts(annotation.initScripts());
    return builder.build();
  }

  /** The same class on Testcontainers with an image: a class whose migrations need an extension the embedded lacks. */
  MigrationTestSettings onContainer(String containerImage) {
    return new MigrationTestSettings(migrations, target, Provider.TESTCONTAINERS, externalUrl, externalUser,
        externalPassword, containerImage, postgres, isolation, seeds, providerChosen, extensionImages);
  }

  /**
   * The project's Flyway settings where Flyway's command line finds them, as the schemakit CLI and plugin read them:
   * {@code flyway.conf} then {@code flyway.toml} in the home directory and the working directory (a module's folder
   * under Surefire), {@code FLYWAY_*} variables, {@code -Dflyway.*} properties. Never the connection.
   */
  private static Map<String, String> flywayAsItsCommandLineFindsIt() {
    Map<String, String> settings = new LinkedHashMap<>();
    try {
      for (java.nio.file.Path folder : List.of(java.nio.file.Path.of(System.getProperty("user.home", ".")),
          java.nio.file.Path.of("").toAbsolutePath())) {
        for (String name : List.of("flyway.conf", "flyway.toml")) {
          java.nio.file.Path file = folder.resolve(name);
          if (java.nio.file.Files.isRegularFile(file)) {
            FlywayConfigFiles.read(file).forEach((key, setting) -> settings.put(key, setting.value()));
          }
        }
      }
      FlywayConfigFiles.environment(System.getenv()).forEach((key, setting) -> settings.put(key, setting.value()));
      FlywayConfigFiles.systemProperties().forEach((key, setting) -> settings.put(key, setting.value()));
    } catch (IllegalArgumentException e) {
      throw new Invalid("Reading the project's Flyway configuration failed: " + e.getMessage());
    }
    List.of("flyway.url", "flyway.user", "flyway.password", "flyway.driver").forEach(settings::remove);
    return settings;
  }

  /** The Liquibase settings the frameworks on the class path say, in the order the service loader finds them. */
  private static Map<String, String> frameworkLiquibase(ClassLoader loader, Class<?> testClass) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (FrameworkSettings source : java.util.ServiceLoader.load(FrameworkSettings.class, loader)) {
      try {
        properties.putAll(source.liquibaseProperties(testClass, loader));
      } catch (IllegalArgumentException e) {
        throw new Invalid(e.getMessage());
      }
    }
    return properties;
  }

  /** What the frameworks on the class path say, in the order the service loader finds them. */
  private static Map<String, String> frameworkSettings(ClassLoader loader, Class<?> testClass) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (FrameworkSettings source : java.util.ServiceLoader.load(FrameworkSettings.class, loader)) {
      try {
        properties.putAll(source.flywayProperties(testClass, loader));
      } catch (IllegalArgumentException e) {
        throw new Invalid(e.getMessage());
      }
    }
    return properties;
  }

  private static void env(String variable, String key, Map<String, String> into) {
    String value = System.getenv(variable);
    if (value != null && !value.isBlank() && !System.getProperties().containsKey(key)) {
      into.put(key, value);
    }
  }

  /** A properties file at the classpath root; the schemakit one has only known keys. */
  private static Map<String, String> read(ClassLoader loader, String file, boolean checkKeys) {
    URL url = loader.getResource(file);
    if (url == null) {
      return Map.of();
    }
    String text;
    try (InputStream in = url.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Invalid("Reading " + url + " failed: " + e.getMessage() + ".");
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new Invalid("Reading " + url + " failed: " + e.getMessage() + ". Fix the file's syntax.");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (checkKeys && !KEYS.contains(key) && KEY_PREFIXES.stream().noneMatch(key::startsWith)) {
        String closest = KEYS.stream().min(Comparator.comparingInt(known -> Names.distance(known, key))).orElseThrow();
        throw new Invalid(url + ":" + lineOf(text, key) + ": unknown key '" + key + "'"
            + (Names.distance(closest, key) <= 3 ? "; did you mean '" + closest + "'?" : ".")
            + " Known keys: " + KEYS.stream().sorted().toList() + " and " + KEY_PREFIXES.stream().map(p -> p + "*")
                .toList() + ".");
      }
      values.put(key, properties.getProperty(key).trim());
    }
    return values;
  }

  private static int lineOf(String text, String key) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith(key)) {
        return i + 1;
      }
    }
    return 1;
  }

  /** Safe for messages: the password is left out. */
  @Override
  public String toString() {
    return "MigrationTestSettings[" + migrations + ", target=" + target + ", provider=" + provider
        + (postgres.isPresent() ? ", postgres=" + postgres.getAsInt() : "") + ", isolation=" + isolation
        + (seeds == null ? "" : ", seed=" + seeds.description()) + "]";
  }
}
