package dev.schemakit.diff;

/**
 * The stable codes of findings. Codes are part of schemakit's public contract: tools may filter on
 * them, so a code is never renamed or reused. docs/contracts.md lists them with these descriptions.
 */
public enum FindingCode {
  SCHEMA_MISSING(Severity.ERROR, "the contract names a schema the database does not have"),
  FUNCTION_MISSING(Severity.ERROR, "a function or procedure in the contract does not exist"),
  FUNCTION_MISMATCH(Severity.ERROR, "a function has another kind, result type, language, volatility or security"
      + " definer"),
  FUNCTION_BODY_MISMATCH(Severity.ERROR, "a function's body changed (comments and whitespace aside)"),
  FUNCTION_UNEXPECTED(Severity.ERROR, "a strict schema has a function the contract does not list"),
  DOMAIN_MISSING(Severity.ERROR, "a domain in the contract does not exist"),
  DOMAIN_MISMATCH(Severity.ERROR, "a domain has another base type, NOT NULL, default or checks"),
  DOMAIN_UNEXPECTED(Severity.ERROR, "a strict schema has a domain the contract does not list"),
  SCHEMA_UNEXPECTED(Severity.ERROR, "every schema of the contract is strict, and the database has another schema"
      + " with objects in it"),
  TABLE_MISSING(Severity.ERROR, "a table in the contract does not exist"),
  TABLE_UNEXPECTED(Severity.ERROR, "a strict schema has a table the contract does not list"),
  TABLE_COMMENT_MISMATCH(Severity.WARNING, "the table comment differs"),
  COLUMN_MISSING(Severity.ERROR, "a column in the contract does not exist"),
  COLUMN_UNEXPECTED(Severity.ERROR, "a strict table has a column the contract does not list"),
  COLUMN_TYPE_MISMATCH(Severity.ERROR, "the column type differs (after alias normalisation)"),
  COLUMN_NULLABILITY_MISMATCH(Severity.ERROR, "NULL / NOT NULL differs"),
  COLUMN_DEFAULT_MISMATCH(Severity.ERROR, "the default expression differs (compared as PostgreSQL parses it)"),
  COLUMN_IDENTITY_MISMATCH(Severity.ERROR, "identity (ALWAYS / BY DEFAULT) differs"),
  COLUMN_GENERATED_MISMATCH(Severity.ERROR, "the generated-column expression differs"),
  COLUMN_COMMENT_MISMATCH(Severity.WARNING, "the column comment differs"),
  PRIMARY_KEY_MISSING(Severity.ERROR, "the table has no primary key"),
  PRIMARY_KEY_MISMATCH(Severity.ERROR, "the primary key has other columns or another name"),
  PRIMARY_KEY_UNEXPECTED(Severity.ERROR, "a strict table has a primary key the contract does not list"),
  FOREIGN_KEY_MISSING(Severity.ERROR, "a foreign key in the contract does not exist"),
  FOREIGN_KEY_MISMATCH(Severity.ERROR, "a foreign key has other columns or references another table/columns"),
  FOREIGN_KEY_ACTION_MISMATCH(Severity.ERROR, "ON DELETE / ON UPDATE differs"),
  FOREIGN_KEY_DEFERRABILITY_MISMATCH(Severity.ERROR, "DEFERRABLE / INITIALLY DEFERRED differs"),
  FOREIGN_KEY_UNEXPECTED(Severity.ERROR, "a strict table has a foreign key the contract does not list"),
  INDEX_MISSING(Severity.ERROR, "an index in the contract does not exist"),
  INDEX_MISMATCH(Severity.ERROR, "an index has other columns, uniqueness, predicate or method"),
  INDEX_UNEXPECTED(Severity.ERROR, "a strict table has an index the contract does not list"),
  UNIQUE_CONSTRAINT_MISSING(Severity.ERROR, "a unique constraint in the contract does not exist"),
  UNIQUE_CONSTRAINT_UNEXPECTED(Severity.ERROR, "a strict table has a unique constraint the contract does not list"),
  CHECK_MISSING(Severity.ERROR, "a check constraint in the contract does not exist"),
  CHECK_MISMATCH(Severity.ERROR, "a named check constraint has another expression"),
  CHECK_UNEXPECTED(Severity.ERROR, "a strict table has a check constraint the contract does not list"),
  TRIGGER_MISSING(Severity.ERROR, "a trigger in the contract does not exist"),
  TRIGGER_MISMATCH(Severity.ERROR, "a trigger has other timing, events, level or function"),
  TRIGGER_UNEXPECTED(Severity.ERROR, "a strict table has a trigger the contract does not list"),
  ROW_LEVEL_SECURITY_MISMATCH(Severity.ERROR, "row-level security is not enabled/forced as declared"),
  POLICY_MISSING(Severity.ERROR, "a row-level security policy in the contract does not exist"),
  POLICY_UNEXPECTED(Severity.ERROR, "a strict table has a policy the contract does not list"),
  POLICY_MISMATCH(Severity.ERROR, "a policy has another command, permissive/restrictive mode, roles, USING or WITH"
      + " CHECK expression"),
  EXCLUSION_MISSING(Severity.ERROR, "an exclusion constraint in the contract does not exist"),
  EXCLUSION_MISMATCH(Severity.ERROR, "an exclusion constraint has another definition"),
  EXCLUSION_UNEXPECTED(Severity.ERROR, "a strict table has an exclusion constraint the contract does not list"),
  PARTITION_KEY_MISMATCH(Severity.ERROR, "a table is partitioned by another key, or (not) partitioned"),
  PARTITION_MISSING(Severity.ERROR, "a partition in the contract does not exist"),
  PARTITION_BOUND_MISMATCH(Severity.ERROR, "a partition holds another range or list of values"),
  PARTITION_UNEXPECTED(Severity.ERROR, "a strict partitioned table has a partition the contract does not list"),
  SOFT_DELETE_COLUMN_MISSING(Severity.ERROR, "the soft-delete column does not exist"),
  SOFT_DELETE_COLUMN_INVALID(Severity.ERROR, "the soft-delete column has the wrong type or nullability"),
  SOFT_DELETE_UNIQUE_INCLUDES_DELETED(Severity.ERROR,
      "a unique index/constraint of a soft-deletable table does not exclude deleted rows"),
  VIEW_MISSING(Severity.ERROR, "a view in the contract does not exist"),
  VIEW_MISMATCH(Severity.ERROR, "a view is (not) materialized, or has other columns or another definition"),
  VIEW_UNEXPECTED(Severity.ERROR, "a strict schema has a view the contract does not list"),
  ENUM_MISSING(Severity.ERROR, "an enum type in the contract does not exist"),
  ENUM_LABELS_MISMATCH(Severity.ERROR, "an enum type has other labels or another label order"),
  ENUM_UNEXPECTED(Severity.ERROR, "a strict schema has an enum type the contract does not list"),
  SEQUENCE_MISSING(Severity.ERROR, "a sequence in the contract does not exist"),
  SEQUENCE_MISMATCH(Severity.ERROR, "a sequence has another increment, bounds or cycle option"),
  EXTENSION_MISSING(Severity.ERROR, "an extension in the contract is not installed"),
  EXTENSION_VERSION_MISMATCH(Severity.ERROR, "an extension is installed in another version"),
  EXPRESSION_INVALID(Severity.ERROR, "PostgreSQL cannot parse an expression written in the contract"),
  ENTITY_TABLE_MISSING(Severity.ERROR, "an entity maps a table that the migrations do not create or the contract does not list"),
  ENTITY_TABLE_UNMAPPED(Severity.WARNING, "the migrations create a table in an entity schema that no entity maps"),
  ENTITY_COLUMN_MISSING(Severity.ERROR, "an entity maps a column that the migrations (or a strict contract table) do not have"),
  ENTITY_COLUMN_UNMAPPED(Severity.ERROR,
      "a NOT NULL column without a default that no entity of its table maps: every insert through the entity fails"),
  ENTITY_COLUMN_TYPE_MISMATCH(Severity.ERROR, "the column's type cannot hold the entity field's values as mapped"),
  ENTITY_COLUMN_NULLABILITY_MISMATCH(Severity.ERROR, "the entity and the schema disagree on whether a column may be NULL"),
  ENTITY_PRIMARY_KEY_MISMATCH(Severity.ERROR, "the entity's @Id columns are not the table's primary key"),
  ENTITY_ID_GENERATION_MISMATCH(Severity.ERROR,
      "@GeneratedValue needs an identity/serial column or a sequence (with the allocation size as increment) that is not there"),
  ENTITY_FOREIGN_KEY_MISSING(Severity.ERROR, "a @ManyToOne/@OneToOne join column has no foreign key to the entity's table"),
  ENTITY_FOREIGN_KEY_ACTION_MISMATCH(Severity.ERROR, "Hibernate's @OnDelete action differs from the foreign key's ON DELETE"),
  ENTITY_UNIQUE_MISSING(Severity.ERROR, "a unique column or unique constraint of the entity is not unique in the schema"),
  ENTITY_INDEX_MISSING(Severity.ERROR, "an index the entity declares in @Table(indexes) does not exist"),
  ENTITY_SOFT_DELETE_MISMATCH(Severity.ERROR,
      "the entity's soft delete (@SQLDelete/@SoftDelete) and the contract's soft_delete disagree, or it updates another table");

  private final Severity severity;
  private final String description;

  FindingCode(Severity severity, String description) {
    this.severity = severity;
    this.description = description;
  }

  /** The severity a finding with this code has. */
  public Severity severity() {
    return severity;
  }

  /** One line saying what the code means. */
  public String description() {
    return description;
  }
}
