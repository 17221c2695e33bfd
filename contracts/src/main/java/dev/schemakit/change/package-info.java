/**
 * Changes between two versions of a contract, each classified (additive, breaking, destructive), for the diff a
 * pull request shows. Part of schemakit-contracts.
 */
package dev.schemakit.change;
