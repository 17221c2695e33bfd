package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.test.context.ActiveProfiles;

/** application-audit.yml changes a placeholder: the class's database is migrated with the profile's value. */
@JdbcTest
@ActiveProfiles("audit")
@MigrationTest
class ActiveProfileTests {

  @Test
  void theProfilesPlaceholderWasUsed(MigratedDatabase db) {
    assertThat(db.queryForValue("select obj_description('accounts'::regclass, 'pg_class')"))
        .isEqualTo("owned by audit-team");
  }
}
