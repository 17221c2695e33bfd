package dev.schemakit.rehearsal;

import dev.schemakit.chain.MigrationChain;
import dev.schemakit.chain.Version;
import dev.schemakit.database.DatabaseServerException;
import dev.schemakit.database.EmbeddedPostgres;
import dev.schemakit.database.ExternalPostgres;
import dev.schemakit.database.PostgresServer;
import dev.schemakit.diff.DiffResult;
import dev.schemakit.diff.ExpressionNormalizer;
import dev.schemakit.diff.SchemaDiff;
import dev.schemakit.entity.EntityMappings;
import dev.schemakit.model.Catalog;
import dev.schemakit.rehearsal.RehearsalFinding.Code;
import dev.schemakit.snapshot.PostgresExpressionNormalizer;
import dev.schemakit.snapshot.SnapshotReader;
import dev.schemakit.sqlite.SqliteDatabases;
import dev.schemakit.template.Dialect;
import dev.schemakit.template.TemplateFactory;
import dev.schemakit.template.VersionedDatabase;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A release rehearsed on real data, as teams do it by hand before a deploy: a copy of the database at the version
 * production runs, every pending migration applied to it one at a time and measured, the data checked, the undo
 * tried, and the running version's entities held against the new schema.
 *
 * <pre>{@code
 * RehearsalReport report = Rehearsal.of(chain).lockBudget(Duration.ofSeconds(2))
 *     .fromPostgres("jdbc:postgresql://replica:5432/app", "readonly", password);
 * if (!report.passed()) System.out.print(report.text());
 * }</pre>
 *
 * <p>The sources: a live PostgreSQL database, read in read-only sessions and copied into a database the migrations
 * built at its version on the embedded server of its major ({@link #fromPostgres}); a plain {@code pg_dump} file
 * ({@link #fromDump}); a SQLite file, copied with SQLite's online backup from a read-only connection ({@link
 * #fromSqlite}); or, explicitly, a copy the storage made, changed in place ({@link #inPlace}). Whatever the source,
 * its schema must be what its migrations build at its version: drift stops the rehearsal with the findings.
 */
public final class Rehearsal {


  private final MigrationChain chain;
  private Duration lockBudget = Duration.ofSeconds(2);
  private Duration statementTimeout = Duration.ofMinutes(5);
  private Catalog contract;
  private EntityMappings running;
  private long sample;
  private Consumer<String> progress = message -> { };

  private Rehearsal(MigrationChain chain) {
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /** A rehearsal of the pending migrations of this chain. */
  public static Rehearsal of(MigrationChain chain) {
    return new Rehearsal(chain);
  }

  /** How long a lock that blocks reads or writes on an existing table may be held (default 2 s). */
  public Rehearsal lockBudget(Duration budget) {
    this.lockBudget = Objects.requireNonNull(budget, "budget");
    return this;
  }

  /** How long one statement may run before the server stops it (default 5 minutes; PostgreSQL only). */
  public Rehearsal statementTimeout(Duration timeout) {
    this.statementTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Compare the schema after the release with these contracts (default: not compared). */
  public Rehearsal contracts(Catalog contract) {
    this.contract = contract;
    return this;
  }

  /** The JPA entities of the version running in production, held against the schema after the release. */
  public Rehearsal runningVersion(EntityMappings entities) {
    this.running = entities;
    return this;
  }

  /** Copy at most this many rows per table from a live source, foreign keys kept (default 0: every row). */
  public Rehearsal sample(long rowsPerTable) {
    if (rowsPerTable < 0) {
      throw new IllegalArgumentException("a sample is a number of rows per table, 1 or more (0 for all); got "
          + rowsPerTable);
    }
    this.sample = rowsPerTable;
    return this;
  }

  /** Where progress lines go (default: nowhere). */
  public Rehearsal progress(Consumer<String> progress) {
    this.progress = Objects.requireNonNull(progress, "progress");
    return this;
  }

  /**
   * Rehearses on a copy of a live PostgreSQL database. The source is only read, in sessions the server itself keeps
   * read-only; a role with {@code SELECT} rights is enough.
   *
   * @throws DatabaseServerException when the source cannot be reached
   * @throws IllegalArgumentException when its history does not fit the migrations
   */
  public RehearsalReport fromPostgres(String url, String user, String password) {
    String shown = ExternalPostgres.redact(url);
    try (Connection source = Sessions.connect(url, user, password, true)) {
      source.setAutoCommit(false); // COPY out streams from one snapshot, and the server refuses writes in it
      try (Statement statement = source.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      int major;
      String version;
      try (Statement statement = source.createStatement(); ResultSet rs = statement.executeQuery(
          "select current_setting('server_version_num')::int / 10000, current_setting('server_version'),"
              + " current_setting('transaction_read_only')")) {
        rs.next();
        major = rs.getInt(1);
        version = rs.getString(2);
        if (!"on".equals(rs.getString(3))) {
          throw new IllegalStateException("the session at " + shown + " is not read-only; refusing to go on");
        }
      }
      SourceHistory history = SourceHistory.read(source, chain, false);
      refuse(history, shown);
      Version at = history.version();
      PostgresServer server = embedded(major);
      try (TemplateFactory factory = TemplateFactory.on(server)) {
        progress.accept("building version " + at.getVersion() + " on " + server.description());
        VersionedDatabase copy = factory.create(chain, at);
        List<String> schemas = copy.schemas();
        Catalog built = copy.snapshot(schemas);
        Catalog actual = SnapshotReader.forPostgres().read(new Sessions.OneConnection(source), schemas)
            .withoutTables(chain.settings().engineTables());
        String description = shown + " (PostgreSQL " + version + ")";
        RehearsalReport drift = drift(copy, built, actual, description, at);
        if (drift != null) {
          return drift;
        }
        progress.accept("copying " + description + (sample > 0 ? ", " + sample + " rows per table" : ""));
        LiveCopy.Stats stats;
        try (Connection target = copy.connection()) {
          stats = LiveCopy.copy(source, target, built, sample);
        }
        source.commit();
        RehearsalReport.Copied copied = new RehearsalReport.Copied(stats.rows(), stats.bytes(), stats.millis());
        List<String> notes = new ArrayList<>();
        notes.add("copied " + stats.tables() + " tables, " + RehearsalReport.count(stats.rows()) + " rows, "
            + RehearsalReport.megabytes(stats.bytes()) + " in " + RehearsalReport.seconds(stats.millis())
            + String.format(java.util.Locale.ROOT, " (%.1f MB/s)", copied.megabytesPerSecond())
            + " to " + server.description()
            + (sample > 0 ? "; sampled " + sample + " rows per table in primary-key order, "
                + RehearsalReport.count(stats.removedForKeys()) + " rows removed so every foreign key holds" : ""));
        return release().rehearse(Sessions.timed(copy, statementTimeout), description, copied, notes);
      }
    } catch (SQLException e) {
      throw new DatabaseServerException("Rehearsing from " + shown + " failed: "
          + ReleaseRun.firstLine(e) + ". Check that the"
          + " server runs, and the URL, user and password.", e);
    }
  }

  /**
   * Rehearses on a database restored from a {@code pg_dump} file: plain format, or custom format through {@code
   * pg_restore} when one is on the PATH. The file is only read.
   *
   * @throws IllegalArgumentException when the file is not a dump of one database, or its history does not fit
   */
  public RehearsalReport fromDump(Path dump) {
    if (!Files.isRegularFile(dump)) {
      throw new IllegalArgumentException("Rehearsing from " + dump + " failed: there is no such file. Name a pg_dump"
          + " file (pg_dump --format=plain --file=dump.sql), or a SQLite file (.db, .sqlite).");
    }
    Process process = null;
    try {
      boolean custom = DumpRestore.customFormat(dump);
      if (custom) {
        process = DumpRestore.plainFromCustom(dump);
      }
      try (InputStream raw = custom ? process.getInputStream() : Files.newInputStream(dump);
          BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
        OptionalInt major = DumpRestore.major(in);
        PostgresServer server = embedded(major.orElse(0));
        try (TemplateFactory factory = TemplateFactory.on(server)) {
          String name = TemplateFactory.PREFIX + "rehearsal_" + ProcessHandle.current().pid() + "_"
              + Long.toHexString(System.nanoTime());
          try (Connection admin = server.dataSource("postgres").getConnection();
              Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
          }
          try {
            progress.accept("restoring " + dump + " on " + server.description());
            DumpRestore.Stats stats;
            try (Connection target = server.dataSource(name).getConnection()) {
              stats = DumpRestore.restore(in, dump.toString(), target);
            }
            DumpRestore.waitFor(process, dump);
            VersionedDatabase restored;
            SourceHistory history;
            try (Connection connection = server.dataSource(name).getConnection()) {
              history = SourceHistory.read(connection, chain, false);
            }
            String description = dump + " (" + (custom ? "custom" : "plain") + " pg_dump"
                + major.stream().mapToObj(m -> " of PostgreSQL " + m).findFirst().orElse("") + ")";
            refuse(history, description);
            Version at = history.version();
            restored = new VersionedDatabase(Dialect.POSTGRESQL, name, server.jdbcUrl(name), server.dataSource(name),
                chain, at);
            VersionedDatabase built = factory.create(chain, at);
            List<String> schemas = built.schemas();
            RehearsalReport drift = drift(built, built.snapshot(schemas), restored.snapshot(schemas), description, at);
            if (drift != null) {
              return drift;
            }
            List<String> notes = new ArrayList<>();
            notes.add("restored " + RehearsalReport.count(stats.rows()) + " rows, " + RehearsalReport.megabytes(
                stats.bytes()) + " of SQL in " + RehearsalReport.seconds(stats.millis()) + " on "
                + server.description() + (stats.leftOut() > 0 ? "; " + stats.leftOut() + " ownership and privilege"
                + " statements left out (the roles are the source's)" : ""));
            return release().rehearse(Sessions.timed(restored, statementTimeout), description,
                new RehearsalReport.Copied(stats.rows(), stats.bytes(), stats.millis()), notes);
          } finally {
            try (Connection admin = server.dataSource("postgres").getConnection();
                Statement statement = admin.createStatement()) {
              statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Reading " + dump + " failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new DatabaseServerException("Rehearsing from " + dump + " failed on the embedded server: "
          + ReleaseRun.firstLine(e),
          e);
    } finally {
      if (process != null) {
        process.destroy();
      }
    }
  }

  /**
   * Rehearses on a copy of a SQLite database file, made with SQLite's online backup from a read-only connection:
   * the file itself is never opened for writing.
   *
   * @throws IllegalArgumentException when the file is missing or its history does not fit
   */
  public RehearsalReport fromSqlite(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Rehearsing from " + file + " failed: there is no such file. Name the SQLite"
          + " database file to copy (it is opened read-only).");
    }
    try (SqliteDatabases databases = SqliteDatabases.open()) {
      Path directory = Files.createTempDirectory("schemakit-rehearsal-");
      Path copyFile = directory.resolve("copy.db");
      try {
        long started = System.nanoTime();
        SourceHistory history;
        try (Connection source = Sessions.readOnlySqlite(file); Statement statement = source.createStatement()) {
          history = SourceHistory.read(source, chain, true);
          refuse(history, file.toString());
          // SQLite's online backup, page by page from the read-only connection into the copy
          statement.executeUpdate("backup to " + copyFile);
        }
        long millis = ReleaseRun.millisSince(started);
        Version at = history.version();
        VersionedDatabase copy = new VersionedDatabase(Dialect.SQLITE, copyFile.getFileName().toString(),
            SqliteDatabases.url(copyFile), SqliteDatabases.dataSource(copyFile), chain, at);
        VersionedDatabase built = databases.create(chain, at);
        String description = file + " (SQLite)";
        RehearsalReport drift = drift(built, built.snapshot(List.of("main")), copy.snapshot(List.of("main")),
            description, at);
        if (drift != null) {
          return drift;
        }
        List<String> notes = new ArrayList<>();
        notes.add("copied with SQLite's online backup (" + RehearsalReport.megabytes(Files.size(copyFile)) + ") in "
            + RehearsalReport.seconds(millis) + "; the source file was opened read-only");
        notes.add("SQLite locks the whole database while a migration writes, so the time of each migration is the"
            + " time writers wait; rows written and sizes are PostgreSQL's figures, and --statement-timeout does not"
            + " apply (SQLite has no server to stop a statement)");
        return release().rehearse(copy, description, new RehearsalReport.Copied(0, Files.size(copyFile), millis),
            notes);
      } finally {
        try (var files = Files.list(directory)) {
          for (Path path : files.toList()) {
            Files.deleteIfExists(path);
          }
        }
        Files.deleteIfExists(directory);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Copying " + file + " failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalArgumentException("Reading " + file + " as a SQLite database failed: " + ReleaseRun.firstLine(e)
          + ". Name a SQLite database file.", e);
    }
  }

  /**
   * Rehearses in place on a database that is already a copy (a storage-level clone, a branch, a {@code CREATE
   * DATABASE ... TEMPLATE} on staging): it is changed. Refused when its Flyway history is not a prefix of the
   * migrations, or when sessions of other roles are connected to it (it may be in use).
   *
   * @throws DatabaseServerException when it cannot be reached
   * @throws IllegalArgumentException when it is refused
   */
  public RehearsalReport inPlace(String url, String user, String password) {
    String shown = ExternalPostgres.redact(url);
    try (Connection connection = Sessions.connect(url, user, password, false)) {
      List<String> others = new ArrayList<>();
      try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
          "select distinct usename from pg_stat_activity where datname = current_database()"
              + " and pid <> pg_backend_pid() and usename is distinct from current_user order by 1")) {
        while (rs.next()) {
          others.add(String.valueOf(rs.getString(1)));
        }
      }
      if (!others.isEmpty()) {
        throw new IllegalArgumentException("Rehearsing in place on " + shown + " refused: sessions of other roles are"
            + " connected to it (" + String.join(", ", others) + "), so it may be a database in use, not a copy."
            + " Rehearse on a clone nobody else uses (--on), or copy it (--from).");
      }
      SourceHistory history = SourceHistory.read(connection, chain, false);
      refuse(history, shown);
      int major = connection.getMetaData().getDatabaseMajorVersion();
      String name = connection.getCatalog();
      Version at = history.version();
      DataSource dataSource = new Sessions.UrlDataSource(url, user, password);
      VersionedDatabase target = new VersionedDatabase(Dialect.POSTGRESQL, name, shown, dataSource, chain, at);
      try (TemplateFactory factory = TemplateFactory.on(embedded(major))) {
        VersionedDatabase built = factory.create(chain, at);
        List<String> schemas = built.schemas();
        RehearsalReport drift = drift(built, built.snapshot(schemas), target.snapshot(schemas), shown + " (in place)",
            at);
        if (drift != null) {
          return drift;
        }
      }
      return release().rehearse(Sessions.timed(target, statementTimeout),
          shown + " (in place: the database was changed)", null, new ArrayList<>());
    } catch (SQLException e) {
      throw new DatabaseServerException("Rehearsing in place on " + shown + " failed: "
          + ReleaseRun.firstLine(e) + ". Check that"
          + " the server runs, and the URL, user and password.", e);
    }
  }

  /** A report that stops the rehearsal when the source's schema is not what its migrations build, else null. */
  private RehearsalReport drift(VersionedDatabase built, Catalog expected, Catalog actual, String source,
      Version at) throws SQLException {
    DiffResult result;
    try (Connection connection = built.connection()) {
      ExpressionNormalizer normalizer = built.dialect() == Dialect.SQLITE ? ExpressionNormalizer.textual()
          : new PostgresExpressionNormalizer(connection);
      result = SchemaDiff.compare(expected.withStrict(true), actual, normalizer);
    }
    if (result.passed()) {
      return null;
    }
    List<RehearsalFinding> findings = new ArrayList<>();
    result.errors().forEach(error -> findings.add(new RehearsalFinding(Code.SOURCE_DRIFT, error.path(),
        error.message())));
    return new RehearsalReport(source, null, at.getVersion(), at.getVersion(), List.of(), Map.of(), Map.of(), List.of(),
        null, null, lockBudget.toMillis(), List.of("the source's schema is not what its migrations build at version "
        + at.getVersion() + " (" + findings.size() + " difference(s)), so a rehearsal on it would not show what the"
        + " deploy will do; the rehearsal stopped before copying anything. Find out how the schema drifted (schemakit"
        + " check --url ... --contracts ...), fix it, then rehearse."), findings);
  }

  /** The release on the rehearsal's database, with these settings. */
  private ReleaseOnCopy release() {
    return new ReleaseOnCopy(chain, lockBudget, contract, running, progress);
  }

  private void refuse(SourceHistory history, String where) {
    String refusal = history.refusal(chain, where);
    if (refusal != null) {
      throw new IllegalArgumentException("Rehearsing from " + refusal);
    }
  }

  /** The embedded server of the source's major (0: the configured default). */
  private PostgresServer embedded(int major) {
    progress.accept("starting the embedded PostgreSQL" + (major > 0 ? " " + major : ""));
    return EmbeddedPostgres.shared(major > 0 ? OptionalInt.of(major) : OptionalInt.empty());
  }


}
