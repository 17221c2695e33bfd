package dev.schemakit.entity;

/** Thrown when entity classes cannot be read: none found, or a mapping schemakit cannot follow. */
public class EntityMappingException extends RuntimeException {

  public EntityMappingException(String message) {
    super(message);
  }
}
