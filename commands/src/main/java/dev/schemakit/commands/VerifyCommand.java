package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.entity.EntityDrift;
import dev.schemakit.entity.EntityMappingException;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.entity.EntityReader;
import dev.schemakit.model.Catalog;
import dev.schemakit.template.Databases;
import dev.schemakit.template.VersionedDatabase;
import dev.schemakit.yaml.ContractReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code verify}: migrate a fresh database and compare it with the contracts (and the entities). */
final class VerifyCommand implements Command {

  @Override
  public Set<String> options() {
    return Provisioning.withMigrationAndServerOptions("--contracts", "--target", "--format", "--out", "--report-dir",
        "--schemas", "--html");
  }

  @Override
  public Set<String> flags() {
    return Set.of("--verbose", "--no-entities");
  }

  @Override
  public String usage() {
    return """
          verify   --migrations LOC --contracts DIR [--target V] [--url JDBC --user U --password P]
                   [--postgres 14..18] [--format text|markdown|json|junit|html] [--out FILE] [--report-dir DIR]
                   [--html FILE] [--dialect postgresql|sqlite]
                   [--classes DIR|JAR[:MORE...] [--no-entities]] [--schemas a,b] [--flyway-schemas a,b]
                   [--placeholders k=v,...]
                   Migrates a fresh database (embedded unless --url) to V (default latest) and compares it with
                   the contracts. --classes adds the JPA entities compiled in its first entry (three-way drift);
                   all its entries are the class path of classpath: locations and Java migrations (only that
                   with --no-entities). Compared:
                   --schemas, else every schema the migrations create; --flyway-schemas is Flyway's setting.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chainAppliedByFlyway(options, console);
    Path contractDir = options.directory("--contracts", "the folder with the YAML contracts");
    Catalog contract = ContractReader.readDirectory(contractDir);
    String target = options.value("--target").orElse("latest");
    chain.resolve(target);
    // the first entry is the project's own classes (target/classes or its jar); the rest are what they need.
    // --no-entities: the class path is only for classpath: locations and Java migrations (the plugin's default)
    EntityMappings entities = options.flag("--no-entities") ? null : Provisioning.classPath(options).stream()
        .findFirst().map(VerifyCommand::entities).orElse(null);
    options.choice("--format", "text", Console.REPORT_FORMATS);
    boolean sqlite = Provisioning.sqlite(options);
    if (sqlite && entities != null) {
      throw CliException.badInput("verify: --classes compares JPA entities written for PostgreSQL's types; on a SQLite"
          + " chain leave it out (the contracts are compared).");
    }
    DiffResult result;
    try (Databases databases = Provisioning.databases(options, console)) {
      console.progress("migrating to version " + target + " on " + Provisioning.where(databases));
      VersionedDatabase database = databases.create(chain, target);
      List<String> schemas = Provisioning.compared(options);
      result = entities == null ? database.compareWith(contract, schemas)
          : database.compareUsing(contract, schemas, "entities",
              (migrated, normalizer) -> EntityDrift.compare(entities, contract, migrated, normalizer));
    }
    console.diffReport(options, "verify", result, contract);
    if (sqlite && options.value("--out").isEmpty()
        && options.choice("--format", "text", Console.REPORT_FORMATS).equals("text")) {
      console.report(options, Provisioning.SQLITE_COMPARES + "\n");
    }
    if (entities != null && options.value("--out").isEmpty()
        && options.choice("--format", "text", Console.REPORT_FORMATS).equals("text")) {
      console.report(options, entities.entities().size() + " JPA entit" + (entities.entities().size() == 1 ? "y" : "ies")
          + " from " + Provisioning.classPath(options).get(0) + " compared with the contracts and the migrated "
          + "database (three-way).\n");
      List<String> unread = entities.typesNotCompared();
      if (!unread.isEmpty()) {
        // what a converter or a custom type stores is not in the class files: said, not guessed
        console.report(options, "info: the column types of " + unread.size() + " field(s) are not compared (a"
            + " converter, a custom or JDBC type, or a type Hibernate maps itself decides them; their columns' existence"
            + " and nullability are): " + String.join(", ", unread.subList(0, Math.min(5, unread.size())))
            + (unread.size() > 5 ? ", and " + (unread.size() - 5) + " more" : "") + ".\n");
      }
    }
    return result.passed() ? ExitCodes.CLEAN : ExitCodes.FINDINGS;
  }

  private static EntityMappings entities(Path classes) {
    try {
      return EntityReader.defaults().readClasses(classes);
    } catch (EntityMappingException e) {
      if (!e.noneFound()) {
        throw e;
      }
      // a project without JPA (Marquez runs JDBI) gives --classes for its Java migrations alone
      throw CliException.badInput("verify: " + e.getMessage() + " If --classes is there only for Java migrations or"
          + " classpath: locations, add --no-entities.");
    }
  }

}
