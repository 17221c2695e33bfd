/**
 * Deploy safety: what a migration does to a live table, from static rules on its SQL and from running it on a
 * seeded database while watching its locks. Part of schemakit-safety; takes any {@link
 * dev.schemakit.template.Databases}, not the JUnit extension.
 */
package dev.schemakit.safety;
