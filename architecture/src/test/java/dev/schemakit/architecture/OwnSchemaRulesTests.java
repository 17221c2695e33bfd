package dev.schemakit.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.schemakit.arch.SchemaRules;

/** schemakit keeps the schema rules it offers its users: no Flyway clean, no schema generated from entities. */
@AnalyzeClasses(packages = "dev.schemakit", importOptions = ImportOption.DoNotIncludeTests.class)
class OwnSchemaRulesTests {

  @ArchTest
  static final ArchRule NO_FLYWAY_CLEAN = SchemaRules.NO_FLYWAY_CLEAN;

  @ArchTest
  static final ArchRule NO_SCHEMA_AUTO_GENERATION = SchemaRules.NO_SCHEMA_AUTO_GENERATION;
}
