package dev.schemakit.liquibase;

import dev.schemakit.chain.Hashes;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import dev.schemakit.model.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.CheckSum;
import liquibase.change.core.TagDatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.database.core.PostgresDatabase;
import liquibase.logging.core.NoOpLogService;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.ui.LoggerUIService;

/**
 * Reads a changelog as Liquibase reads it, without a database: its own parsers (XML, YAML, JSON, formatted SQL) with
 * includes, properties and preconditions as written, then the changesets Liquibase would run on PostgreSQL with the
 * contexts and labels in force. Each changeset is a step of the chain, numbered in the order Liquibase runs them
 * ({@code 1}, {@code 2}, ...); its tags and ids are the names a target may use.
 */
final class Changelogs {

  /** {@code file::id::author}, Liquibase's own name for a changeset. */
  private static final String SEPARATOR = "::";

  private Changelogs() {
  }

  /** Where a changelog's files are found: the search-path folders, then the class path. */
  static ResourceAccessor resources(LiquibaseSettings settings) {
    List<ResourceAccessor> accessors = new ArrayList<>();
    for (Path folder : settings.searchPath()) {
      try {
        accessors.add(new DirectoryResourceAccessor(folder));
      } catch (IOException e) {
        throw new MigrationException("Reading the changelog " + settings.changelog() + " failed: the search-path"
            + " folder " + folder.toAbsolutePath() + " does not exist. Fix --search-path (folders separated by ',').",
            e);
      }
    }
    accessors.add(new ClassLoaderResourceAccessor(settings.classLoader()));
    return new CompositeResourceAccessor(accessors);
  }

  /** Runs Liquibase code in a scope that reads from these resources and loads classes from the project. */
  static <T> T inScope(LiquibaseSettings settings, ResourceAccessor resources, Scope.ScopedRunnerWithReturn<T> work)
      throws Exception {
    Map<String, Object> scope = new HashMap<>();
    scope.put(Scope.Attr.resourceAccessor.name(), resources);
    scope.put(Scope.Attr.classLoader.name(), settings.classLoader());
    // schemakit says what happened in its own lines and messages: Liquibase's console summaries and its log would
    // bury them (and a run of the stairway is dozens of updates)
    scope.put(Scope.Attr.logService.name(), new NoOpLogService());
    scope.put(Scope.Attr.ui.name(), new LoggerUIService());
    // Liquibase 4.30+ sends usage data over the network unless told not to; a test run sends nothing
    scope.put("liquibase.analytics.enabled", false);
    // a file in a search-path folder is on the class path too once the build copied it (src/main/resources and
    // target/classes): the search path comes first, and its copy is the one read
    scope.put(GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(), GlobalConfiguration.DuplicateFileMode.SILENT);
    return Scope.child(scope, work);
  }

  /** The parameters a changelog is read with: the settings' properties, contexts and labels. */
  static ChangeLogParameters parameters(LiquibaseSettings settings) {
    ChangeLogParameters parameters = new ChangeLogParameters(new PostgresDatabase());
    settings.properties().forEach(parameters::set);
    parameters.setContexts(new Contexts(settings.contexts()));
    parameters.setLabels(new LabelExpression(settings.labels()));
    return parameters;
  }

  static MigrationChain read(LiquibaseSettings settings) {
    ResourceAccessor resources = resources(settings);
    DatabaseChangeLog changelog = parse(settings, resources);
    try {
      // checksums read the files changes name (loadData's CSV, sqlFile's SQL) through the scope's resources
      return inScope(settings, resources, () -> steps(settings, changelog));
    } catch (MigrationException e) {
      throw e;
    } catch (Exception e) {
      throw new MigrationException("Reading the changelog " + settings.changelog() + " failed: " + describe(e)
          + ". Fix the changelog.", e);
    }
  }

