/**
 * The diff of two models ({@link dev.schemakit.diff.SchemaDiff}): a contract against a snapshot, each difference a
 * {@link dev.schemakit.diff.Finding} with its code, severity and the contract's file:line. Part of schemakit-
 * model.
 */
package dev.schemakit.diff;
