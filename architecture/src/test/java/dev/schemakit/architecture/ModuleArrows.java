package dev.schemakit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arrows schemakit's modules must not have, one rule each, named for the arrow. The modules are mapped to
 * their packages here (a module owns whole packages; none is split between two), so a rule over packages is a rule
 * over modules. The Maven dependencies already stop an arrow to a module that is not on the class path; these
 * rules also hold the arrows the class path would allow (the commands have the servers, not the JUnit extension)
 * and those to libraries (the contracts have no JDBC driver).
 */
final class ModuleArrows {

  /** Each module's packages, in dependency order: a module may only depend on modules above it in this map. */
  static final Map<String, List<String>> MODULES = modules();

  private static Map<String, List<String>> modules() {
    Map<String, List<String>> modules = new LinkedHashMap<>();
    modules.put("schemakit-model", List.of("dev.schemakit.model..", "dev.schemakit.diff..", "dev.schemakit.report.."));
    modules.put("schemakit-contracts", List.of("dev.schemakit.yaml..", "dev.schemakit.change.."));
    modules.put("schemakit-snapshot", List.of("dev.schemakit.snapshot.."));
    modules.put("schemakit-servers", List.of("dev.schemakit.database..", "dev.schemakit.postgres.."));
    modules.put("schemakit-migrations", List.of("dev.schemakit.chain..", "dev.schemakit.sql..",
        "dev.schemakit.template.."));
    modules.put("schemakit-flyway", List.of("dev.schemakit.flyway.."));
    modules.put("schemakit-liquibase", List.of("dev.schemakit.liquibase.."));
    modules.put("schemakit-safety", List.of("dev.schemakit.safety.."));
    modules.put("schemakit-entities", List.of("dev.schemakit.entity..", "dev.schemakit.arch.."));
    modules.put("schemakit-sqlite", List.of("dev.schemakit.sqlite.."));
    modules.put("schemakit-rehearsal", List.of("dev.schemakit.rehearsal.."));
    modules.put("schemakit-testkit", List.of("dev.schemakit.testkit.."));
    modules.put("schemakit-commands", List.of("dev.schemakit.commands..", "dev.schemakit.check.."));
    modules.put("schemakit-cli", List.of("dev.schemakit.cli.."));
    modules.put("schemakit-maven-plugin", List.of("dev.schemakit.maven.."));
    modules.put("schemakit-spring", List.of("dev.schemakit.spring.."));
    return java.util.Collections.unmodifiableMap(modules);
  }

  private static String[] packagesOf(String... modules) {
    return java.util.Arrays.stream(modules).flatMap(module -> MODULES.get(module).stream()).toArray(String[]::new);
  }

  private static final String[] JUNIT_EXTENSION = packagesOf("schemakit-testkit");
  private static final String[] CONTRACTS = packagesOf("schemakit-model", "schemakit-contracts");

  static final ArchRule CLI_DOES_NOT_USE_THE_JUNIT_EXTENSION = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-cli", "schemakit-commands"))
      .should().dependOnClassesThat().resideInAnyPackage(JUNIT_EXTENSION)
      .as("the CLI and its commands do not depend on the JUnit extension")
      .because("the CLI runs in deploy pipelines, where no JUnit is");

  static final ArchRule PLUGIN_DOES_NOT_USE_THE_JUNIT_EXTENSION = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-maven-plugin"))
      .should().dependOnClassesThat().resideInAnyPackage(JUNIT_EXTENSION)
      .as("the Maven plugin does not depend on the JUnit extension")
      .because("the plugin runs in the Maven JVM, beside no test class path");

  static final ArchRule SAFETY_DOES_NOT_USE_THE_JUNIT_EXTENSION = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-safety"))
      .should().dependOnClassesThat().resideInAnyPackage(JUNIT_EXTENSION)
      .as("deploy safety does not depend on the JUnit extension")
      .because("the CLI's lint runs it; it takes any Databases of schemakit-migrations");

  static final ArchRule REHEARSAL_DOES_NOT_USE_THE_JUNIT_EXTENSION = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-rehearsal"))
      .should().dependOnClassesThat().resideInAnyPackage(JUNIT_EXTENSION)
      .as("the release rehearsal does not depend on the JUnit extension")
      .because("it runs in deploy pipelines through the CLI and the plugin, on databases of schemakit-migrations");

  static final ArchRule NOTHING_DEPENDS_ON_THE_CLI = noClasses()
      .that().resideOutsideOfPackages(packagesOf("schemakit-cli"))
      .should().dependOnClassesThat().resideInAnyPackage(packagesOf("schemakit-cli"))
      .as("nothing depends on the CLI")
      .because("the CLI is an entry point (Main); what others share is in schemakit-commands");

