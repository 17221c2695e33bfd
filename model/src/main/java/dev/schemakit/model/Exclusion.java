package dev.schemakit.model;

/**
 * An exclusion constraint ({@code EXCLUDE USING gist (room WITH =, during WITH &&)}).
 *
 * @param name constraint name, or {@code null} when a contract matches it by its definition
 * @param definition what follows the constraint's name, as {@code pg_get_constraintdef} prints it
 * @param origin contract position, {@code null} for snapshots
 */
public record Exclusion(String name, String definition, Origin origin) {

  public Exclusion {
    java.util.Objects.requireNonNull(definition, "definition");
  }
}
