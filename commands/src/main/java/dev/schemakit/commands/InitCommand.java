package dev.schemakit.commands;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code init}: adopts schemakit on a service that already has migrations. It records the contracts at the latest
 * version, writes the lock with every migration present released (they are deployed already: deploy safety and the
 * lock then judge only what comes after), and prints the pom lines and the CI step that turn the gate on. Run again,
 * it changes nothing.
 */
final class InitCommand implements Command {

  static final String DEFAULT_CONTRACTS = "src/main/contracts";

  @Override
  public Set<String> options() {
    return Provisioning.withMigrationAndServerOptions("--contracts", "--lock", "--schemas");
  }

  @Override
  public String usage() {
    return """
          init     [--migrations LOC | --changelog FILE] [--contracts DIR] [--lock FILE] [--url JDBC ...]
                   Adopts schemakit on a service with a history: records the contracts (default
                   src/main/contracts), writes the lock (default schemakit.lock) with every migration present
                   released, and prints the pom lines and a CI step that gate merges. Run again, changes nothing.
        """;
  }

  @Override
  public int run(Options options, Console console) {
    MigrationChain chain = Provisioning.chainAppliedByFlyway(options, console);
    Path contracts = Path.of(options.value("--contracts").orElse(DEFAULT_CONTRACTS));
    Path lockFile = Path.of(options.value("--lock").orElse(MigrationLock.FILE_NAME));
    // the lock first: an edited released migration stops the adoption before anything is written
    MigrationLock before = MigrationLock.read(lockFile);
    MigrationLock released = before.withNewReleases(chain);
    RecordCommand.Recorded recorded = RecordCommand.record(options, console, chain, contracts, "latest");
    boolean lockChanged = !Files.exists(lockFile) || released.size() != before.size();
    if (lockChanged) {
      released.write(lockFile);
    }
    // paths as the pom writes them: relative to the project (the plugin gives --project-dir), else as given
    Path project = Path.of(options.value("--project-dir").orElse("")).toAbsolutePath().normalize();
    StringBuilder out = new StringBuilder(recorded.summary()).append('\n')
        .append("lock ").append(relative(project, lockFile)).append(lockChanged ? " written: " : " unchanged: ")
        .append(released.size())
        .append(" released migration(s); deploy safety and the lock judge only migrations added after them\n");
    if (recorded.changedNothing() && !lockChanged) {
      out.append("nothing changed: the contracts and the lock already hold this chain\n");
    }
    out.append('\n').append(gate(options, project, contracts, lockFile));
    console.report(options, out.toString());
    return ExitCodes.CLEAN;
  }

  /**
   * The pom lines and the CI step that run the checks on every build, for the settings this run was given.
   *
   * @param project the project folder, which the pom's paths are written relative to
   */
  static String gate(Options options, Path project, Path contracts, Path lockFile) {
    StringBuilder configuration = new StringBuilder();
    options.value("--migrations").map(migrations -> migrations.startsWith("classpath:") ? migrations
            : relative(project, Path.of(migrations.replaceFirst("^filesystem:", ""))))
        .filter(migrations -> !List.of("src/main/resources/db/migration", "classpath:db/migration")
            .contains(migrations))
        .ifPresent(migrations -> configuration.append("      <migrations>").append(migrations)
            .append("</migrations>\n"));
    if (!relative(project, contracts).equals(DEFAULT_CONTRACTS)) {
      configuration.append("      <contracts>").append(relative(project, contracts)).append("</contracts>\n");
    }
    if (!relative(project, lockFile).equals(MigrationLock.FILE_NAME)) {
      configuration.append("      <lock>").append(relative(project, lockFile)).append("</lock>\n");
    }
    String changelogNote = options.value("--changelog").isPresent()
        ? "  (a Liquibase changelog: the Maven plugin does not read one yet; run this CLI's verify and lint with the"
            + " same --changelog options in CI instead)\n"
        : "";
    return "Turn the gate on: add to the pom's <build><plugins>\n" + changelogNote
        + "  <plugin>\n"
        + "    <groupId>dev.schemakit</groupId>\n"
        + "    <artifactId>schemakit-maven-plugin</artifactId>\n"
        + "    <version>" + Commands.version() + "</version>\n"
        + (configuration.isEmpty() ? "" : "    <configuration>\n" + configuration + "    </configuration>\n")
        + "    <executions>\n"
        + "      <execution>\n"
        + "        <goals><goal>lint</goal><goal>verify</goal></goals>\n"
        + "      </execution>\n"
        + "    </executions>\n"
        + "  </plugin>\n"
        + "and to CI (GitHub Actions), after the checkout and Java steps:\n"
        + "  - run: mvn -B verify   # lint in validate: new migrations' deploy safety and the lock;"
        + " verify: the contracts\n"
        + "Commit " + relative(project, contracts) + " and " + relative(project, lockFile) + ". When a release ships,"
        + " record its migrations into the lock:"
        + " mvn schemakit:lint -Dschemakit.updateLock=true\n";
  }

  /** A path under the project as the pom writes it ({@code src/main/contracts}); any other as it is. */
  private static String relative(Path project, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return (absolute.startsWith(project) ? project.relativize(absolute) : absolute).toString()
        .replace(java.io.File.separatorChar, '/');
  }
}
