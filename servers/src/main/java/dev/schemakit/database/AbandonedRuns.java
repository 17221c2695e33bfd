package dev.schemakit.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What JVMs that died without stopping their servers left behind, and binaries no start used for two weeks: found
 * and removed at every start, so that a killed build costs neither a running server nor disk.
 */
final class AbandonedRuns {

  private AbandonedRuns() {
  }

  /**
   * Servers and data directories of JVMs that died without stopping them (killed, or crashed): a
   * server whose owning JVM is gone is shut down, then its data directory is deleted.
   */
  static void removeAbandonedRuns(Path runs) throws IOException {
    try (Stream<Path> entries = Files.list(runs)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        try {
          if (Files.isDirectory(entry)) {
            removeIfAbandoned(runs, entry);
          } else if (name.endsWith(".owner") && !Files.exists(runs.resolve(name.substring(0, name.length() - 6)))) {
            // a JVM killed before it made its data directory leaves only this file (and maybe a log)
            Long owner = readPid(entry);
            if (owner == null || !isAlive(owner)) {
              Files.deleteIfExists(entry);
              Files.deleteIfExists(runs.resolve(name.substring(0, name.length() - 6) + ".log"));
            }
          }
        } catch (IOException | UncheckedIOException e) {
          // another JVM is removing the same run right now
        }
      }
    }
  }

  static void removeIfAbandoned(Path runs, Path run) throws IOException {
    Path ownerFile = runs.resolve(run.getFileName() + ".owner");
    Long owner = readPid(ownerFile);
    boolean ownerAlive = owner != null ? isAlive(owner)
        // a copy in progress by another JVM has no owner file yet; only old ones are abandoned
        : Files.getLastModifiedTime(run).toMillis() > System.currentTimeMillis() - 600_000;
    if (ownerAlive) {
      return;
    }
    Long postmaster = readPid(run.resolve("postmaster.pid"));
    if (postmaster != null && isAlive(postmaster)) {
      ProcessHandle.of(postmaster).ifPresent(AbandonedRuns::stopOrphan);
    }
    DataFolders.deleteTree(run);
    Files.deleteIfExists(runs.resolve(run.getFileName() + ".log"));
    Files.deleteIfExists(ownerFile);
  }

  /**
   * Binaries, initdb and warm directories of other binaries versions that no start has used for two
   * weeks (every start touches its {@code .used} file): each version takes ~100 MB. The lock and {@code .used}
   * files are in {@code root} (the data folder); the binaries in {@code binariesRoot}.
   */
  static void removeUnusedInstallations(Path root, String currentPrefix, Path binariesRoot)
      throws IOException {
    long cutoff = System.currentTimeMillis() - Duration.ofDays(14).toMillis();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path lock : entries.filter(p -> p.getFileName().toString().matches("pg\\d*-[0-9a-f]{16}\\.lock")).toList()) {
        String prefix = lock.getFileName().toString().substring(0, lock.getFileName().toString().length() - 5);
        Path used = root.resolve(prefix + ".used");
        long lastUsed = Math.max(Files.getLastModifiedTime(lock).toMillis(),
            Files.exists(used) ? Files.getLastModifiedTime(used).toMillis() : 0);
        if (prefix.equals(currentPrefix) || lastUsed > cutoff) {
          continue;
        }
        try (Stream<Path> siblings = Files.list(root)) {
          for (Path old : siblings.filter(p -> p.getFileName().toString().startsWith(prefix + "-")
              || p.getFileName().toString().equals(prefix) || p.getFileName().toString().startsWith(prefix + "."))
              .toList()) {
            if (!old.equals(lock)) {
              DataFolders.deleteTree(old);
            }
          }
        }
        // the binaries of that version live in the cache folder, its data directories beside the lock
        if (!binariesRoot.equals(root)) {
          DataFolders.deleteTree(binariesRoot.resolve(prefix));
        }
        Files.deleteIfExists(lock);
      }
    }
  }

  /** SIGQUIT is PostgreSQL's immediate shutdown; its data directory is deleted right after. */
  static void stopOrphan(ProcessHandle server) {
    try {
      new ProcessBuilder("kill", "-QUIT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
      server.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.destroyForcibly();
    }
  }

  static Long readPid(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
    return first.matches("\\d+") ? Long.parseLong(first) : null;
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
