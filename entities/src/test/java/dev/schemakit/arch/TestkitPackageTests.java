package dev.schemakit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The testkit's packages depend on each other in one direction, and the testkit keeps its own schema rules. */
@AnalyzeClasses(packages = "dev.schemakit", importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitPackageTests {

  @ArchTest
  static final ArchRule ENTITIES_NEED_NO_JUNIT_OR_DATABASE = noClasses()
      .that().resideInAnyPackage("dev.schemakit.entity..", "dev.schemakit.arch..")
      .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "dev.schemakit.testkit..",
          "dev.schemakit.database..", "dev.schemakit.migration..")
      .because("entities are read and compared outside tests too (the CLI, the Maven plugin)");

  @ArchTest
  static final ArchRule MIGRATIONS_AND_SERVERS_NEED_NO_JUNIT = noClasses()
      .that().resideInAnyPackage("dev.schemakit.database..", "dev.schemakit.migration..")
      .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "dev.schemakit.testkit..")
      .because("the CLI provisions databases and runs migrations without JUnit");

  @ArchTest
  static final ArchRule NO_FLYWAY_CLEAN = SchemaRules.NO_FLYWAY_CLEAN;

  @ArchTest
  static final ArchRule NO_SCHEMA_AUTO_GENERATION = SchemaRules.NO_SCHEMA_AUTO_GENERATION;
}
