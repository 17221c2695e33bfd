/**
 * The schemakit commands and their options, run by the CLI's jar and by the Maven plugin in process ({@link
 * dev.schemakit.commands.Commands}). Part of schemakit-commands; no JUnit.
 */
package dev.schemakit.commands;
