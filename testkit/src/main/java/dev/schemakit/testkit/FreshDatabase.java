package dev.schemakit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives one test method of a {@link MigrationTest} class a database of its own, as
 * {@code isolation = Isolation.PER_METHOD} does for every method: a copy of the class's database taken when the
 * method starts. For the one method that changes what the others read, or migrates further.
 *
 * <pre>{@code
 * @Test @FreshDatabase
 * void dropsTheOldColumn(MigratedDatabase db) { db.migrateTo("7"); ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FreshDatabase {
}
