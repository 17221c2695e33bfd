/**
 * YAML contracts: read into the model (every problem with its file:line), written, and recorded from a snapshot
 * keeping what a person wrote. Part of schemakit-contracts; no JDBC, Flyway or JUnit.
 */
package dev.schemakit.yaml;
