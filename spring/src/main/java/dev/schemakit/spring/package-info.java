/**
 * {@code @MigrationTest} inside Spring Boot tests: the context's data source on the test's database, settings from
 * application.yml, the application's entities.
 */
package dev.schemakit.spring;
