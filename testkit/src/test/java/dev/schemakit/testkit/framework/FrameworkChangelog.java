package dev.schemakit.testkit.framework;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fixture: what a framework's own configuration says of a test class's changelog (Spring's spring.liquibase.*), as
 * {@link AnnotatedFrameworkSettings} hands it to the testkit.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface FrameworkChangelog {

  /** {@code changelog}, {@code contexts}, {@code parameters.<name>} and the like, as {@code key=value}. */
  String[] value();
}
