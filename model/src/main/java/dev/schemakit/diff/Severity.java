package dev.schemakit.diff;

/** How much a finding matters: errors fail a build, warnings are reported only. */
public enum Severity {
  ERROR,
  WARNING
}
