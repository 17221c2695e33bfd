package dev.schemakit.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTests {

  @Test
  void sharedServerAcceptsConnectionsAndRunsSql() throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    assertThat(server.version()).startsWith("17.");
    try (Connection connection = server.connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('fsync'), 6 * 7")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("off");
      assertThat(rs.getInt(2)).isEqualTo(42);
    }
    assertThat(EmbeddedPostgres.shared()).isSameAs(server);
  }

  @Test
  void aSecondServerStartsFromTheCachedDataDirectoryAndCleansUpOnClose() throws Exception {
    java.nio.file.Path runs = EmbeddedPostgres.cacheRoot().resolve("run");
    EmbeddedPostgres own = EmbeddedPostgres.start();
    int port = own.port();
    try (Connection connection = own.connect("postgres")) {
      assertThat(connection.isValid(2)).isTrue();
    }
    assertThat(port).isNotEqualTo(EmbeddedPostgres.shared().port());
    long before;
    try (var listing = java.nio.file.Files.list(runs)) {
      before = listing.count();
    }
    own.close();
    long after;
    try (var listing = java.nio.file.Files.list(runs)) {
      after = listing.count();
    }
    assertThat(after).as("data directory and log of the closed server are deleted").isEqualTo(before - 2);
  }
}
