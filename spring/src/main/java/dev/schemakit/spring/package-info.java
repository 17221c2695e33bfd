/**
 * {@code @MigrationTest} inside Spring Boot tests: contexts shared by classes configured alike, whose data
 * source hands out the running test's database; settings from application.yml; the application's entities.
 */
package dev.schemakit.spring;