  static final ArchRule NOTHING_DEPENDS_ON_THE_PLUGIN = noClasses()
      .that().resideOutsideOfPackages(packagesOf("schemakit-maven-plugin"))
      .should().dependOnClassesThat().resideInAnyPackage(packagesOf("schemakit-maven-plugin"))
      .as("nothing depends on the Maven plugin")
      .because("the plugin is an entry point of Maven's");

  static final ArchRule CONTRACTS_USE_NO_JDBC = noClasses()
      .that().resideInAnyPackage(CONTRACTS)
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..",
          "org.sqlite..", "schemacrawler..", "us.fatehi..")
      .as("the model and the contracts use no JDBC")
      .because("contracts are read, written and compared without a database; readers of databases are "
          + "schemakit-snapshot");

  static final ArchRule CONTRACTS_USE_NO_FLYWAY = noClasses()
      .that().resideInAnyPackage(CONTRACTS)
      .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb..")
      .as("the model and the contracts use no Flyway")
      .because("migrations are schemakit-flyway's; a contract is the schema, whoever made it");

  /** Flyway's module: the only one of schemakit's that imports Flyway, so that a second engine is a second module. */
  static final String FLYWAY_ENGINE = "dev.schemakit.flyway..";

  /**
   * Where a chain's settings are read from a project (annotations and {@code schemakit.properties}, the command
   * line, Spring's environment): the only classes that name an engine's settings type. Everything past them takes
   * {@code ChainSettings} and asks the engine the settings name.
   */
  private static final String[] SETTINGS_READERS = {
      "dev.schemakit.testkit.MigrationTestSettings", "dev.schemakit.commands.Provisioning",
      "dev.schemakit.spring.SpringBootFlywaySettings"};

  static final ArchRule ONLY_THE_FLYWAY_ENGINE_USES_FLYWAY = noClasses()
      .that().resideOutsideOfPackages(FLYWAY_ENGINE, "dev.schemakit.maven..")
      .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb..")
      .as("only the Flyway engine (" + FLYWAY_ENGINE + ") uses Flyway; besides it, the Maven plugin's adapters"
          + " (FlywayMavenLog routes Flyway's log into Maven's, FlywayPluginConfiguration reads the pom's"
          + " flyway-maven-plugin)")
      .because("the templates, the suite, deploy safety, the stairway, the rehearsal and the commands see the chain"
          + " and its versions (dev.schemakit.chain.Version), not an engine's types: a second engine is a package"
          + " beside Flyway's");

  static final ArchRule THE_CHAIN_AND_THE_TEMPLATES_SEE_NO_ENGINE = noClasses()
      .that().resideInAnyPackage("dev.schemakit.chain..", "dev.schemakit.sql..", "dev.schemakit.template..")
      .should().dependOnClassesThat().resideInAnyPackage(FLYWAY_ENGINE)
      .as("the chain, the SQL lexer and the template databases see the engine through MigrationEngine only")
      .because("templates, the stairway and what builds on them work the same for every engine; a chain's"
          + " settings say which engine reads and runs it");

  static final ArchRule ONLY_THE_SETTINGS_READERS_NAME_AN_ENGINE = noClasses()
      .that().resideOutsideOfPackages(FLYWAY_ENGINE, "dev.schemakit.liquibase..")
      .and().doNotHaveFullyQualifiedName(SETTINGS_READERS[0])
      .and().doNotHaveFullyQualifiedName(SETTINGS_READERS[1])
      .and().doNotHaveFullyQualifiedName(SETTINGS_READERS[2])
      .should().dependOnClassesThat().resideInAnyPackage(FLYWAY_ENGINE, "dev.schemakit.liquibase..")
      .as("only where settings are read from a project (" + String.join(", ", SETTINGS_READERS) + ") is an engine"
          + " (Flyway's, Liquibase's) named")
      .because("the suite, lint, deploy safety, the stairway, the rehearsal and the commands take ChainSettings and"
          + " the chain: an engine is a settings reader and a module, not a change in each of them");

  static final ArchRule ONLY_THE_LIQUIBASE_ENGINE_USES_LIQUIBASE = noClasses()
      .that().resideOutsideOfPackages("dev.schemakit.liquibase..")
      .should().dependOnClassesThat().resideInAnyPackage("liquibase..")
      .as("only the Liquibase engine (dev.schemakit.liquibase..) uses Liquibase")
      .because("a second engine is a module beside Flyway's: what builds on the chain sees ChainSettings and"
          + " MigrationEngine, whichever engine reads the chain");

  static final ArchRule ONE_CLASS_HOLDS_FLYWAYS_INTERNALS = noClasses()
      .that().haveNameNotMatching("dev\\.schemakit\\.flyway\\.FlywayInternals(\\$.*)?")
      .should().dependOnClassesThat().resideInAnyPackage("org.flywaydb.core.internal..")
      .as("only FlywayInternals uses Flyway's internal classes")
      .because("where Flyway has no public API for what schemakit needs, one class says why, so that a change in"
          + " Flyway's internals breaks there and nowhere else");

  static final ArchRule NO_CYCLE_BETWEEN_PACKAGES = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
      .slices().matching("dev.schemakit.(*)..").should().beFreeOfCycles()
      .as("no cycle between schemakit's packages")
      .because("a package is one idea, built on those below it; a cycle makes two ideas one");

  static final ArchRule CONTRACTS_USE_NO_JUNIT = noClasses()
      .that().resideInAnyPackage(CONTRACTS)
      .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
      .as("the model and the contracts use no JUnit")
      .because("the CLI and the Maven plugin compare contracts outside tests");

  static final ArchRule ONLY_THE_EXTENSION_AND_SPRING_USE_JUNIT = noClasses()
      .that().resideOutsideOfPackages(packagesOf("schemakit-testkit", "schemakit-spring"))
      .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
      .as("only the JUnit extension and its Spring support use JUnit")
      .because("the service's JUnit is provided to those two; every other module runs without it");

  static final ArchRule THE_MODEL_DEPENDS_ON_NO_READER = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-model"))
      .should().dependOnClassesThat().resideOutsideOfPackages(
          java.util.stream.Stream.concat(java.util.Arrays.stream(packagesOf("schemakit-model")),
              java.util.stream.Stream.of("java..")).toArray(String[]::new))
      .as("the model depends on nothing but the JDK")
      .because("the model is the meeting point that every reader produces and every consumer reads");

  static final ArchRule SERVERS_DEPEND_ON_NO_OTHER_MODULE = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-servers"))
      .should().dependOnClassesThat().resideInAnyPackage(packagesExcept("schemakit-servers"))
      .as("the servers depend on no other schemakit module")
      .because("a server is started and reached without a migration, contract or test");

  static final ArchRule MIGRATIONS_DO_NOT_KNOW_WHO_USES_THEM = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-migrations", "schemakit-flyway", "schemakit-liquibase"))
      .should().dependOnClassesThat().resideInAnyPackage(packagesOf("schemakit-safety", "schemakit-entities",
          "schemakit-sqlite", "schemakit-rehearsal", "schemakit-testkit", "schemakit-commands", "schemakit-spring"))
      .as("the migrations and template databases do not depend on the modules that use them")
      .because("safety, SQLite, the extension and the commands build on them, not the other way");

  static final ArchRule ENTITIES_NEED_NO_DATABASE = noClasses()
      .that().resideInAnyPackage(packagesOf("schemakit-entities"))
      .should().dependOnClassesThat().resideInAnyPackage(packagesOf("schemakit-snapshot", "schemakit-servers",
          "schemakit-migrations", "schemakit-flyway", "schemakit-liquibase", "schemakit-testkit"))
      .as("the entities need no database, migration or test")
      .because("entities are read from class files and compared with models");

  // two arrows inside modules, kept from the contracts module's own package rules before the split

  static final ArchRule THE_DIFF_NEITHER_READS_NOR_WRITES = noClasses()
      .that().resideInAPackage("dev.schemakit.diff..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.schemakit.yaml..", "dev.schemakit.snapshot..",
          "dev.schemakit.report..")
      .as("the diff reads no contract or database and writes no report")
      .because("the diff compares models, whoever read them, and whoever writes the findings");

  static final ArchRule CONTRACTS_ARE_READ_WITHOUT_A_DATABASE = noClasses()
      .that().resideInAPackage("dev.schemakit.yaml..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.schemakit.snapshot..", "dev.schemakit.report..")
      .as("the contract reader uses no snapshot and no report")
      .because("contracts are read without a database");

  /** Every rule, by the name the test reports it under. */
  static final Map<String, ArchRule> ALL = all();

  private static Map<String, ArchRule> all() {
    Map<String, ArchRule> rules = new LinkedHashMap<>();
    for (java.lang.reflect.Field field : ModuleArrows.class.getDeclaredFields()) {
      if (field.getType() == ArchRule.class) {
        try {
          rules.put(field.getName(), (ArchRule) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return java.util.Collections.unmodifiableMap(rules);
  }

  private static String[] packagesExcept(String module) {
    return MODULES.entrySet().stream().filter(entry -> !entry.getKey().equals(module))
        .flatMap(entry -> entry.getValue().stream()).toArray(String[]::new);
  }

  private ModuleArrows() {
  }
}
