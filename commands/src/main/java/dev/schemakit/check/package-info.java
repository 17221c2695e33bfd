/**
 * The read-only check of a live database for deploy gates and health endpoints ({@link
 * dev.schemakit.check.LiveCheck}). Part of schemakit-commands.
 */
package dev.schemakit.check;
