package dev.schemakit.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Preparing a server before it starts: unpacking the binaries, {@code initdb}, the OS user it runs as (not root),
 * and its port.
 */
final class ServerSetup {

  private ServerSetup() {
  }

  static EmbeddedPostgresException portInUse(int port, boolean configured) {
    return new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: port " + port
        + " on 127.0.0.1 is already in use by another process. " + (configured
            ? "Choose another port in " + EmbeddedPostgres.PORT_PROPERTY + ", or remove it to let schemakit pick a free one."
            : "Run the tests again (the port was free a moment before)."), null);
  }

  static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void initdb(Path installation, Path template, ServerUser user) throws IOException {
    Path staging = Files.createTempDirectory(template.getParent(), template.getFileName() + ".tmp");
    user.own(staging);
    List<String> command = new ArrayList<>(user.prefix());
    command.addAll(List.of(installation.resolve("bin/initdb").toString(), "-A", "trust", "-U", EmbeddedPostgres.USER,
        "-E", "UTF8", "--locale=C", "--no-sync", "-D", staging.toString()));
    Path log = template.getParent().resolve(template.getFileName() + ".initdb.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        DataFolders.deleteTree(staging);
        throw new EmbeddedPostgresException("initdb of the embedded PostgreSQL failed (command " + command
            + "). Its output:\n" + DataFolders.tail(log), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("Interrupted while initdb prepared the embedded PostgreSQL", e);
    }
    Files.deleteIfExists(log);
    DataFolders.moveIntoPlace(staging, template);
  }

  static void extract(PostgresBinaries binaries, Path installation) throws IOException {
    Path staging = Files.createTempDirectory(installation.getParent(), installation.getFileName() + ".tmp");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new java.io.BufferedInputStream(binaries.open(), 1 << 16)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = staging.resolve(entry.getName()).normalize();
        if (!target.startsWith(staging)) {
          throw new IOException("archive entry escapes the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          if (DataFolders.isPosix()) {
            Files.setPosixFilePermissions(target, DataFolders.permissions(entry.getMode()));
          }
        }
      }
    }
    if (DataFolders.isPosix()) {
      // createTempDirectory makes it owner-only; the server may run as another user (see ServerUser)
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    DataFolders.moveIntoPlace(staging, installation);
  }

  static OptionalInt configuredPort() {
    String configured = System.getProperty(EmbeddedPostgres.PORT_PROPERTY, System.getenv("SCHEMAKIT_EMBEDDED_PORT"));
    if (configured == null || configured.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      int port = Integer.parseInt(configured.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return OptionalInt.of(port);
    } catch (NumberFormatException e) {
      throw new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: " + EmbeddedPostgres.PORT_PROPERTY + " is '"
          + configured + "', expected a port number from 1 to 65535. Fix it or remove it.", null);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** The OS user the server runs as: the JVM's own, or {@code nobody} when the JVM is root. */
  record ServerUser(String name, List<String> prefix, UserPrincipal principal) {

    static ServerUser current() throws IOException {
      if (!isRoot()) {
        return new ServerUser(System.getProperty("user.name"), List.of(), null);
      }
      UserPrincipal nobody = Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      String uid = run("id", "-u", "nobody");
      String gid = run("id", "-g", "nobody");
      return new ServerUser("nobody", List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"),
          nobody);
    }

    /**
     * Refuses a folder the server's user cannot reach: run as root, the JVM hands PostgreSQL to {@code nobody}, who
     * must enter every folder above the binaries and the data (a {@code mktemp -d} folder is closed to others).
     */
    void requireReachable(Path folder, String what) throws IOException {
      if (principal == null) {
        return;
      }
      for (Path dir = folder.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
        if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)
            && !principal.equals(Files.getOwner(dir))) {
          throw new EmbeddedPostgresException("Starting the embedded PostgreSQL server failed: PostgreSQL refuses to"
              + " run as root, so it runs as 'nobody', who cannot enter " + dir + " (mode "
              + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + "), above " + what + " "
              + folder + ". Open it to others (chmod o+x " + dir + ") or set schemakit.cache.dir to a folder"
              + " everyone may enter.", null);
        }
      }
    }

    void own(Path tree) throws IOException {
      if (principal == null) {
        return;
      }
      try (Stream<Path> walk = Files.walk(tree)) {
        for (Path path : walk.toList()) {
          Files.setOwner(path, principal);
        }
      }
    }

    private static boolean isRoot() {
      try {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }

    private static String run(String... command) throws IOException {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      try {
        if (process.waitFor() != 0) {
          throw new EmbeddedPostgresException("PostgreSQL cannot run as root, and looking up the unprivileged user"
              + " 'nobody' to run it as failed: " + output + ". Run the build as a non-root user.", null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddedPostgresException("Interrupted while looking up user 'nobody'", e);
      }
      return output;
    }
  }
}
