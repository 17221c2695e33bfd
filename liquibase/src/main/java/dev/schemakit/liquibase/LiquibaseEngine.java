package dev.schemakit.liquibase;

import dev.schemakit.chain.AppliedHistory;
import dev.schemakit.chain.ChainSettings;
import dev.schemakit.chain.Migration;
import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.MigrationEngine;
import dev.schemakit.chain.MigrationException;
import dev.schemakit.chain.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ResourceAccessor;
import liquibase.util.LiquibaseUtil;

/**
 * Liquibase as a {@link MigrationEngine}: its parsers read the changelog ({@link Changelogs}), and Liquibase itself
 * runs every changeset and every rollback, on the database's own connection; schemakit only says how many. Chains of
 * {@link LiquibaseSettings} name it.
 */
final class LiquibaseEngine implements MigrationEngine {

  static final LiquibaseEngine INSTANCE = new LiquibaseEngine();

  /**
   * How Liquibase names the changeset that failed, at the end of the first line of its message ({@code Migration
   * failed for changeset db/a.yaml::2::Ops Team:}); an author may hold spaces.
   */
  private static final Pattern FAILED_CHANGESET =
      Pattern.compile("Migration failed for changeset (.+?)::(.+?)::(.+?):?$", Pattern.MULTILINE);

  /** A changelog property left as written in a statement ({@code ${id_type}}). */
  private static final Pattern UNDEFINED_PROPERTY = Pattern.compile("\\$\\{([A-Za-z_][\\w.-]*)}");

  private LiquibaseEngine() {
  }

  /** The version of the Liquibase on the class path, e.g. {@code 4.33.0}. */
  static String version() {
    return LiquibaseUtil.getBuildVersion();
  }

  @Override
  public String name() {
    return "Liquibase";
  }

  @Override
  public MigrationChain read(ChainSettings settings) {
    return Changelogs.read(LiquibaseSettings.of(settings));
  }

  @Override
  public void migrate(MigrationChain chain, DataSource dataSource, String database, Version from, Version target,
      Version requested) {
    int count = ordinal(chain, target) - ordinal(chain, from);
    if (count > 0) {
      update(chain, dataSource, database, count, target, requested);
    }
  }

  @Override
  public String sql(MigrationChain chain, Migration step) {
    return Changelogs.sql(chain, step);
  }

  @Override
  public void migrateAsDeployed(MigrationChain chain, DataSource dataSource, String database, Version target) {
    if (!target.equals(Version.EMPTY)) {
      // what Liquibase has not run yet of the steps up to the target, whatever the database is at
      update(chain, dataSource, database, -1, target, null);
    }
  }

  @Override
  public String missingUndo(MigrationChain chain, Version version) {
    return Changelogs.missingRollback(chain, chain.versioned().get(ordinal(chain, version) - 1));
  }

  @Override
  public void undo(MigrationChain chain, Migration undoStep, DataSource dataSource, String database) {
    LiquibaseSettings settings = LiquibaseSettings.of(chain.settings());
    run(chain, dataSource, database, "Rolling back " + undoStep.description().replaceFirst("^rollback of ", "")
        + " on " + database, liquibase -> liquibase.rollback(1, new Contexts(settings.contexts()),
            new LabelExpression(settings.labels())));
  }

