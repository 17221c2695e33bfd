package dev.schemakit.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import dev.schemakit.cli.fixture.MainThatRunsATest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The module arrows of {@link ModuleArrows} on the main classes of every module: the library modules from this
 * module's test class path, the CLI's and the plugin's from their {@code target/classes} (nothing may depend on
 * those two, this module neither).
 */
class ModuleArrowsTests {

  private static JavaClasses classes;

  @BeforeAll
  static void importEveryModule() {
    Path cli = classesOf("schemakit.cli.classes", "cli");
    Path plugin = classesOf("schemakit.plugin.classes", "maven-plugin");
    Set<Location> locations = new LinkedHashSet<>(Locations.ofPackage("dev.schemakit"));
    locations.add(Location.of(cli));
    locations.add(Location.of(plugin));
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importLocations(locations);
  }

  private static Path classesOf(String property, String module) {
    Path path = Path.of(System.getProperty(property, "../" + module + "/target/classes"));
    if (!Files.isDirectory(path.resolve("dev/schemakit"))) {
      throw new IllegalStateException("Checking the module arrows needs the classes of " + module + " in " + path
          + ", which are not there. Build it first: mvn -B verify from the root builds it before this module"
          + " (or mvn -pl " + module + " compile).");
    }
    return path;
  }

  @Test
  void everyModuleHasClassesToCheck() {
    for (Map.Entry<String, List<String>> module : ModuleArrows.MODULES.entrySet()) {
      long count = classes.stream().filter(javaClass -> module.getValue().stream()
          .anyMatch(pattern -> javaClass.getPackageName().startsWith(pattern.replace("..", "")))).count();
      assertThat(count).as("classes of %s imported (packages %s)", module.getKey(), module.getValue())
          .isPositive();
    }
  }

  @TestFactory
  Stream<DynamicTest> noModuleHasAForbiddenArrow() {
    assertThat(ModuleArrows.ALL).hasSizeGreaterThanOrEqualTo(12);
    return ModuleArrows.ALL.entrySet().stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(classes)));
  }

  /** The rules can fail: a class in the CLI's packages that starts a JUnit test breaks the first one, by name. */
  @Test
  void aForbiddenArrowFailsNamingItsRule() {
    JavaClasses offending = new ClassFileImporter().importClasses(MainThatRunsATest.class);
    ArchRule rule = ModuleArrows.CLI_DOES_NOT_USE_THE_JUNIT_EXTENSION;

    assertThatThrownBy(() -> rule.check(offending)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Rule 'the CLI and its commands do not depend on the JUnit extension, because the CLI"
            + " runs in deploy pipelines, where no JUnit is' was violated")
        .hasMessageContaining(MainThatRunsATest.class.getName())
        .hasMessageContaining("dev.schemakit.testkit.MigratedDatabase");
  }

  /** The engine rule can fail too: a template class that takes Flyway's version type breaks it. */
  @Test
  void aFlywayTypeOutsideTheFlywayEngineFailsTheEngineRule() throws ClassNotFoundException {
    JavaClasses offending = new ClassFileImporter().importClasses(
        Class.forName("dev.schemakit.template.TemplateThatAsksFlyway"));

    assertThatThrownBy(() -> ModuleArrows.ONLY_THE_FLYWAY_ENGINE_USES_FLYWAY.check(offending))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("only the Flyway engine (dev.schemakit.flyway..) uses Flyway")
        .hasMessageContaining("org.flywaydb.core.api.MigrationVersion");
  }

  /** The settings rule can fail: deploy safety that casts the chain's settings to Flyway's breaks it. */
  @Test
  void flywaySettingsOutsideTheSettingsReadersFailTheSettingsRule() throws ClassNotFoundException {
    JavaClasses offending = new ClassFileImporter().importClasses(
        Class.forName("dev.schemakit.safety.SafetyThatReadsFlywaySettings"));

    assertThatThrownBy(() -> ModuleArrows.ONLY_THE_SETTINGS_READERS_NAME_AN_ENGINE.check(offending))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("only where settings are read from a project")
        .hasMessageContaining("dev.schemakit.flyway.MigrationSettings");
  }
}
