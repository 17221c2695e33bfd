package dev.schemakit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two classes with the same Spring configuration at different versions, in one JVM: each context points at
 * its own class's database, never at the other's.
 */
class ContextPerVersionTests {

  static List<String> columns(JdbcTemplate jdbc) {
    return jdbc.queryForList("select column_name from information_schema.columns where table_name = 'accounts'"
        + " order by ordinal_position", String.class);
  }

  @JdbcTest
  @MigrationTest(target = "1")
  @Nested
  class AtVersionOne {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void seesTheTableWithoutNickname(MigratedDatabase db) {
      assertThat(columns(jdbc)).containsExactly("id", "email");
      assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo(db.name());
    }
  }

  @JdbcTest
  @MigrationTest
  @Nested
  class AtTheLatestVersion {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void seesTheNickname(MigratedDatabase db) {
      assertThat(columns(jdbc)).containsExactly("id", "email", "nickname");
      assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo(db.name());
    }
  }
}
