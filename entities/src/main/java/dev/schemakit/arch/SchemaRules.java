package dev.schemakit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.entity.MappedEntity;
import dev.schemakit.entity.MappedEntity.SoftDeleteMapping;
import dev.schemakit.entity.NamingStrategy;
import dev.schemakit.model.Catalog;
import dev.schemakit.yaml.ContractException;
import dev.schemakit.yaml.ContractReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ArchUnit rules that keep a service's schema in its migrations. For users: check them from the
 * service's own ArchUnit test, on production classes only, in one line:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme", importOptions = ImportOption.DoNotIncludeTests.class)
 * class SchemaRulesTests {
 *   @ArchTest static final ArchRule schema = SchemaRules.ALL;
 * }
 * }</pre>
 *
 * <p>or {@code SchemaRules.ALL.check(new ClassFileImporter().importPackages("com.acme"))}.
 */
public final class SchemaRules {

  private static final Set<String> GENERATION_SETTINGS = Set.of(
      "hibernate.hbm2ddl.auto", "hbm2ddl.auto", "spring.jpa.hibernate.ddl-auto",
      "javax.persistence.schema-generation.database.action", "jakarta.persistence.schema-generation.database.action");
  private static final Set<String> GENERATING_VALUES = Set.of(
      "create", "create-drop", "create-only", "update", "drop-and-create", "drop");
  private static final Set<String> GENERATING_TYPES = Set.of(
      "org.hibernate.tool.hbm2ddl.SchemaExport", "org.hibernate.tool.hbm2ddl.SchemaUpdate",
      "org.hibernate.relational.SchemaManager");

  /**
   * No class enables schema auto-generation: no Hibernate {@code hbm2ddl.auto} / Spring {@code ddl-auto} / JPA
   * {@code schema-generation.database.action} set to {@code create}, {@code create-drop}, {@code update},
   * {@code drop-and-create} (or {@code drop}) in code, and no call to Hibernate's {@code SchemaExport}, {@code
   * SchemaUpdate}, {@code SchemaManager} or JPA's {@code Persistence.generateSchema}. The setting is found in
   * the class file's string constants (the setting name together with a generating value), so {@code
   * "validate"} and {@code "none"} pass. A class that merely mentions both (a checker like this one) is a false
   * positive: leave it out with ArchUnit's {@code archunit_ignore_patterns.txt}. Properties and YAML files are
   * not classes: keep {@code spring.jpa.hibernate.ddl-auto} out of them by review.
   */
  public static final ArchRule NO_SCHEMA_AUTO_GENERATION = noClasses()
      .that().doNotHaveFullyQualifiedName(SchemaRules.class.getName())
      .should(enableSchemaAutoGeneration())
      .because("the schema comes from Flyway migrations only: a table that Hibernate creates works in development "
          + "and is missing from every fresh production database")
      .allowEmptyShould(true);

  /** No class calls {@code Flyway.clean()}, which drops every object in the configured schemas. */
  public static final ArchRule NO_FLYWAY_CLEAN = noClasses()
      .should().callMethodWhere(calls("org.flywaydb.core.Flyway", "clean"))
      .because("Flyway.clean() drops everything in the schemas; one wrong configuration runs it against production")
      .allowEmptyShould(true);

  /**
   * Every entity that soft-deletes with an {@code UPDATE ... SET column} in Hibernate's {@code @SQLDelete} also
   * filters deleted rows with {@code @SQLRestriction} (or the older {@code @Where}) naming that column.
   * Hibernate's {@code @SoftDelete} filters by itself and passes.
   */
  public static final ArchRule SOFT_DELETED_ENTITIES_FILTER_DELETED_ROWS = classes()
      .should(filterDeletedRowsWhenSoftDeleting())
      .because("without a filter, every query and every lazy collection keeps returning deleted rows")
      .allowEmptyShould(true);

  /**
   * Every entity's table is listed in a contract. Contracts are read from the directory in the system property
   * {@code schemakit.contracts}, else from the first of {@code src/main/contracts} and {@code contracts} that
   * exists in the working directory (a Maven module's base directory under Surefire). Use {@link
   * #entityTablesHaveContracts(Path)} to name the directory.
   */
  public static final ArchRule ENTITY_TABLES_HAVE_CONTRACTS = entityTablesHaveContracts(null);

  /** All four rules above, as one. */
  public static final ArchRule ALL = CompositeArchRule.of(NO_SCHEMA_AUTO_GENERATION)
      .and(NO_FLYWAY_CLEAN)
      .and(SOFT_DELETED_ENTITIES_FILTER_DELETED_ROWS)
      .and(ENTITY_TABLES_HAVE_CONTRACTS);

  private SchemaRules() {}

  /**
   * Every entity's table is listed in a contract in {@code contracts}.
   *
   * @param contracts the contract directory; {@code null} for the default described at {@link
   *     #ENTITY_TABLES_HAVE_CONTRACTS}
   */
  public static ArchRule entityTablesHaveContracts(Path contracts) {
    return classes().should(haveAContract(contracts, NamingStrategy.SPRING_BOOT))
        .because("the contract is the reviewed description of the schema; a table without one changes unnoticed")
        .allowEmptyShould(true);
  }

  private static DescribedPredicate<JavaMethodCall> calls(String owner, String method) {
    return DescribedPredicate.describe(owner + "." + method + "()", call ->
        call.getTarget().getName().equals(method) && call.getTargetOwner().isAssignableTo(owner));
  }

