/**
 * Findings written for people and tools: text, JSON, Markdown, JUnit XML. Part of schemakit-model.
 */
package dev.schemakit.report;
