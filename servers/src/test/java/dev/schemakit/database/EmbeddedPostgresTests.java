package dev.schemakit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTests {

  @Test
  void sharedServerAcceptsConnectionsAndRunsSql() throws Exception {
    EmbeddedPostgres server = EmbeddedPostgres.shared();
    assertThat(server.version()).startsWith("18.");
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
    EmbeddedPostgres own = EmbeddedPostgres.start();
    int port = own.port();
    java.nio.file.Path data;
    try (Connection connection = own.connect("postgres"); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("show data_directory")) {
      rs.next();
      data = java.nio.file.Path.of(rs.getString(1));
    }
    assertThat(port).isNotEqualTo(EmbeddedPostgres.shared().port());
    java.nio.file.Path runs = data.getParent();
    String id = data.getFileName().toString();
    assertThat(runs).isEqualTo(EmbeddedPostgres.dataRoot(EmbeddedPostgres.cacheRoot()).resolve("run"));
    assertThat(runs.resolve(id + ".owner")).exists();
    own.close();
    // the data directory is renamed <id>.trash and deleted by an rm that does not hold up the close; other servers
    // (another Surefire fork's) may come and go in the same folder meanwhile
    java.util.List<java.nio.file.Path> ownFiles = java.util.List.of(data, runs.resolve(id + ".log"),
        runs.resolve(id + ".owner"), runs.resolve(id + ".trash"));
    java.util.List<java.nio.file.Path> left = dev.schemakit.testing.Eventually.value(java.time.Duration.ofSeconds(20),
        () -> ownFiles.stream().filter(java.nio.file.Files::exists).toList(), java.util.List::isEmpty);
    assertThat(left).as("data directory, log and owner file of the closed server are deleted").isEmpty();
  }

  @Test
  void aConfiguredPortThatIsTakenGivesTheFix() throws Exception {
    int taken = EmbeddedPostgres.shared().port();
    System.setProperty(EmbeddedPostgres.PORT_PROPERTY, Integer.toString(taken));
    try {
      assertThatThrownBy(EmbeddedPostgres::start)
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessage("Starting the embedded PostgreSQL server failed: port " + taken + " on 127.0.0.1 is already in"
              + " use by another process. Choose another port in schemakit.embedded.port, or remove it to let"
              + " schemakit pick a free one.");
    } finally {
      System.clearProperty(EmbeddedPostgres.PORT_PROPERTY);
    }
  }

  @Test
  void aPortThatIsNoNumberIsRejectedBeforeAnythingStarts() {
    System.setProperty(EmbeddedPostgres.PORT_PROPERTY, "54x");
    try {
      assertThatThrownBy(EmbeddedPostgres::start).hasMessage("Starting the embedded PostgreSQL server failed:"
          + " schemakit.embedded.port is '54x', expected a port number from 1 to 65535. Fix it or remove it.");
    } finally {
      System.clearProperty(EmbeddedPostgres.PORT_PROPERTY);
    }
  }

  @Test
  void theDataDirectoriesLiveOnTmpfsWhereThereIsOneAndInTheCacheFolderWhenTurnedOff() throws Exception {
    java.nio.file.Path cache = java.nio.file.Path.of("target", "some-cache").toAbsolutePath();
    java.nio.file.Path data = EmbeddedPostgres.dataRoot(cache);
    boolean tmpfs = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/dev/shm"))
        && java.nio.file.Files.getFileStore(java.nio.file.Path.of("/dev/shm")).type().equals("tmpfs");
    org.junit.jupiter.api.Assumptions.assumeTrue(tmpfs, "no tmpfs at /dev/shm on this machine");
    assertThat(data.toString()).startsWith("/dev/shm/schemakit-data-");
    assertThat(EmbeddedPostgres.dataRoot(java.nio.file.Path.of("target", "other-cache").toAbsolutePath()))
        .isNotEqualTo(data);
    try (Connection connection = EmbeddedPostgres.shared().connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("show data_directory")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith(EmbeddedPostgres.dataRoot(EmbeddedPostgres.cacheRoot()).toString());
    }
    System.setProperty(EmbeddedPostgres.TMPFS_PROPERTY, "false");
    try {
      assertThat(EmbeddedPostgres.dataRoot(cache)).isEqualTo(cache);
    } finally {
      System.clearProperty(EmbeddedPostgres.TMPFS_PROPERTY);
    }
  }
}
