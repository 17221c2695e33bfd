package dev.schemakit.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An existing PostgreSQL server, reached by JDBC URL. schemakit creates its own databases there
 * (named {@code schemakit_...}) and drops only those; it never touches any other database.
 *
 * <pre>{@code
 * PostgresServer server = ExternalPostgres.connect("jdbc:postgresql://db:5432/postgres", "ci", secret);
 * }</pre>
 *
 * <p>The user needs {@code CREATEDB} (or superuser). Passwords are never part of a message or of
 * {@link #description()}.
 */
public final class ExternalPostgres implements PostgresServer {

  private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]*)(?:/([^?]*))?(\\?.*)?");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");

  private final String hosts;
  private final String maintenanceDatabase;
  private final String parameters;
  private final String user;
  private final String password;
  private final int majorVersion;

  private ExternalPostgres(String hosts, String maintenanceDatabase, String parameters, String user, String password,
      int majorVersion) {
    this.hosts = hosts;
    this.maintenanceDatabase = maintenanceDatabase;
    this.parameters = parameters;
    this.user = user;
    this.password = password;
    this.majorVersion = majorVersion;
  }

  /**
   * Connects once to check the URL, the login and the right to create databases.
   *
   * @param url {@code jdbc:postgresql://host:port/database}; the database (default {@code postgres})
   *     is where schemakit connects to create and drop its own
   * @param user the login; {@code null} for the driver's default (the URL's {@code user} parameter)
   * @param password the password, or {@code null}
   * @throws DatabaseServerException when the URL is malformed, the server is unreachable, the login is
   *     refused or the user may not create databases; the message says which and the fix
   */
  public static ExternalPostgres connect(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    Matcher matcher = URL.matcher(url.trim());
    if (!matcher.matches() || matcher.group(1).isEmpty()) {
      throw new DatabaseServerException("Connecting to an external PostgreSQL server failed: the URL '" + redact(url)
          + "' is not of the form jdbc:postgresql://host:port/database. Fix schemakit.external.url"
          + " (or SCHEMAKIT_EXTERNAL_URL).", null);
    }
    String database = matcher.group(2) == null || matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
    String parameters = matcher.group(3) == null ? "" : matcher.group(3);
    ExternalPostgres probe = new ExternalPostgres(matcher.group(1), database, parameters, user, password, 0);
    try (Connection connection = probe.connect(database); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_setting('server_version_num')::int / 10000,"
            + " (select rolcreatedb or rolsuper from pg_roles where rolname = current_user), current_user")) {
      rs.next();
      int major = rs.getInt(1);
      if (!rs.getBoolean(2)) {
        throw new DatabaseServerException("The external PostgreSQL at " + probe.jdbcUrl(database) + " lets user '"
            + rs.getString(3) + "' log in, but not create databases, and every test class needs one of its own."
            + " Grant it (ALTER ROLE \"" + rs.getString(3) + "\" CREATEDB) or configure a user that has CREATEDB.",
            null);
      }
      return new ExternalPostgres(matcher.group(1), database, parameters, user, password, major);
    } catch (SQLException e) {
      throw new DatabaseServerException("Connecting to the external PostgreSQL at " + probe.jdbcUrl(database)
          + (user == null ? "" : " as user '" + user + "'") + " failed: " + redact(firstLine(e.getMessage()))
          + ". " + fixFor(e), e);
    }
  }

  private static String fixFor(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("28P01") || state.equals("28000")) {
      return "Check schemakit.external.user and schemakit.external.password (or SCHEMAKIT_EXTERNAL_USER and"
          + " SCHEMAKIT_EXTERNAL_PASSWORD).";
    }
    if (state.equals("3D000")) {
      return "Name an existing database in the URL (postgres is always there).";
    }
    if (state.startsWith("08")) {
      return "Check that the server runs and that host and port in schemakit.external.url are right.";
    }
    return "Check schemakit.external.url, user and password.";
  }

  @Override
  public String description() {
    return "the external PostgreSQL " + majorVersion + " at jdbc:postgresql://" + hosts;
  }

  @Override
  public String jdbcUrl(String database) {
    return redact("jdbc:postgresql://" + hosts + "/" + database + parameters);
  }

  @Override
  public DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL("jdbc:postgresql://" + hosts + "/" + database + parameters);
    if (user != null) {
      dataSource.setUser(user);
    }
    if (password != null) {
      dataSource.setPassword(password);
    }
    return dataSource;
  }

  @Override
  public String maintenanceDatabase() {
    return maintenanceDatabase;
  }

  @Override
  public int majorVersion() {
    return majorVersion;
  }

  @Override
  public String toString() {
    return description();
  }

  /** A URL or message with any {@code password=} parameter blanked out. */
  public static String redact(String text) {
    return text == null ? null : PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    // the driver's sentences end with a period; ours follow after ". "
    return (newline < 0 ? message : message.substring(0, newline)).strip().replaceAll("\\.+$", "");
  }
}