  /** The changelog as Liquibase's parsers read it, every changeset of every include, before any filter. */
  static DatabaseChangeLog parse(LiquibaseSettings settings, ResourceAccessor resources) {
    DatabaseChangeLog changelog;
    try {
      changelog = inScope(settings, resources, () -> ChangeLogParserFactory.getInstance()
          .getParser(settings.changelog(), resources).parse(settings.changelog(), parameters(settings), resources));
    } catch (Exception e) {
      String missingClass = missingClass(e);
      if (missingClass != null) {
        throw new MigrationException("Reading the changelog " + settings.changelog() + " failed: it names the class "
            + missingClass + " (a customChange), which is not on the class path. Liquibase creates it while it reads"
            + " the changelog, whatever the contexts: give the project's classes and the jars they need (--classes"
            + " target/classes:..., or the test class path under @MigrationTest).", e);
      }
      throw new MigrationException("Reading the changelog " + settings.changelog() + " failed: "
          + describe(e) + ". Fix the changelog" + (settings.searchPath().isEmpty()
              ? " (it is read from the class path; --search-path names folders to read it from)"
              : " or the search path " + settings.searchPath()) + ".", e);
    }
    return changelog;
  }

  /** The changelog a chain was read from, parsed once per chain (deploy safety asks for the SQL of every step). */
  private static final Map<MigrationChain, DatabaseChangeLog> PARSED =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static DatabaseChangeLog parsed(MigrationChain chain, ResourceAccessor resources) {
    return PARSED.computeIfAbsent(chain, read -> parse(LiquibaseSettings.of(read.settings()), resources));
  }

  /** The changesets Liquibase would run on PostgreSQL with the settings' contexts and labels, as steps. */
  private static MigrationChain steps(LiquibaseSettings settings, DatabaseChangeLog changelog) {
    PostgresDatabase postgres = new PostgresDatabase();
    List<ChangeSetFilter> filters = List.of(new ContextChangeSetFilter(new Contexts(settings.contexts())),
        new LabelChangeSetFilter(new LabelExpression(settings.labels())), new DbmsChangeSetFilter(postgres));
    List<Migration> steps = new ArrayList<>();
    List<Migration> rollbacks = new ArrayList<>();
    Map<String, String> outsideATransaction = new HashMap<>();
    Map<String, Version> names = new LinkedHashMap<>();
    Map<String, Integer> idCounts = new HashMap<>();
    for (ChangeSet changeSet : changelog.getChangeSets()) {
      if (filters.stream().allMatch(filter -> filter.accepts(changeSet).isAccepted())) {
        idCounts.merge(changeSet.getId(), 1, Integer::sum);
      }
    }
    for (ChangeSet changeSet : changelog.getChangeSets()) {
      if (!filters.stream().allMatch(filter -> filter.accepts(changeSet).isAccepted())) {
        continue;
      }
      Version version = Version.fromVersion(String.valueOf(steps.size() + 1));
      String name = name(changeSet);
      String hash = hash(changeSet, settings.classLoader());
      steps.add(new Migration(Migration.Kind.VERSIONED, version, changeSet.getDescription(), location(changeSet),
          hash));
      if (!changeSet.isRunInTransaction()) {
        // said the way a Flyway script's configuration says it, which deploy safety reads for every engine
        outsideATransaction.put(location(changeSet), "executeInTransaction=false");
      }
      if (supportsRollback(changeSet, postgres)) {
        rollbacks.add(new Migration(Migration.Kind.UNDO, version, "rollback of " + name,
            location(changeSet) + SEPARATOR + "rollback", hash));
      }
      names.put(name, version);
      names.put(changeSet.getId() + SEPARATOR + changeSet.getAuthor(), version);
      if (idCounts.get(changeSet.getId()) == 1) {
        names.put(changeSet.getId(), version);
      }
      for (Change change : changeSet.getChanges()) {
        if (change instanceof TagDatabaseChange tag && tag.getTag() != null) {
          names.put(tag.getTag(), version);
        }
      }
    }
    return new MigrationChain(settings, steps, rollbacks, List.of(), List.of(), List.of(), List.of(),
        outsideATransaction, List.of(), names);
  }

