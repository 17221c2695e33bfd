package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;

@MigrationTest
class AccountsTest {

  @Test
  void accountsStartEmpty(MigratedDatabase db) {
    assertEquals(0L, db.queryForValue("select count(*) from accounts"));
  }
}
