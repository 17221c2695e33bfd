package dev.schemakit.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the embedded servers' files live and how they are copied and deleted: the cache folder, the data folders
 * (on tmpfs where there is one), trees copied with hard links for the read-only template folders.
 */
final class DataFolders {

  private DataFolders() {
  }

  static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (UncheckedIOException e) {
      // whoever finds it later (removeAbandonedRuns) deletes it
    }
  }

  static void moveIntoPlace(Path staging, Path target) throws IOException {
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      deleteTree(staging);
      if (!Files.exists(target)) {
        throw e;
      }
    }
  }

  static final Path SHARED_MEMORY = Path.of("/dev/shm");

  static final String CACHE_FOLDER_FILE = "cache-folder";

  static final long TMPFS_MIN_FREE = 2L << 30;

  /**
   * Where the data directories of a cache folder live: the {@code initdb} copy, the warm states and the running
   * servers. On Linux that is {@code /dev/shm/schemakit-data-<hash of the cache folder>}, a tmpfs, when it is one
   * with 2 GiB free: creating a file there costs a fraction of what it costs on disk, and a clone of a template
   * database copies hundreds of files (measured here: 12 ms instead of 200 ms for a 100-table database). The
   * binaries stay in the cache folder (a tmpfs may be mounted {@code noexec}). Elsewhere, or with
   * {@value EmbeddedPostgres#TMPFS_PROPERTY}{@code =false}, it is the cache folder itself.
   */
  public static Path dataRoot(Path cacheRoot) {
    String setting = System.getProperty(EmbeddedPostgres.TMPFS_PROPERTY, System.getenv("SCHEMAKIT_TMPFS"));
    if ("false".equalsIgnoreCase(setting) || !Files.isDirectory(SHARED_MEMORY) || !Files.isWritable(SHARED_MEMORY)) {
      return cacheRoot;
    }
    try {
      java.nio.file.FileStore store = Files.getFileStore(SHARED_MEMORY);
      if (!store.type().equals("tmpfs") || store.getUsableSpace() < TMPFS_MIN_FREE) {
        return cacheRoot;
      }
    } catch (IOException e) {
      return cacheRoot;
    }
    return SHARED_MEMORY.resolve("schemakit-data-" + PostgresBinaries.sha256(cacheRoot.toAbsolutePath().toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12));
  }

  /**
   * Writes which cache folder a data folder belongs to, whole or not at all: a JVM sweeping data folders must never
   * read half a name (it would take the cache folder for deleted).
   */
  static void nameCacheFolder(Path data, Path root) throws IOException {
    Path file = data.resolve(CACHE_FOLDER_FILE);
    String name = root.toAbsolutePath().toString();
    if (Files.exists(file) && Files.readString(file).equals(name)) {
      return;
    }
    Path staging = Files.createTempFile(data, CACHE_FOLDER_FILE, ".tmp");
    Files.writeString(staging, name);
    Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * The data folders in {@code /dev/shm} of cache folders that were deleted (a test's own cache folder, a cleaned
   * build directory) hold memory until the machine restarts; those with no live server go.
   */
  static void removeDataRootsOfDeletedCaches(Path current) {
    try (Stream<Path> folders = Files.list(SHARED_MEMORY)) {
      for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith("schemakit-data-")
          && !p.equals(current)).toList()) {
        Path owner = folder.resolve(CACHE_FOLDER_FILE);
        String cacheFolder = Files.exists(owner) ? Files.readString(owner).trim() : "";
        if (cacheFolder.isEmpty() || Files.exists(Path.of(cacheFolder))) {
          continue;
        }
        Path runs = folder.resolve("run");
        if (Files.isDirectory(runs)) {
          AbandonedRuns.removeAbandonedRuns(runs);
          try (Stream<Path> left = Files.list(runs)) {
            if (left.findAny().isPresent()) {
              continue; // a server of that folder still runs
            }
          }
        }
        deleteTree(folder);
      }
    } catch (IOException | UncheckedIOException e) {
      // memory held a little longer, not a failed run; another JVM may be removing the same folder
    }
  }

  /**
   * The cache folder: {@code schemakit.cache.dir} (or {@code SCHEMAKIT_CACHE_DIR}), else
   * {@code <java.io.tmpdir>/schemakit-<user>}. Its data directories may live elsewhere ({@link #dataRoot(Path)}).
   */
  public static Path cacheRoot() {
    String configured = System.getProperty("schemakit.cache.dir", System.getenv("SCHEMAKIT_CACHE_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "schemakit-" + System.getProperty("user.name"));
  }

  static String osFamily() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("mac") ? "mac" : os.contains("win") ? "windows" : "unix";
  }

  static boolean isPosix() {
    return !osFamily().equals("windows");
  }

  static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }

  static void copyTree(Path source, Path target) throws IOException {
    copyTree(source, target, Set.of());
  }

  /** Copies a tree; files directly in the {@code linked} folders (relative to it) are hard links where possible. */
  static void copyTree(Path source, Path target, Set<Path> linked) throws IOException {
    boolean linking = !linked.isEmpty();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path path : walk.toList()) {
        Path relative = source.relativize(path);
        Path destination = target.resolve(relative.toString());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(destination);
          continue;
        }
        if (linking && relative.getParent() != null && linked.contains(relative.getParent())) {
          try {
            Files.createLink(destination, path);
            continue;
          } catch (IOException | UnsupportedOperationException e) {
            linking = false; // a file system without hard links: copy like the rest
          }
        }
        Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + root, e);
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