  /**
   * Liquibase's {@code databasechangelog}: a row per changeset run, in the order run, named by file, id and author.
   * Liquibase records no failed changeset (one that fails is rolled back with its transaction and left unrun), so
   * the list of failed steps is always empty. A row is matched to a changeset by its file, id and author, or by id and
   * author where they alone name one changeset (the file as recorded may carry another prefix than the one read).
   */
  @Override
  public AppliedHistory history(MigrationChain chain, Connection connection) throws SQLException {
    Optional<String> table = AppliedHistory.table(chain.settings(), connection);
    if (table.isEmpty()) {
      return AppliedHistory.none();
    }
    Map<String, Version> byName = new HashMap<>();
    Map<String, List<Version>> byIdAndAuthor = new HashMap<>();
    for (Migration step : chain.versioned()) {
      String[] parts = step.location().split("::", -1);
      String idAndAuthor = parts[parts.length - 2] + "::" + parts[parts.length - 1];
      byName.put(recordedFile(step.location().substring(0, step.location().length() - idAndAuthor.length() - 2))
          + "::" + idAndAuthor, step.version());
      byIdAndAuthor.computeIfAbsent(idAndAuthor, k -> new ArrayList<>()).add(step.version());
    }
    List<Version> applied = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT filename, id, author FROM " + table.get()
            + " ORDER BY orderexecuted")) {
      while (rs.next()) {
        String idAndAuthor = rs.getString(2) + "::" + rs.getString(3);
        Version step = byName.get(recordedFile(rs.getString(1)) + "::" + idAndAuthor);
        List<Version> sameIdAndAuthor = byIdAndAuthor.getOrDefault(idAndAuthor, List.of());
        if (step == null && sameIdAndAuthor.size() == 1) {
          step = sameIdAndAuthor.get(0);
        }
        if (step != null) {
          applied.add(step);
        }
      }
    }
    return new AppliedHistory(applied, List.of());
  }

  @Override
  public boolean acceptsEdited(MigrationChain chain, Migration step, String releasedSha256) {
    return Changelogs.validCheckSumAllows(chain, step, releasedSha256);
  }

  /** A changelog file as Liquibase records it, without the {@code classpath:} prefix or a leading slash. */
  private static String recordedFile(String file) {
    return file.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
  }

  /** A step's place in the chain: 1 for the first changeset, 0 for an empty database. */
  private static int ordinal(MigrationChain chain, Version version) {
    return version.equals(Version.EMPTY) ? 0 : chain.versions().indexOf(version) + 1;
  }

  /**
   * Runs Liquibase's update of the next {@code count} changesets, or (count -1) of every changeset up to the target
   * that has not run.
   */
  private static void update(MigrationChain chain, DataSource dataSource, String database, int count, Version target,
      Version requested) {
    LiquibaseSettings settings = LiquibaseSettings.of(chain.settings());
    String doing = requested == null || requested.equals(target)
        ? "Migrating " + database + " to " + describe(chain, target)
        : "Migrating " + database + " to " + describe(chain, requested) + " (step: the template of "
            + describe(chain, target) + " on the way)";
    Contexts contexts = new Contexts(settings.contexts());
    LabelExpression labels = new LabelExpression(settings.labels());
    run(chain, dataSource, database, doing, liquibase -> {
      int toApply = count;
      if (toApply < 0) {
        List<String> upToTarget = chain.versioned().subList(0, ordinal(chain, target)).stream()
            .map(Migration::location).toList();
        toApply = (int) liquibase.listUnrunChangeSets(contexts, labels).stream()
            .filter(changeSet -> upToTarget.contains(Changelogs.name(changeSet))).count();
      }
      if (toApply > 0) {
        liquibase.update(toApply, contexts, labels);
      }
    });
  }

  /** How a message names a step: {@code changeset 2 by alice (step 2)}. */
  private static String describe(MigrationChain chain, Version version) {
    int ordinal = ordinal(chain, version);
    if (ordinal == 0) {
      return "an empty database";
    }
    String name = chain.versioned().get(ordinal - 1).fileName();
    String[] parts = name.split("::");
    return parts.length >= 3 ? "changeset " + parts[parts.length - 2] + " by " + parts[parts.length - 1]
        + " (step " + ordinal + ")" : name;
  }

  private interface Work {
    void on(Liquibase liquibase) throws Exception;
  }

  /** Runs Liquibase on one connection of the database; a failure names the changeset, its file:line and the cause. */
  private static void run(MigrationChain chain, DataSource dataSource, String database, String doing, Work work) {
    LiquibaseSettings settings = LiquibaseSettings.of(chain.settings());
    ResourceAccessor resources = Changelogs.resources(settings);
    try (Connection connection = dataSource.getConnection()) {
      Changelogs.inScope(settings, resources, () -> {
        Database target = DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        if (settings.defaultSchema() != null) {
          target.setDefaultSchemaName(settings.defaultSchema());
        }
        Liquibase liquibase = new Liquibase(settings.changelog(), resources, target);
        liquibase.setShowSummary(UpdateSummaryEnum.OFF);
        liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
        settings.properties().forEach(liquibase.getChangeLogParameters()::set);
        work.on(liquibase);
        return null;
      });
    } catch (Exception e) {
      String undefined = undefinedProperty(e);
      throw new MigrationException(doing + " failed" + failedAt(e, chain) + ": " + Changelogs.describe(e)
          + (undefined != null ? "\nThe statement holds ${" + undefined + "}, a changelog property nothing defines:"
              + " Liquibase leaves it as written. Define it in the changelog (<property name=\"" + undefined + "\""
              + " value=\"...\"/>), or give it from outside (--property " + undefined + "=..., @MigrationTest("
              + "placeholders = \"" + undefined + "=...\"), the liquibase-maven-plugin's expressionVariables)."
              : "\nFix that changeset; if it is already released, add a new one instead."), e);
    }
  }

  /** A {@code ${name}} Liquibase left in the failed statement because nothing defines it, or {@code null}. */
  private static String undefinedProperty(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Matcher property = UNDEFINED_PROPERTY.matcher(String.valueOf(cause.getMessage()));
      if (property.find()) {
        return property.group(1);
      }
    }
    return null;
  }

  /** Where Liquibase failed: {@code in changes.yaml:12 (changeset 2 by alice)}, or nothing when it does not say. */
  private static String failedAt(Exception failure, MigrationChain chain) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      Matcher named = FAILED_CHANGESET.matcher(String.valueOf(cause.getMessage()));
      if (named.find()) {
        return " in " + Changelogs.where(chain, named.group(1) + "::" + named.group(2) + "::" + named.group(3));
      }
    }
    return "";
  }
}
