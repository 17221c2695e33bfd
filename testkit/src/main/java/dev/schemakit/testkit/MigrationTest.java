package dev.schemakit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a PostgreSQL database of its own, migrated by Flyway (or, with {@link #changelog()},
 * Liquibase) to a version. For users.
 *
 * <pre>{@code
 * @MigrationTest(target = "3")
 * class NormalizeUserIdsTests {
 *   @Test void populatesUserIds(MigratedDatabase db, DataSource dataSource, Connection connection) { ... }
 * }
 * }</pre>
 *
 * <p>The database is a clone of a cached template for that version (see {@link DatabaseFactory}),
 * so it takes tens of milliseconds however long the chain is. Every test method of the class shares
 * it, unless {@link #isolation()} is {@link Isolation#PER_METHOD} or the method is {@link FreshDatabase}; classes
 * never share one, also when they run in parallel. With {@link #seed()}, the template holds the seed's rows too. Test methods, constructors and
 * lifecycle methods may declare {@link MigratedDatabase}, {@link javax.sql.DataSource} and
 * {@link java.sql.Connection} parameters (a connection is closed after the method's scope ends).
 *
 * <p>Every attribute left at its default is read from the first of these that sets it: a system property of
 * the same name, its {@code SCHEMAKIT_*} environment variable (provider, external server, image, PostgreSQL
 * version), {@code schemakit.properties} at the root of the classpath, then Flyway's own settings
 * ({@code -Dflyway.*}, {@code FLYWAY_*}, {@code flyway.toml} and {@code flyway.conf} in the working and home
 * directories, {@code flyway.conf} at the classpath root: locations, schemas, placeholders and other
 * {@code flyway.*} keys):
 * <pre>
 * schemakit.locations=classpath:db/migration
 * schemakit.schemas=app
 * schemakit.placeholders.owner=app
 * schemakit.flyway.table=schema_history        # any Flyway property
 * schemakit.provider=embedded                   # auto | embedded | external | testcontainers
 * schemakit.external.url=jdbc:postgresql://localhost:5432/postgres
 * schemakit.external.user=ci
 * schemakit.external.password=...               # or SCHEMAKIT_EXTERNAL_PASSWORD
 * schemakit.testcontainers.image=postgres:16
 * schemakit.postgres.version=16                 # the PostgreSQL major: 14 to 18, default 18
 * </pre>
 *
 * <p>Everything is validated before a database is touched; a wrong version, location or property
 * fails the class with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * naming the class, the value, what is allowed and the fix.
 *
 * <p>May be used as a meta-annotation, and is inherited by subclasses. A {@code @Nested} class
 * without its own {@code @MigrationTest} uses its enclosing class's database.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigrationTestExtension.class)
public @interface MigrationTest {

  /**
   * The version to migrate to, e.g. {@code "3"} or {@code "1.2"}; default {@code "latest"}, the highest. With a
   * {@link #changelog()}: a tag ({@code tagDatabase}), a changeset id ({@code id::author} where the id alone is
   * ambiguous) or {@code "latest"}, the last changeset.
   */
  String target() default "latest";

  /**
   * A Liquibase master changelog instead of Flyway locations ({@code classpath:db/changelog/db.changelog-master.yaml}):
   * Liquibase reads and runs it, each changeset a step. Default {@code schemakit.changelog}; with neither, the chain
   * is Flyway's. {@link #placeholders()} are its changelog properties, the first of {@link #schemas()} its default
   * schema.
   */
  String changelog() default "";

  /** Liquibase contexts in force ({@code "test"}); default {@code schemakit.contexts}, else every changeset runs. */
  String contexts() default "";

  /** A Liquibase label expression in force; default {@code schemakit.labels}, else every changeset runs. */
  String labels() default "";

  /**
   * Flyway locations ({@code classpath:...}, {@code filesystem:...}); default
   * {@code schemakit.locations}, else {@code flyway.locations}, else {@code classpath:db/migration}.
   */
  String[] locations() default {};

  /** Schemas Flyway manages, the first holding its history table; default the configured ones, else {@code public}. */
  String[] schemas() default {};

  /** Placeholders as {@code "name=value"}; added to the configured ones. */
  String[] placeholders() default {};

  /**
   * SQL scripts a deployment runs before Flyway (roles, schemas, extensions, grants), run on every new database
   * before the first migration, as the server's user, in this order: {@code classpath:db/init.sql} or a file path.
   * Added after {@code schemakit.initScripts} (comma-separated). They are part of the template key. A role belongs
   * to the server, not the database: write a script that may run twice on one server (see docs/migration-test.md,
   * "Init scripts").
   */
  String[] initScripts() default {};

  /** Where the database lives; default {@link Provider#AUTO}. */
  Provider provider() default Provider.AUTO;

  /**
   * Docker image for {@link Provider#TESTCONTAINERS}; default {@code schemakit.testcontainers.image}, else
   * {@code postgres:<postgres>} when {@link #postgres()} is set, else {@code postgres:18}.
   */
  String image() default "";

  /**
   * The PostgreSQL major to test against, {@code "14"} to {@code "18"}, as production runs it; default
   * {@code schemakit.postgres.version}, else the newest. The embedded provider runs that major's binaries
   * (from Maven Central, see {@link dev.schemakit.database.PostgresBinaries}), with a server and caches of its own;
   * Testcontainers takes it as the image tag; an external server must run it.
   */
  String postgres() default "";

  /**
   * Which tests share a database: {@link Isolation#PER_CLASS} (the default), or {@link Isolation#PER_METHOD}, where
   * every test method gets a copy of the class's database taken when it starts. One method alone:
   * {@link FreshDatabase}.
   */
  Isolation isolation() default Isolation.PER_CLASS;

  /**
   * SQL scripts that put rows into the database before the class starts ({@code classpath:seed/guilds.sql},
   * {@code filesystem:src/test/seed/guilds.sql}; no prefix means the classpath), run in this order, each in one
   * transaction. They run once: into a template of the class's version plus the seed, cached by the scripts'
   * content like the migrations, which every class (and method) with the same seed gets a clone of.
   */
  String[] seed() default {};

  /** {@link Seeder} classes run after the {@link #seed()} scripts, once, into the same seeded template. */
  Class<? extends Seeder>[] seeder() default {};
}
