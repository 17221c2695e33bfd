package dev.schemakit.template;

import org.flywaydb.core.api.MigrationVersion;

/** A fixture: a class in the template package that takes a Flyway type, which the engine rule forbids. */
final class TemplateThatAsksFlyway {

  private TemplateThatAsksFlyway() {
  }

  static String versionOf(String text) {
    return MigrationVersion.fromVersion(text).getVersion();
  }
}
