package dev.schemakit.safety;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.flyway.MigrationSettings;

/** A fixture: deploy safety asking the Flyway settings type instead of the chain's settings, which a rule forbids. */
final class SafetyThatReadsFlywaySettings {

  private SafetyThatReadsFlywaySettings() {
  }

  static boolean mixed(MigrationChain chain) {
    return "true".equals(MigrationSettings.of(chain.settings()).flywayProperties().get("flyway.mixed"));
  }
}
