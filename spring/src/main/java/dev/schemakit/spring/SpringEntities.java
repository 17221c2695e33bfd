package dev.schemakit.spring;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.EntityReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JPA entities of a Spring Boot application, found where Spring Boot finds them: the packages of its
 * {@code @EntityScan}, else the package of its {@code @SpringBootApplication} class. Read with
 * {@link EntityReader#defaults()} (Spring Boot's naming), for the three-way entity drift:
 *
 * <pre>{@code
 * @DataJpaTest @MigrationTest
 * class EntityDriftTests {
 *   @Test void entitiesMatchTheMigrations(MigratedDatabase db) throws IOException {
 *     DiffResult drift = db.entityDrift(SpringEntities.forTest(getClass()), ContractReader.readDirectory(Path.of("contracts")));
 *     assertTrue(drift.passed(), () -> Reports.text(drift));
 *   }
 * }
 * }</pre>
 *
 * <p>Annotations are read by name from the class files, so Spring Boot 3 ({@code ...autoconfigure.domain.EntityScan})
 * and 4 ({@code ...persistence.autoconfigure.EntityScan}) both work.
 */
public final class SpringEntities {

  private static final String SPRING_BOOT_APPLICATION = "org.springframework.boot.autoconfigure.SpringBootApplication";
  private static final Set<String> ENTITY_SCAN = Set.of("org.springframework.boot.autoconfigure.domain.EntityScan",
      "org.springframework.boot.persistence.autoconfigure.EntityScan");

  private SpringEntities() {
  }

  /**
   * The entities of the application a test belongs to: its {@code @SpringBootApplication} class is looked for in
   * the test's package and then each enclosing package, as {@code @SpringBootTest} does.
   *
   * @throws IllegalArgumentException when no {@code @SpringBootApplication} class is there
   */
  public static EntityMappings forTest(Class<?> testClass) {
    String name = testClass.getPackageName();
    while (true) {
      Optional<JavaClass> application = applicationIn(name);
      if (application.isPresent()) {
        return EntityReader.defaults().readPackages(packages(application.get()).toArray(String[]::new));
      }
      if (name.isEmpty()) {
        throw new IllegalArgumentException("No @SpringBootApplication class in the package of " + testClass.getName()
            + " or any package above it. Use SpringEntities.of(YourApplication.class), or EntityReader.defaults()"
            + ".readPackages(\"com.acme.domain\").");
      }
      name = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
    }
  }

  /** The entities of an application class: its {@code @EntityScan} packages, else its own package. */
  public static EntityMappings of(Class<?> application) {
    JavaClass imported = new ClassFileImporter().importClass(application);
    return EntityReader.defaults().readPackages(packages(imported).toArray(String[]::new));
  }

  private static Optional<JavaClass> applicationIn(String packageName) {
    if (packageName.isEmpty()) {
      return Optional.empty(); // the whole class path: too much to import, and Spring Boot refuses it too
    }
    return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(packageName).stream()
        .filter(type -> type.getPackageName().equals(packageName))
        .filter(type -> type.isAnnotatedWith(SPRING_BOOT_APPLICATION) || type.isMetaAnnotatedWith(SPRING_BOOT_APPLICATION))
        .findFirst();
  }

  private static List<String> packages(JavaClass application) {
    for (JavaAnnotation<JavaClass> annotation : application.getAnnotations()) {
      if (ENTITY_SCAN.contains(annotation.getRawType().getName())) {
        List<String> packages = new ArrayList<>();
        for (String attribute : List.of("value", "basePackages")) {
          annotation.get(attribute).ifPresent(value -> packages.addAll(Arrays.asList((String[]) value)));
        }
        annotation.get("basePackageClasses").ifPresent(value -> Arrays.stream((JavaClass[]) value)
            .map(JavaClass::getPackageName).forEach(packages::add));
        if (!packages.isEmpty()) {
          return packages;
        }
      }
    }
    return List.of(application.getPackageName());
  }
}
