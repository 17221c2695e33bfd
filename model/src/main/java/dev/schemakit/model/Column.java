package dev.schemakit.model;

/**
 * A table column.
 *
 * <p>In a snapshot every attribute is known: {@code type} is the canonical type name (see {@link
 * SqlTypes#canonical(String)}), {@code nullable} is set, {@code defaultValue}, {@code identity} and
 * {@code generated} are {@code null} when the column has none. In a contract a {@code null}
 * attribute is not asserted (unless the table is strict, where it means "none", and a missing
 * {@code nullable} means nullable, as in SQL).
 *
 * @param name column name as the database spells it
 * @param type canonical type, or {@code null} when a contract does not assert it
 * @param nullable whether {@code NULL} is allowed, or {@code null} when not asserted
 * @param defaultValue default expression as SQL text, or {@code null}
 * @param identity identity kind, or {@code null} when not an identity column / not asserted
 * @param generated expression of a {@code GENERATED ALWAYS AS (...) STORED} column, or {@code null}
 * @param comment {@code COMMENT ON COLUMN} text, or {@code null}
 * @param origin where a contract declared the column, {@code null} for snapshots
 */
public record Column(
    String name,
    String type,
    Boolean nullable,
    String defaultValue,
    Identity identity,
    String generated,
    String comment,
    Origin origin) {

  public Column {
    ModelChecks.name(name, "column");
  }

  /** A column with only a name and a type, nullable, as {@code CREATE TABLE} would make it. */
  public static Column of(String name, String type) {
    return new Column(name, type, true, null, null, null, null, null);
  }

  public Column withNullable(Boolean nullable) {
    return new Column(name, type, nullable, defaultValue, identity, generated, comment, origin);
  }

  public Column withDefaultValue(String defaultValue) {
    return new Column(name, type, nullable, defaultValue, identity, generated, comment, origin);
  }

  public Column withType(String type) {
    return new Column(name, type, nullable, defaultValue, identity, generated, comment, origin);
  }

  public Column withComment(String comment) {
    return new Column(name, type, nullable, defaultValue, identity, generated, comment, origin);
  }

  public Column withOrigin(Origin origin) {
    return new Column(name, type, nullable, defaultValue, identity, generated, comment, origin);
  }
}
