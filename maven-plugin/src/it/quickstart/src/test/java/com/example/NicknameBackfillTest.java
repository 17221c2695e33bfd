package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemakit.testkit.MigratedDatabase;
import dev.schemakit.testkit.MigrationTest;
import org.junit.jupiter.api.Test;

@MigrationTest(target = "2")
class NicknameBackfillTest {

  @Test
  void everyAccountGetsANickname(MigratedDatabase db) {
    db.execute("insert into accounts (email) values ('ada@example.com'), ('grace@example.org')");

    db.migrateTo("3");

    assertEquals(0L, db.queryForValue("select count(*) from accounts where nickname is null"));
    assertEquals("ada", db.queryForValue("select nickname from accounts where email = 'ada@example.com'"));
  }
}
