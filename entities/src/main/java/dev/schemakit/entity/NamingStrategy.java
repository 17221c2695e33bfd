package dev.schemakit.entity;

import java.util.Locale;

/**
 * How a logical name from an entity (class name, field name, {@code @Table(name)}, {@code @Column(name)})
 * becomes the physical name the database has. For users: pick the constant matching the application's
 * Hibernate setup, or implement it for a custom {@code PhysicalNamingStrategy}.
 */
@FunctionalInterface
public interface NamingStrategy {

  /**
   * Spring Boot's default ({@code CamelCaseToUnderscoresNamingStrategy}): dots become underscores, an
   * underscore goes before an upper-case letter that sits between two lower-case ones, and everything is
   * lower-cased. Applies to explicit names too, as in Spring Boot: {@code lastLogin} and {@code
   * "LastLogin"} both become {@code last_login}, {@code bnetID} becomes {@code bnetid}.
   */
  NamingStrategy SPRING_BOOT = logical -> {
    String text = logical.replace('.', '_');
    StringBuilder physical = new StringBuilder(text.length() + 8).append(text);
    for (int i = 1; i < physical.length() - 1; i++) {
      if (Character.isLowerCase(physical.charAt(i - 1)) && Character.isUpperCase(physical.charAt(i))
          && Character.isLowerCase(physical.charAt(i + 1))) {
        physical.insert(i++, '_');
      }
    }
    return physical.toString().toLowerCase(Locale.ROOT);
  };

  /**
   * Plain Hibernate/JPA: the logical name as written, lower-cased as PostgreSQL folds unquoted names
   * ({@code lastLogin} becomes {@code lastlogin}).
   */
  NamingStrategy LOGICAL = logical -> logical.toLowerCase(Locale.ROOT);

  /** The physical name of a table, column, index or sequence. */
  String physical(String logicalName);
}
