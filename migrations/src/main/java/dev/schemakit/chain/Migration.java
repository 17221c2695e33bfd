package dev.schemakit.chain;

import java.util.Objects;

/**
 * One step of a chain, as its engine found it; for Flyway, one migration found in a location: a versioned script ({@code V3__add_orders.sql}), an undo
 * script ({@code U3__add_orders.sql}), a repeatable one ({@code R__views.sql}), a baseline migration
 * ({@code B3__squashed.sql}) or a Java migration class ({@code V4__Backfill.class}).
 *
 * @param kind        what Flyway does with it
 * @param version     its version; {@code null} for repeatable migrations
 * @param description the part of the name after the separator, underscores as spaces
 * @param location    where it was found, e.g. {@code classpath:db/migration/V3__add_orders.sql}
 * @param sha256      hash of the file's bytes (for a Java migration, of its class file)
 */
public record Migration(Kind kind, Version version, String description, String location, String sha256) {

  /** What Flyway does with a migration. */
  public enum Kind {
    /** Applied once, in version order. */
    VERSIONED,
    /** Reverts the versioned migration of the same version (Flyway Teams runs these; schemakit's stairway too). */
    UNDO,
    /** Applied after the versioned ones whenever its content changed. */
    REPEATABLE,
    /**
     * A baseline migration ({@code B5__squashed.sql}): on an empty database, the highest one at or below the target
     * replaces every versioned migration up to its version, which need not exist; a database that has a history
     * never runs it.
     */
    BASELINE
  }

  public Migration {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(sha256, "sha256");
    if ((kind == Kind.REPEATABLE) != (version == null)) {
      throw new IllegalArgumentException("a repeatable migration has no version, every other kind has one: " + location);
    }
  }

  /** The file or class name without its folder. */
  public String fileName() {
    return location.substring(location.lastIndexOf('/') + 1);
  }
}
