/**
 * The schema model: catalogs, schemas, tables, columns, keys, indexes, checks, triggers, enums, policies and the
 * rest, as every reader produces them and every consumer reads them. Part of schemakit-model, which depends on
 * nothing but the JDK.
 */
package dev.schemakit.model;