  /**
   * The SQL Liquibase generates for a changeset on PostgreSQL, each statement on a line of its own from the
   * changeset's line in its file on, so that a finding's {@code file:line} is at or just after the changeset. A change
   * whose SQL needs a database to generate (a {@code loadData} reads the table's columns) is a comment line.
   */
  static String sql(MigrationChain chain, Migration step) {
    LiquibaseSettings settings = LiquibaseSettings.of(chain.settings());
    ResourceAccessor resources = resources(settings);
    ChangeSet changeSet = changeSet(settings, parsed(chain, resources), step);
    try {
      return inScope(settings, resources, () -> {
        PostgresDatabase postgres = new PostgresDatabase();
        StringBuilder sql = new StringBuilder("\n".repeat(Math.max(0, lineOf(physicalPath(changeSet),
            changeSet.getId(), changeSet.getAuthor(), resources) - 1)));
        for (Change change : changeSet.getChanges()) {
          Sql[] generated;
          try {
            generated = SqlGeneratorFactory.getInstance().generateSql(change, postgres);
          } catch (RuntimeException needsADatabase) {
            sql.append("-- ").append(change.getDescription()).append(": its SQL is generated against the database\n");
            continue;
          }
          for (Sql statement : generated) {
            sql.append(statement.toSql().strip().replaceAll(";$", "")).append(";\n");
          }
        }
        return sql.toString();
      });
    } catch (MigrationException e) {
      throw e;
    } catch (Exception e) {
      throw new MigrationException("Generating the SQL of " + step.location() + " failed: " + describe(e) + ".", e);
    }
  }

  /**
   * Why a changeset has no rollback: it has no rollback block, and Liquibase cannot generate one for some of its
   * changes; with the fix.
   */
  static String missingRollback(MigrationChain chain, Migration step) {
    LiquibaseSettings settings = LiquibaseSettings.of(chain.settings());
    ResourceAccessor resources = resources(settings);
    ChangeSet changeSet = changeSet(settings, parsed(chain, resources), step);
    PostgresDatabase postgres = new PostgresDatabase();
    List<String> without = changeSet.getChanges().stream().filter(change -> !supportsRollback(change, postgres))
        .map(change -> change.getSerializedObjectName()).distinct().toList();
    return where(changeSet, resources) + " has no rollback,"
        + " and Liquibase generates none for " + (without.isEmpty() ? "it" : String.join(", ", without))
        + ". Add a rollback block to the changeset (<rollback> in XML, rollback: in YAML, --rollback in SQL; an"
        + " empty one when undoing it needs nothing)";
  }

  private static boolean supportsRollback(Change change, PostgresDatabase postgres) {
    try {
      return change.supportsRollback(postgres);
    } catch (RuntimeException notKnownWithoutADatabase) {
      return false;
    }
  }

  private static ChangeSet changeSet(LiquibaseSettings settings, DatabaseChangeLog changelog, Migration step) {
    return changelog.getChangeSets().stream().filter(candidate -> name(candidate).equals(step.location()))
        .findFirst().orElseThrow(() -> new MigrationException("Reading " + step.location() + " failed: the changelog "
            + settings.changelog() + " no longer has that changeset. Read the chain again."));
  }

  /**
   * Whether a released changeset whose hash changed still runs on databases that applied it, as Liquibase decides: its
   * {@code validCheckSum} says {@code ANY}, or names the checksum it was released with (the lock holds the hash of
   * that checksum with the custom change classes, which are hashed as they are now).
   */
  static boolean validCheckSumAllows(MigrationChain chain, Migration step, String releasedSha256) {
    LiquibaseSettings settings = LiquibaseSettings.of(chain.settings());
    ChangeSet changeSet = changeSet(settings, parsed(chain, resources(settings)), step);
    for (CheckSum valid : changeSet.getValidCheckSums()) {
      String checksum = valid.toString();
      if (checksum.toLowerCase(Locale.ROOT).endsWith("any")
          || hash(changeSet, checksum, settings.classLoader()).equals(releasedSha256)) {
        return true;
      }
    }
    return false;
  }

  /** Liquibase's name for a changeset: {@code file::id::author}. */
  static String name(ChangeSet changeSet) {
    return changeSet.getFilePath() + SEPARATOR + changeSet.getId() + SEPARATOR + changeSet.getAuthor();
  }

  /**
   * Where a changeset is: Liquibase's name for it, so that {@link Migration#fileName()} reads {@code
   * changes.yaml::2::alice}.
   */
  private static String location(ChangeSet changeSet) {
    return name(changeSet);
  }

  /**
   * Liquibase's checksum of the changeset (which covers the files it reads: SQL files, CSVs of loadData), with the
   * class file of every custom change: a template is rebuilt when any of them changes.
   */
  private static String hash(ChangeSet changeSet, ClassLoader loader) {
    return hash(changeSet, changeSet.generateCheckSum(liquibase.ChecksumVersion.latest()).toString(), loader);
  }

