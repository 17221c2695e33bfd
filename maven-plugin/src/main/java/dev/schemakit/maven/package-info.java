/**
 * The Maven goals, each running the schemakit command of its name in the Maven JVM. Nothing depends on them.
 */
package dev.schemakit.maven;
