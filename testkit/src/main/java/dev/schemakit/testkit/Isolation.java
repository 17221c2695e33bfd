package dev.schemakit.testkit;

/**
 * Which tests of a {@link MigrationTest} class share a database. Named after JUnit's
 * {@code TestInstance.Lifecycle}.
 */
public enum Isolation {

  /** Every test method of the class (and of its {@code @Nested} classes) uses the class's database. The default. */
  PER_CLASS,

  /**
   * Every test method gets a database of its own: a copy of the class's database taken when the method starts, so it
   * holds what {@code @BeforeAll} put in and nothing another method did. Methods may run concurrently.
   */
  PER_METHOD
}
