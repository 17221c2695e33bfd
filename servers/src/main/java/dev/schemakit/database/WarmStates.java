package dev.schemakit.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The warm states a server's data directory is copied from at start (the templates of the last runs, so that a new
 * JVM starts with its cache): which databases they hold, which folders are read-only, how many are kept.
 */
final class WarmStates {

  private WarmStates() {
  }

  /** The databases a warm data directory holds, as its last run wrote them; {@code null} when it did not. */
  static Set<String> warmDatabases(Path directory) {
    List<String[]> entries = warmEntries(directory);
    return entries == null ? null : entries.stream().filter(fields -> fields.length >= 2).map(fields -> fields[1])
        .collect(java.util.stream.Collectors.toSet());
  }

  /** The lines of {@link EmbeddedPostgres#WARM_DATABASES_FILE} split into {@code oid}, name and flags; {@code null} without one. */
  static List<String[]> warmEntries(Path directory) {
    try {
      return Files.readAllLines(directory.resolve(EmbeddedPostgres.WARM_DATABASES_FILE)).stream().map(line -> line.split(" ")).toList();
    } catch (IOException | UncheckedIOException e) {
      return null;
    }
  }

  /**
   * The folders ({@code base/<oid>}) of the warm state's template databases. No session can connect to them and
   * they are only ever copied from at file level ({@code STRATEGY FILE_COPY}), so their files are never written
   * while a server runs: a new data directory links them instead of copying (on tmpfs ~250 ms and the memory
   * of a copy per JVM saved for a 100-table chain). A dropped template's links go; the warm state's files stay.
   */
  static Set<Path> readOnlyDatabaseFolders(Path warm) {
    List<String[]> entries = warmEntries(warm);
    return entries == null ? Set.of() : entries.stream()
        .filter(fields -> fields.length == 2 && fields[0].matches("\\d+"))
        .map(fields -> Path.of("base", fields[0])).collect(java.util.stream.Collectors.toSet());
  }

  /** The {@link EmbeddedPostgres#WARM_STATES} most recently used warm directories beside this one stay; older ones go. */
  static void keepRecentWarmStates(Path warm) {
    String name = warm.getFileName().toString();
    String family = name.substring(0, name.lastIndexOf('-') + 1);
    try (Stream<Path> siblings = Files.list(warm.getParent())) {
      List<Path> states = siblings.filter(p -> p.getFileName().toString().startsWith(family)
              && !p.getFileName().toString().contains(".old-") && Files.isDirectory(p))
          .sorted(Comparator.comparingLong(DataFolders::lastModified).reversed()).toList();
      states.stream().skip(EmbeddedPostgres.WARM_STATES).forEach(DataFolders::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // more warm states than the cap cost space, not correctness
    }
  }

  /**
   * Marks the binaries as used now, for {@link AbandonedRuns#removeUnusedInstallations}: in a file of its own, since opening
   * the lock file by its path (to set its time) would release a lock this JVM holds on it.
   */
  static void markUsed(Path marker) {
    try {
      if (!Files.exists(marker)) {
        Files.createFile(marker);
      }
      Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // another JVM made it a moment ago, or the time could not be set: the binaries stay two weeks more or less
    }
  }

  /** A warm cache left half-replaced by a JVM killed between its two moves: its {@code .old-} copy goes. */
  static void removeHalfReplacedWarmCaches(Path warm) {
    try (Stream<Path> siblings = Files.list(warm.getParent())) {
      siblings.filter(p -> p.getFileName().toString().startsWith(warm.getFileName() + ".old-"))
          .forEach(DataFolders::deleteQuietly);
    } catch (IOException | UncheckedIOException e) {
      // a leftover directory costs space, not correctness
    }
  }
}
