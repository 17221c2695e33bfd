/**
 * Flyway as a {@link dev.schemakit.chain.MigrationEngine}: its settings ({@code flyway.conf}, the environment,
 * Spring's {@code spring.flyway.*}), the chain read by Flyway's own scanner and file-name parser, migrations run by
 * Flyway or directly where the result is Flyway's, undo scripts run as Flyway Teams runs them. schemakit-flyway; the
 * only module that imports Flyway.
 */
package dev.schemakit.flyway;
