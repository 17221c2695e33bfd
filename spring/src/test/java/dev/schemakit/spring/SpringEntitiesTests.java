package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.Finding;
import dev.schemakit.diff.FindingCode;
import dev.schemakit.report.Reports;
import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** The entities of the Spring Boot application, found from the test, against the migrations: three-way drift. */
class SpringEntitiesTests {

  @Test
  void theApplicationsEntitiesAreFoundFromItsPackage() {
    assertThat(SpringEntities.forTest(getClass()).entities()).extracting(e -> e.className())
        .containsExactly("dev.schemakit.spring.app.Account");
    assertThat(SpringEntities.of(AccountsApplication.class).entities()).hasSize(1);
  }

  /** Entities elsewhere than the application's package, named by @EntityScan (not a configuration: no bean). */
  @org.springframework.boot.autoconfigure.domain.EntityScan(basePackageClasses = dev.schemakit.spring.app.Account.class)
  static class ScanningApplication {
  }

  @org.springframework.boot.autoconfigure.domain.EntityScan("dev.schemakit.spring.nothing.here")
  static class ScanningNothing {
  }

  @Test
  void entityScanNamesThePackages() {
    assertThat(SpringEntities.of(ScanningApplication.class).entities()).extracting(e -> e.className())
        .containsExactly("dev.schemakit.spring.app.Account");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpringEntities.of(ScanningNothing.class))
        .hasMessageContaining("dev.schemakit.spring.nothing.here");
  }

  @DataJpaTest
  @MigrationTest
  @Nested
  class AtTheLatestVersion {
    @Test
    void entitiesAgreeWithTheMigrations(MigratedDatabase db) {
      DiffResult drift = db.entityDrift(SpringEntities.forTest(getClass()), null);
      assertThat(drift.errors()).as(Reports.text(drift)).isEmpty();
    }
  }

  @DataJpaTest
  @MigrationTest(target = "1")
  @Nested
  class BeforeTheNicknameMigration {
    @Test
    void theEntitysNicknameHasNoColumnYet(MigratedDatabase db) {
      DiffResult drift = db.entityDrift(SpringEntities.forTest(getClass()), null);
      assertThat(drift.errors()).extracting(Finding::code, Finding::path)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.ENTITY_COLUMN_MISSING,
              "public.accounts.nickname"));
    }
  }
}
