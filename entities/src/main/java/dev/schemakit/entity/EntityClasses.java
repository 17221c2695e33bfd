package dev.schemakit.entity;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import dev.schemakit.entity.MappedEntity.MappedColumn;
import dev.schemakit.model.ReferentialAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link EntityReader} asks of an entity's class file: its name and inheritance, its persistent fields, and
 * the annotations on them, by simple name, whether they come from jakarta, javax or Hibernate.
 */
final class EntityClasses {

  /** Annotation packages of the persistence APIs read, by the prefix of the annotation's name. */
  private static final List<String> PERSISTENCE = List.of("jakarta.persistence.", "javax.persistence.");
  private static final String HIBERNATE = "org.hibernate.annotations.";

  private EntityClasses() {
  }

  static String entityName(JavaClass entity) {
    return stringProperty(annotation(entity, "Entity"), "name").filter(s -> !s.isEmpty())
        .orElse(entity.getSimpleName());
  }

  static JavaClass inheritanceRoot(JavaClass entity) {
    JavaClass root = entity;
    for (JavaClass parent : entity.getAllRawSuperclasses()) {
      if (annotation(parent, "Entity").isPresent()) {
        root = parent;
      }
    }
    return root;
  }

  /**
   * The class whose table holds an entity's rows and id: the root of a SINGLE_TABLE hierarchy, else the entity
   * itself (a JOINED subclass's table has the id too, and Hibernate's foreign keys to that subclass reference it).
   */
  static JavaClass tableOwner(JavaClass entity) {
    JavaClass root = inheritanceRoot(entity);
    return inheritanceStrategy(root).equals("SINGLE_TABLE") ? root : entity;
  }

  static String inheritanceStrategy(JavaClass root) {
    return annotation(root, "Inheritance").flatMap(a -> a.get("strategy")).map(EntityClasses::enumName)
        .orElse("SINGLE_TABLE");
  }

  static boolean hasEntitySubclassesIn(JavaClass type) {
    return type.getSubclasses().stream().anyMatch(s -> annotation(s, "Entity").isPresent());
  }

  static boolean isSuperclassOf(JavaClass candidate, JavaClass root) {
    return root.getAllRawSuperclasses().contains(candidate);
  }

  /**
   * The classes whose fields go into the entity's table, superclasses first: mapped superclasses always;
   * parent entities for SINGLE_TABLE (the shared table) and TABLE_PER_CLASS (copied), not for JOINED.
   */
  static List<JavaClass> fieldSources(JavaClass type, JavaClass root, String strategy) {
    List<JavaClass> chain = new ArrayList<>(type.getAllRawSuperclasses());
    java.util.Collections.reverse(chain);
    List<JavaClass> sources = new ArrayList<>();
    for (JavaClass parent : chain) {
      boolean mapped = annotation(parent, "MappedSuperclass").isPresent();
      boolean parentEntity = annotation(parent, "Entity").isPresent();
      if (mapped && (!strategy.equals("JOINED") || type == root || !isSuperclassOf(parent, root))
          || parentEntity && !strategy.equals("JOINED")) {
        sources.add(parent);
      }
    }
    sources.add(type);
    return sources;
  }

  /** The persistent fields an entity maps, those of its superclasses that map into its table included. */
  static List<JavaField> mappedFields(JavaClass type) {
    JavaClass root = inheritanceRoot(type);
    String strategy = root == type ? "SINGLE_TABLE" : inheritanceStrategy(root);
    return fieldSources(type, root, strategy).stream().flatMap(source -> persistentFields(source).stream()).toList();
  }

  static List<JavaField> persistentFields(JavaClass type) {
    return type.getFields().stream()
        .filter(f -> !f.getModifiers().contains(JavaModifier.STATIC))
        .filter(f -> !f.getModifiers().contains(JavaModifier.TRANSIENT))
        .filter(f -> !f.getModifiers().contains(JavaModifier.SYNTHETIC))
        .filter(f -> annotation(f, "Transient").isEmpty())
        // Hibernate computes a @Formula field with SQL of its own on each load: it is no column
        .filter(f -> hibernate(f, "Formula").isEmpty())
        .sorted(Comparator.comparing(JavaField::getName))
        .toList();
  }

  static boolean isId(JavaField field) {
    return annotation(field, "Id").isPresent() || annotation(field, "EmbeddedId").isPresent();
  }

  static boolean owningOneToOne(JavaField field) {
    return annotation(field, "OneToOne").map(a -> a.get("mappedBy").map(String::valueOf).orElse("").isEmpty())
        .orElse(false);
  }

  static boolean isRelationOrCollection(JavaField field) {
    if (annotation(field, "OneToOne").isPresent() || annotation(field, "OneToMany").isPresent()
        || annotation(field, "ManyToMany").isPresent() || annotation(field, "ElementCollection").isPresent()) {
      return true;
    }
    boolean collection = field.getRawType().isAssignableTo(java.util.Collection.class);
    if (!collection && !field.getRawType().isAssignableTo(java.util.Map.class)) {
      return false;
    }
    return !basicCollection(field, collection);
  }

