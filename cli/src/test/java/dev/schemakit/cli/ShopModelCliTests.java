package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bookshop's 32 entities ({@code dev.schemakit.entity.fixtures.shop}) and their chain through the jar, as a team
 * runs {@code verify --classes} on its service: the schema they wrote passes with its three true warnings, and the
 * mistakes of V2 fail the gate, each named.
 */
class ShopModelCliTests {

  @TempDir
  Path dir;

  @Test
  void theSchemaTheTeamWrotePassesWithItsWarningsAndTheMistakesFailTheGate() throws Exception {
    Path classes = dir.resolve("classes");
    copyFromClassPath("dev/schemakit/entity/fixtures/shop", classes);
    copyFromClassPath("db/shop", classes);
    String written = dir.resolve("written").toString();
    String mistaken = dir.resolve("mistaken").toString();
    assertThat(CliProcess.run("record", "--migrations", "classpath:db/shop", "--classes", classes.toString(),
        "--contracts", written, "--target", "1").exitCode()).isZero();
    assertThat(CliProcess.run("record", "--migrations", "classpath:db/shop", "--classes", classes.toString(),
        "--contracts", mistaken, "--target", "2").exitCode()).isZero();

    // how a table soft-deletes is the contract's to say (a database cannot tell record): the team adds it for the
    // table Wishlist soft-deletes
    for (String contracts : List.of(written, mistaken)) {
      Path yaml = Path.of(contracts, "public.yaml");
      Files.writeString(yaml, Files.readString(yaml).replaceFirst("(?m)^(\\s+)wishlist:\\n",
          "$1wishlist:\n$1  soft_delete: deleted\n"));
    }

    Run clean = CliProcess.run("verify", "--migrations", "classpath:db/shop", "--classes", classes.toString(),
        "--contracts", written, "--target", "1");
    Run broken = CliProcess.run("verify", "--migrations", "classpath:db/shop", "--classes", classes.toString(),
        "--contracts", mistaken, "--target", "2");

    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).as(clean.toString())
        .contains("WARNING ENTITY_PRIMARY_KEY_MISMATCH public.price_history.primary_key: entity PriceHistory maps @Id"
            + " to (id) and nothing keeps it unique (two rows with one id load as one entity); migrations have no"
            + " primary key on public.price_history and no unique index on those columns")
        .contains("WARNING ENTITY_FOREIGN_KEY_MISSING public.price_history.book_id")
        .contains("public.stock_level.reorder_at")
        .contains("0 error(s), 3 warning(s)")
        .contains("JPA entities from " + classes);
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
    assertThat(broken.out()).as(broken.toString())
        .contains("ERROR   ENTITY_COLUMN_TYPE_MISMATCH public.book.blurb: entity Book maps field blurb (String, @Lob)"
            + " to column public.book.blurb, which needs oid; migrations have text and the contract says text")
        .contains("ERROR   ENTITY_COLUMN_TYPE_MISMATCH public.settlement.amount_cents: entity Settlement maps field"
            + " amountCents (long) to column public.settlement.amount_cents, which needs bigint; migrations have"
            + " small_cents (a domain over integer)")
        .contains("17 error(s), 5 warning(s)");
  }

  /** Copies a folder of the test class path (a folder or a jar) into {@code target}, keeping its path. */
  private static void copyFromClassPath(String folder, Path target) throws IOException, URISyntaxException {
    URI uri = ShopModelCliTests.class.getClassLoader().getResource(folder).toURI();
    if (uri.getScheme().equals("jar")) {
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        copy(jar.getPath(folder), target.resolve(folder));
      }
    } else {
      copy(Path.of(uri), target.resolve(folder));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path copy = to.resolve(from.relativize(file).toString());
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy);
    }
  }
}
