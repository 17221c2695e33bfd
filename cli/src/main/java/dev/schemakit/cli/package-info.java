/**
 * The command line's entry point, one executable jar. Nothing depends on it.
 */
package dev.schemakit.cli;