  /** The hash of a changeset had Liquibase's checksum of it been {@code checksum}. */
  private static String hash(ChangeSet changeSet, String checksum, ClassLoader loader) {
    StringBuilder text = new StringBuilder(checksum);
    for (Change change : changeSet.getChanges()) {
      if (change instanceof CustomChangeWrapper custom && custom.getClassName() != null) {
        String classFile = custom.getClassName().replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(classFile)) {
          text.append(' ').append(in == null ? custom.getClassName() : Hashes.sha256(in.readAllBytes()));
        } catch (IOException e) {
          throw new MigrationException("Reading the custom change class " + custom.getClassName() + " of "
              + name(changeSet) + " failed: " + e.getMessage() + ".", e);
        }
      }
    }
    return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean supportsRollback(ChangeSet changeSet, PostgresDatabase postgres) {
    try {
      return changeSet.supportsRollback(postgres);
    } catch (RuntimeException notKnownWithoutADatabase) {
      return false;
    }
  }

  /**
   * The line of a changeset in its file ({@code id="2"}, {@code id: 2}, {@code --changeset alice:2}), or 0 when it
   * cannot be found.
   */
  static int lineOf(String file, String id, String author, ResourceAccessor resources) {
    String text;
    try {
      Resource resource = resources.get(file);
      if (resource == null || !resource.exists()) {
        return 0;
      }
      try (InputStream in = resource.openInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException unreadable) {
      return 0;
    }
    String quotedId = Pattern.quote(id);
    Pattern[] forms = {
        Pattern.compile("--\\s*changeset\\s+" + Pattern.quote(author) + ":" + quotedId + "(\\s|$)"),
        Pattern.compile("\\bid\\s*=\\s*[\"']" + quotedId + "[\"']"),
        Pattern.compile("\"id\"\\s*:\\s*\"?" + quotedId + "\"?\\s*[,}]?\\s*$"),
        Pattern.compile("\\bid\\s*:\\s*[\"']?" + quotedId + "[\"']?\\s*$")};
    String[] lines = text.split("\n", -1);
    for (Pattern form : forms) {
      for (int i = 0; i < lines.length; i++) {
        if (form.matcher(lines[i]).find()) {
          return i + 1;
        }
      }
    }
    return 0;
  }

  /** The changeset's place for a message: {@code changes.yaml:12 (changeset 2 by alice)}. */
  static String where(ChangeSet changeSet, ResourceAccessor resources) {
    String file = physicalPath(changeSet);
    int line = lineOf(file, changeSet.getId(), changeSet.getAuthor(), resources);
    return file + (line > 0 ? ":" + line : "") + " (changeset " + changeSet.getId() + " by " + changeSet.getAuthor()
        + ")";
  }

  /**
   * The file a changeset is written in: its name in Liquibase's history may be a {@code logicalFilePath} that is no
   * file.
   */
  private static String physicalPath(ChangeSet changeSet) {
    String physical = changeSet.getChangeLog() == null ? null : changeSet.getChangeLog().getPhysicalFilePath();
    return physical == null ? changeSet.getFilePath() : physical;
  }

  /** Where the changeset of this name ({@code file::id::author}) is, or the name alone when it is not found. */
  static String where(MigrationChain chain, String name) {
    try {
      ResourceAccessor resources = resources(LiquibaseSettings.of(chain.settings()));
      return parsed(chain, resources).getChangeSets().stream().filter(changeSet -> name(changeSet).equals(name))
          .findFirst().map(changeSet -> where(changeSet, resources)).orElse(name);
    } catch (RuntimeException unreadable) {
      return name;
    }
  }

  /** The class a failure says was not found, or {@code null}. */
  private static String missingClass(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClassNotFoundException || cause instanceof NoClassDefFoundError) {
        return String.valueOf(cause.getMessage()).replace('/', '.');
      }
    }
    return null;
  }

  /** A Liquibase failure in one line per cause, without its exception class names. */
  static String describe(Throwable failure) {
    String message = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !(cause instanceof LiquibaseException && cause.getCause() != null
          && cause.getMessage().contains(String.valueOf(cause.getCause().getMessage())))) {
        message = cause.getMessage();
        break;
      }
    }
    if (message == null) {
      message = String.valueOf(failure);
    }
    return Messages.firstLine(message.replaceAll("\\b[a-z]+(\\.[a-z]+)+\\.[A-Z][A-Za-z]*Exception: ", "")).strip();
  }
}