  /**
   * A collection Hibernate 6 and later keep in one column of the entity's table: one with a JDBC type, a type or a
   * converter ({@code @JdbcTypeCode(SqlTypes.JSON) List<Contribution>}, a {@code jsonb} column), or an unannotated
   * collection of a basic type ({@code List<Long>}, an array column).
   */
  private static boolean basicCollection(JavaField field, boolean collection) {
    if (annotation(field, "Convert").isPresent() || hibernate(field, "JdbcTypeCode").isPresent()
        || hibernate(field, "JdbcType").isPresent() || hibernate(field, "Type").isPresent()) {
      return true;
    }
    if (!collection || !(field.getType() instanceof com.tngtech.archunit.core.domain.JavaParameterizedType type)
        || type.getActualTypeArguments().size() != 1) {
      return false;
    }
    String element = type.getActualTypeArguments().get(0).toErasure().getName();
    return element.startsWith("java.lang.") || element.startsWith("java.time.") || element.startsWith("java.math.")
        || element.equals("java.util.UUID");
  }

  /**
   * The element type of a collection Hibernate 6+ keeps in an array column ({@code List<Long>}, {@code Set<String>}:
   * unannotated, of a basic type), or empty.
   */
  static Optional<String> basicCollectionElement(JavaField field) {
    if (!field.getRawType().isAssignableTo(java.util.Collection.class) || !basicCollection(field, true)
        || annotation(field, "Convert").isPresent() || hibernate(field, "JdbcTypeCode").isPresent()
        || hibernate(field, "JdbcType").isPresent() || hibernate(field, "Type").isPresent()) {
      return Optional.empty();
    }
    return Optional.of(((com.tngtech.archunit.core.domain.JavaParameterizedType) field.getType())
        .getActualTypeArguments().get(0).toErasure().getName());
  }

  static boolean notNullConstraint(JavaField field) {
    return field.isAnnotatedWith("jakarta.validation.constraints.NotNull")
        || field.isAnnotatedWith("javax.validation.constraints.NotNull");
  }

  static boolean explicitNumeric(Optional<JavaAnnotation<?>> column) {
    return column.map(c -> c.hasExplicitlyDeclaredProperty("precision")).orElse(false);
  }

  static Map<String, JavaAnnotation<?>> attributeOverrides(JavaField field) {
    Map<String, JavaAnnotation<?>> overrides = new LinkedHashMap<>();
    List<JavaAnnotation<?>> all = new ArrayList<>();
    annotation(field, "AttributeOverride").ifPresent(all::add);
    all.addAll(annotations(annotation(field, "AttributeOverrides"), "value"));
    for (JavaAnnotation<?> override : all) {
      String name = override.get("name").map(String::valueOf).orElse("");
      override.get("column").map(c -> (JavaAnnotation<?>) c).ifPresent(column -> overrides.put(name, column));
    }
    return overrides;
  }

  static List<JavaAnnotation<?>> joinColumns(JavaField field) {
    List<JavaAnnotation<?>> columns = new ArrayList<>();
    annotation(field, "JoinColumn").ifPresent(columns::add);
    columns.addAll(annotations(annotation(field, "JoinColumns"), "value"));
    return columns;
  }

  static boolean constraintWanted(Object foreignKey) {
    return !((JavaAnnotation<?>) foreignKey).get("value").map(EntityClasses::enumName).orElse("")
        .equals("NO_CONSTRAINT");
  }

  static ReferentialAction referentialAction(String hibernateAction) {
    return switch (hibernateAction) {
      case "CASCADE" -> ReferentialAction.CASCADE;
      case "SET_NULL" -> ReferentialAction.SET_NULL;
      case "SET_DEFAULT" -> ReferentialAction.SET_DEFAULT;
      case "RESTRICT" -> ReferentialAction.RESTRICT;
      default -> ReferentialAction.NO_ACTION;
    };
  }

  static String enumName(Object value) {
    return value instanceof JavaEnumConstant constant ? constant.name() : String.valueOf(value);
  }

  static Optional<JavaAnnotation<?>> annotation(HasAnnotations<?> element, String simpleName) {
    for (String prefix : PERSISTENCE) {
      Optional<? extends JavaAnnotation<?>> found = element.tryGetAnnotationOfType(prefix + simpleName);
      if (found.isPresent()) {
        return Optional.of(found.get());
      }
    }
    return Optional.empty();
  }

  static Optional<JavaAnnotation<?>> hibernate(HasAnnotations<?> element, String simpleName) {
    return element.tryGetAnnotationOfType(HIBERNATE + simpleName).map(a -> a);
  }

  static Optional<String> stringProperty(Optional<JavaAnnotation<?>> annotation, String property) {
    return annotation.flatMap(a -> a.get(property)).map(String::valueOf);
  }

  static Optional<Boolean> booleanProperty(Optional<JavaAnnotation<?>> annotation, String property) {
    return annotation.flatMap(a -> a.tryGetExplicitlyDeclaredProperty(property)).map(Boolean.class::cast);
  }

  static Optional<Integer> intProperty(Optional<JavaAnnotation<?>> annotation, String property) {
    return annotation.flatMap(a -> a.tryGetExplicitlyDeclaredProperty(property)).map(Integer.class::cast);
  }

  static List<JavaAnnotation<?>> annotations(Optional<JavaAnnotation<?>> annotation, String property) {
    return annotation.flatMap(a -> a.get(property))
        .map(v -> Arrays.stream((Object[]) v).<JavaAnnotation<?>>map(o -> (JavaAnnotation<?>) o).toList())
        .orElse(List.of());
  }

  static List<MappedColumn> distinct(List<MappedColumn> columns) {
    Map<String, MappedColumn> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.putIfAbsent(c.name(), c));
    return List.copyOf(byName.values());
  }
}
