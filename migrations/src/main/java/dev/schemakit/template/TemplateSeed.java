package dev.schemakit.template;

/**
 * Rows put into a template database after its migrations, so that every database cloned from it starts with them:
 * what {@code @MigrationTest(seed = ...)} builds on. A seeded template is cached like every template, under the
 * chain's fingerprint at its version together with {@link #fingerprint()}: changing a seed rebuilds that template
 * only.
 */
public interface TemplateSeed {

  /** A hash of everything the seed puts in (script contents, the seeder's class file); equal seeds, equal hash. */
  String fingerprint();

  /** What the seed is, for progress lines and messages: its files, its class. */
  String description();

  /**
   * Puts the rows into a new database at the template's version. The database must stay at that version.
   *
   * @throws RuntimeException naming the file, line and statement that failed; nothing of the template is kept then
   */
  void apply(VersionedDatabase database);
}
