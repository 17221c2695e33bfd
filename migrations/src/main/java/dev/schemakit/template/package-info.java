/**
 * Databases migrated to any version of a chain as clones of cached template databases ({@link
 * dev.schemakit.template.TemplateFactory}), the handle on one ({@link dev.schemakit.template.VersionedDatabase})
 * and the stairway through the undo scripts ({@link dev.schemakit.template.StairwayClimb}). No JUnit: the CLI uses
 * them as they are, the testkit wraps them. Part of schemakit-migrations.
 */
package dev.schemakit.template;
