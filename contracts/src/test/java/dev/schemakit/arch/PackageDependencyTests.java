package dev.schemakit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contracts module's feature packages depend on each other in one direction only. */
@AnalyzeClasses(packages = "dev.schemakit", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependencyTests {

  @ArchTest
  static final ArchRule MODEL_DEPENDS_ON_NOTHING_ELSE = noClasses().that().resideInAPackage("dev.schemakit.model..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.schemakit.yaml..", "dev.schemakit.snapshot..",
          "dev.schemakit.diff..", "dev.schemakit.report..")
      .because("the model is the meeting point that every reader produces and every consumer reads");

  @ArchTest
  static final ArchRule DIFF_DOES_NOT_READ = noClasses().that().resideInAPackage("dev.schemakit.diff..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.schemakit.yaml..", "dev.schemakit.snapshot..",
          "dev.schemakit.report..")
      .because("the diff compares models, whoever read them");

  @ArchTest
  static final ArchRule READERS_ARE_INDEPENDENT = noClasses().that().resideInAPackage("dev.schemakit.yaml..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.schemakit.snapshot..", "dev.schemakit.report..")
      .because("contracts are read without a database");

  @ArchTest
  static final ArchRule NO_JUNIT_IN_CONTRACTS = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("org.junit..")
      .because("schemakit-contracts is used by the CLI and the Maven plugin, outside tests");
}
