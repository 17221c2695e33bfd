package dev.schemakit.flyway;

import dev.schemakit.chain.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resource.ResourceName;
import org.flywaydb.core.internal.resource.ResourceNameParser;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.flywaydb.core.internal.scanner.LocationScannerCache;
import org.flywaydb.core.internal.scanner.ResourceNameCache;
import org.flywaydb.core.internal.scanner.Scanner;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Every internal class of Flyway that schemakit uses, in one place, each for a reason Flyway's public API does not
 * cover; a change in Flyway's internals breaks here and nowhere else.
 *
 * <ul>
 *   <li>{@code Scanner} and {@code ResourceNameParser}: Flyway offers no public way to list a chain's migrations
 *       without a database ({@code Flyway.info()} needs one), and the chain must be Flyway's own, not a copy of its
 *       rules (a copy skipped {@code V6.3.0.2.sql}, a migration without a description, on a real chain).</li>
 *   <li>{@code FileSystemResource}: to tell a file from a class-path resource, so a script is read again from where
 *       it is.</li>
 *   <li>{@code FlywaySqlScriptException} and the packages of Flyway's script parser: a failure names its file, line
 *       and statement only there.</li>
 *   <li>{@code ConfigUtils}: the list of settings Flyway knows, so a misspelt one in {@code flyway.conf} is named.</li>
 *   <li>{@code version.txt}: Flyway's version, which says which PostgreSQL it supports.</li>
 * </ul>
 */
final class FlywayInternals {

  private static final String SCRIPT_PACKAGE = "org.flywaydb.core.internal.sqlscript.";
  private static final String PARSER_PACKAGE = "org.flywaydb.core.internal.parser.";

  private FlywayInternals() {
  }

  /**
   * A file name as Flyway's parser reads it on a configuration (its prefixes, separator and suffixes); an invalid
   * name has only its {@code validityMessage}.
   */
  record ParsedName(boolean valid, String prefix, MigrationVersion version, String description,
      String withoutSuffix, String validityMessage) {
  }

  /** Flyway's file-name parser on a configuration. */
  static Function<String, ParsedName> nameParser(Configuration configuration) {
    ResourceNameParser parser = new ResourceNameParser(configuration);
    return name -> {
      ResourceName parsed = parser.parse(name);
      if (!parsed.isValid()) {
        // an invalid result answers nothing but its message
        return new ParsedName(false, null, null, null, null, parsed.getValidityMessage());
      }
      return new ParsedName(parsed.isValid(), parsed.getPrefix(), parsed.getVersion(), parsed.getDescription(),
          parsed.getFilenameWithoutSuffix(), parsed.getValidityMessage());
    };
  }

  /** What Flyway's scanner finds in a configuration's locations. */
  interface Found {

    /** The resources of the locations whose names end with one of the suffixes. */
    Collection<LoadableResource> resources(String... suffixes);

    /** The Java migrations of the locations' packages. */
    Collection<Class<? extends JavaMigration>> javaMigrations();
  }

  /**
   * Flyway's scanner of some locations. Its constructor changed in Flyway 12 (the locations became a parameter), and
   * a service's tests run with the Flyway the service brings (Spring Boot 3.5 brings 11): both forms are known here.
   *
   * @param where how to name the locations in a message
   */
  @SuppressWarnings("unchecked")
  static Found scan(Configuration configuration, Location[] locations, String where) {
    for (Constructor<?> constructor : Scanner.class.getConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      Object[] arguments = null;
      if (parameters.length == 3 && parameters[2] == Location[].class) {
        arguments = new Object[] {JavaMigration.class, configuration, locations};
      } else if (parameters.length == 5 && parameters[1] == boolean.class) {
        arguments = new Object[] {JavaMigration.class, false, new ResourceNameCache(), new LocationScannerCache(),
            configuration};
      }
      if (arguments != null) {
        Scanner<JavaMigration> scanner;
        try {
          scanner = (Scanner<JavaMigration>) constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
          Throwable cause = e.getCause();
          throw new MigrationException("Reading migrations from " + where + " failed: "
              + String.valueOf(cause.getMessage()).strip() + ".", cause);
        } catch (ReflectiveOperationException e) {
          throw new MigrationException("Reading migrations from " + where + " failed: Flyway's"
              + " scanner could not be created (" + e + ").", e);
        }
        return new Found() {
          @Override
          public Collection<LoadableResource> resources(String... suffixes) {
            return scanner.getResources("", suffixes);
          }

          @Override
          public Collection<Class<? extends JavaMigration>> javaMigrations() {
            return scanner.getClasses();
          }
        };
      }
    }
    throw new MigrationException("Reading migrations from " + where + " failed: this Flyway ("
        + Flyway.class.getPackage().getImplementationVersion() + ") scans locations in a way schemakit does not know."
        + " Use Flyway 10 to 13.");
  }

  /** Whether a resource is a file (else it is on the class path). */
  static boolean onFileSystem(LoadableResource resource) {
    return resource instanceof FileSystemResource;
  }

  /** A failed statement of a script, as Flyway reports it. */
  record ScriptFailure(org.flywaydb.core.api.resource.Resource resource, int line, String statement, Throwable cause,
      String message) {
  }

  /** The failed statement a Flyway failure carries in its causes, if any. */
  static Optional<ScriptFailure> scriptFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof FlywaySqlScriptException script) {
        return Optional.of(new ScriptFailure(script.getResource(), script.getLineNumber(), script.getStatement(),
            script.getCause(), script.getMessage()));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether Flyway failed reading or taking a script rather than running one of its statements (a statement it
   * refuses, such as transactional and non-transactional ones mixed): its parser threw it.
   */
  static boolean failedReadingAScript(FlywayException failure) {
    StackTraceElement[] thrownAt = failure.getStackTrace();
    boolean fromTheParser = thrownAt.length > 0 && (thrownAt[0].getClassName().startsWith(SCRIPT_PACKAGE)
        || thrownAt[0].getClassName().startsWith(PARSER_PACKAGE));
    return fromTheParser && !(failure instanceof FlywaySqlScriptException);
  }

  /** Flyway's version as its jar says it, e.g. {@code 11.7.2}; empty when the jar does not say. */
  static String version() {
    try (InputStream in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static volatile Set<String> configurationKeys;

  /**
   * The {@code flyway.*} keys Flyway's core reads ({@code ConfigUtils}), with the extension keys given; when this
   * Flyway has no such class, the extension keys and the commonest core ones.
   */
  static Set<String> configurationKeys(Set<String> extensionKeys) {
    Set<String> keys = configurationKeys;
    if (keys == null) {
      keys = new TreeSet<>(extensionKeys);
      try {
        for (Field field : Class.forName("org.flywaydb.core.internal.configuration.ConfigUtils").getFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
            String value = (String) field.get(null);
            if (value.startsWith("flyway.") && !value.endsWith(".")) {
              keys.add(value);
            }
          }
        }
      } catch (ReflectiveOperationException | LinkageError e) {
        // a Flyway without that class: only the extension keys and prefixes are known, the rest is let through
        keys.addAll(List.of("flyway.locations", "flyway.schemas", "flyway.table", "flyway.defaultSchema"));
      }
      configurationKeys = keys;
    }
    return keys;
  }
}