  private static ArchCondition<JavaClass> enableSchemaAutoGeneration() {
    return new ArchCondition<>("enable schema auto-generation") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaAccess<?> access : type.getAccessesFromSelf()) {
          String owner = access.getTargetOwner().getName();
          boolean generateSchema = access.getName().equals("generateSchema")
              && (owner.equals("jakarta.persistence.Persistence") || owner.equals("javax.persistence.Persistence"));
          if (GENERATING_TYPES.contains(owner) || generateSchema) {
            events.add(SimpleConditionEvent.satisfied(access, access.getDescription()
                + ": generates the schema from the entities"));
          }
        }
        Set<String> constants = stringConstants(type);
        List<String> settings = constants.stream().filter(GENERATION_SETTINGS::contains).sorted().toList();
        List<String> values = constants.stream().filter(GENERATING_VALUES::contains).sorted().toList();
        if (!settings.isEmpty() && !values.isEmpty()) {
          events.add(SimpleConditionEvent.satisfied(type, "Class <" + type.getName() + "> sets " + settings
              + " and contains " + values.stream().map(v -> "\"" + v + "\"").toList()
              + ": use \"validate\" or \"none\" and let Flyway create the schema"));
        }
      }
    };
  }

  private static ArchCondition<JavaClass> filterDeletedRowsWhenSoftDeleting() {
    return new ArchCondition<>("filter deleted rows when soft-deleting") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        SoftDeleteMapping softDelete = EntityReader.softDeleteOf(type, NamingStrategy.SPRING_BOOT);
        if (softDelete == null || "@SoftDelete".equals(softDelete.declaredBy())) {
          return;
        }
        String filter = softDelete.filter();
        boolean names = filter != null && Pattern.compile("(?i)\\b" + Pattern.quote(softDelete.column()) + "\\b")
            .matcher(filter).find();
        String message = filter == null
            ? "Entity <" + type.getName() + "> soft-deletes by setting " + softDelete.column()
                + " (@SQLDelete) but does not filter deleted rows: add @SQLRestriction(\"" + softDelete.column()
                + " IS NULL\") (or the flag's live value)"
            : "Entity <" + type.getName() + "> soft-deletes by setting " + softDelete.column()
                + " but its filter \"" + filter + "\" does not mention " + softDelete.column();
        events.add(new SimpleConditionEvent(type, names, names ? "Entity <" + type.getName()
            + "> filters deleted rows by " + softDelete.column() : message));
      }
    };
  }

  private static ArchCondition<JavaClass> haveAContract(Path directory, NamingStrategy naming) {
    return new ArchCondition<>("have their table listed in a contract") {
      private EntityMappings entities;
      private Catalog contracts;
      private String problem;
      private Path where;

      @Override
      public void init(Collection<JavaClass> all) {
        where = directory != null ? directory : defaultContracts();
        List<JavaClass> entityClasses = all.stream().filter(c -> c.isAnnotatedWith("jakarta.persistence.Entity")
            || c.isAnnotatedWith("javax.persistence.Entity")).toList();
        if (entityClasses.isEmpty()) {
          return;
        }
        entities = EntityReader.defaults().withNaming(naming).read(entityClasses, "the classes under test");
        if (where == null || !Files.isDirectory(where)) {
          problem = "no contract directory: " + (where == null
              ? "neither src/main/contracts nor contracts exists in " + Path.of("").toAbsolutePath()
                  + " and -Dschemakit.contracts is not set"
              : where + " is not a directory");
          return;
        }
        try {
          contracts = ContractReader.readDirectory(where);
        } catch (ContractException e) {
          problem = "the contracts in " + where + " cannot be read: " + e.getMessage();
        }
      }

      @Override
      public void check(JavaClass type, ConditionEvents events) {
        if (entities == null) {
          return;
        }
        MappedEntity entity = entities.entity(type.getName()).orElse(null);
        if (entity == null) {
          return;
        }
        if (problem != null) {
          events.add(SimpleConditionEvent.violated(type, "Entity <" + type.getName() + "> maps table "
              + entity.qualifiedTable() + ", but " + problem));
          return;
        }
        boolean listed = contracts.table(entity.schema(), entity.table()).isPresent();
        events.add(new SimpleConditionEvent(type, listed, "Entity <" + type.getName() + "> maps table "
            + entity.qualifiedTable() + (listed ? ", listed in " + where : ", which no contract in " + where
                + " lists: run `schemakit record` or add the table to a contract")));
      }
    };
  }

  private static Path defaultContracts() {
    String property = System.getProperty("schemakit.contracts");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    for (String candidate : List.of("src/main/contracts", "contracts")) {
      if (Files.isDirectory(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  /**
   * The string constants of a class file. ArchUnit does not expose constants (javac inlines {@code static
   * final} strings such as {@code AvailableSettings.HBM2DDL_AUTO}), so the constant pool is read directly.
   */
  static Set<String> stringConstants(JavaClass type) {
    Set<String> strings = new HashSet<>();
    if (type.getSource().isEmpty()) {
      return strings;
    }
    try (InputStream raw = type.getSource().get().getUri().toURL().openStream();
         DataInputStream in = new DataInputStream(raw)) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      int count = in.readUnsignedShort();
      for (int index = 1; index < count; index++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> strings.add(in.readUTF());
          case 7, 8, 16, 19, 20 -> in.skipBytes(2);
          case 15 -> in.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8);
            index++; // longs and doubles take two slots
          }
          default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + index);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Reading the string constants of " + type.getName() + " from "
          + type.getSource().get().getUri() + " failed: " + e.getMessage(), e);
    }
    return strings;
  }
}
