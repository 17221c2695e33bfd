/**
 * ArchUnit rules for the code that owns a schema (no Flyway clean, no schema generated from entities). Part of
 * schemakit-entities.
 */
package dev.schemakit.arch;
