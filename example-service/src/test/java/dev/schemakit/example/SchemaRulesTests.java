package dev.schemakit.example;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.schemakit.arch.SchemaRules;

/**
 * No schema auto-generation, no Flyway.clean, soft-deleted entities filter deleted rows, every entity's table
 * has a contract (in contracts/).
 */
@AnalyzeClasses(packages = "dev.schemakit.example", importOptions = ImportOption.DoNotIncludeTests.class)
class SchemaRulesTests {

  @ArchTest
  static final ArchRule SCHEMA_RULES = SchemaRules.ALL;
}
