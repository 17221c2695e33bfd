package dev.schemakit.entity;

/** Thrown when entity classes cannot be read: none found, or a mapping schemakit cannot follow. */
public class EntityMappingException extends RuntimeException {

  private final boolean noneFound;

  public EntityMappingException(String message) {
    this(message, false);
  }

  private EntityMappingException(String message, boolean noneFound) {
    super(message);
    this.noneFound = noneFound;
  }

  /** Classes were read and none of them is an entity. */
  static EntityMappingException noneFound(String where) {
    return new EntityMappingException("Reading JPA entities from " + where
        + ": no class annotated with @jakarta.persistence.Entity or @javax.persistence.Entity was found. "
        + "Check the package name and that the classes are compiled.", true);
  }

  /**
   * Whether the classes held no entity at all, which a caller that also uses them as a class path for other things
   * (Java migrations) may say its own way.
   */
  public boolean noneFound() {
    return noneFound;
  }
}
