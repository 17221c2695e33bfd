package dev.schemakit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemakit.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify says which fields' column types the class files do not tell, instead of guessing them. */
class EntityTypesNotComparedTests {

  @TempDir
  Path dir;

  @Test
  void fieldsWhoseTypeIsNotReadAreNamedInOneLine() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/shop"));
    Files.writeString(sources.resolve("Shelf.java"), """
        package shop;

        @jakarta.persistence.Entity
        @jakarta.persistence.Table(name = "shelves")
        public class Shelf {
          @jakarta.persistence.Id
          private Long id;

          private long[] positions;

          private String[] labels;

          @jakarta.persistence.Convert(converter = Tags.class)
          private java.util.List<String> tags;

          /** Keeps the tags in one text column, comma-separated. */
          public static class Tags implements jakarta.persistence.AttributeConverter<java.util.List<String>, String> {
            @Override
            public String convertToDatabaseColumn(java.util.List<String> tags) {
              return String.join(",", tags);
            }

            @Override
            public java.util.List<String> convertToEntityAttribute(String joined) {
              return java.util.List.of(joined.split(","));
            }
          }
        }
        """);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), sources.resolve("Shelf.java").toString());
    assertThat(compiled).isZero();
    Path migrations = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(migrations.resolve("V1__shelves.sql"), "create table shelves (id bigint primary key,"
        + " positions bigint[], labels text[], tags text);\n");
    String contracts = dir.resolve("contracts").toString();
    assertThat(CliProcess.run("record", "--migrations", migrations.toString(), "--contracts", contracts).exitCode())
        .isZero();

    Run verify = CliProcess.run("verify", "--migrations", migrations.toString(), "--contracts", contracts, "--classes",
        classes.toString());

    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).endsWith("1 JPA entity from " + classes + " compared with the contracts and the migrated"
        + " database (three-way).\ninfo: the column types of 1 field(s) are not compared (a converter, a custom or JDBC"
        + " type, or a type Hibernate maps itself decides them; their columns' existence and nullability are):"
        + " Shelf.tags.\n");
  }
}
