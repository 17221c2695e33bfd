package dev.schemakit.rehearsal;

import dev.schemakit.model.Messages;
import dev.schemakit.sql.SqlScript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Restores a plain-format {@code pg_dump} file through JDBC, line by line: SQL statements one at a time, and the
 * rows of each {@code COPY ... FROM stdin;} block streamed into {@code COPY} on the server, so a dump of any size is
 * restored in the memory of one statement. A custom-format dump is turned into a plain one by {@code pg_restore -f -}
 * when one is on the PATH.
 *
 * <p>Like {@code pg_restore --no-owner --no-privileges}, ownership ({@code ALTER ... OWNER TO}) and privileges
 * ({@code GRANT}, {@code REVOKE}) are left out: the roles are the source server's, and the copy is schemakit's.
 * psql's meta-commands ({@code \connect} to the same database, {@code \restrict}) are skipped; a dump of several
 * databases ({@code pg_dumpall}) is refused.
 */
final class DumpRestore {

  private static final Pattern DUMPED_FROM_HEADER = Pattern.compile("Dumped from database version:? (\\d+)");
  private static final Pattern COPY_FROM_STDIN = Pattern.compile("^COPY .* FROM stdin;$");
  private static final Pattern LEFT_OUT = Pattern.compile(
      "^(ALTER [A-Z ]+ .* OWNER TO |GRANT |REVOKE |ALTER DEFAULT PRIVILEGES )", Pattern.DOTALL);

  /**
   * What a restore did.
   *
   * @param statements SQL statements run
   * @param rows rows restored from {@code COPY} blocks
   * @param bytes bytes of the dump read
   * @param leftOut ownership and privilege statements left out
   * @param millis wall time
   */
  record Stats(long statements, long rows, long bytes, long leftOut, long millis) {}

  private DumpRestore() {}

  /** Whether the file is a custom-format dump ({@code pg_dump -Fc}): it starts with {@code PGDMP}. */
  static boolean customFormat(Path dump) throws IOException {
    try (InputStream in = Files.newInputStream(dump)) {
      byte[] magic = in.readNBytes(5);
      return new String(magic, StandardCharsets.US_ASCII).equals("PGDMP");
    }
  }

  /**
   * Restores the dump into the connection's database.
   *
   * @param dump the script, read as UTF-8
   * @param shown how to name the dump in a message (its path)
   * @throws IllegalArgumentException naming {@code file:line}, the statement and what the server said, when a
   *     statement fails or the dump is not one database's plain dump
   */
  static Stats restore(InputStream dump, String shown, Connection connection) throws IOException, SQLException {
    long started = System.nanoTime();
    connection.setAutoCommit(true);
    CopyCounter counter = new CopyCounter();
    BufferedReader reader = new BufferedReader(new InputStreamReader(counter.wrap(dump), StandardCharsets.UTF_8),
        1 << 16);
    StringBuilder statement = new StringBuilder();
    SqlScript.OpenQuotes quotes = new SqlScript.OpenQuotes();
    int statementLine = 0;
    long statements = 0;
    long rows = 0;
    long leftOut = 0;
    String line;
    int number = 0;
    try (Statement jdbc = connection.createStatement()) {
      while ((line = reader.readLine()) != null) {
        number++;
        if (statement.isEmpty()) {
          if (line.isBlank() || line.startsWith("--")) {
            continue;
          }
          if (line.startsWith("\\")) {
            if (line.startsWith("\\connect") || line.startsWith("\\c ")) {
              throw new IllegalArgumentException("Restoring " + shown + ":" + number + " failed: the dump connects to"
                  + " another database (" + line.strip() + "), so it holds several (pg_dumpall). Dump the one database"
                  + " to rehearse on: pg_dump --dbname=NAME --file=dump.sql.");
            }
            continue; // psql meta-commands (restrict and its end, for one): nothing for the server
          }
          statementLine = number;
        }
        statement.append(line).append('\n');
        quotes.scan(line);
        if (quotes.open() || !line.stripTrailing().endsWith(";")) {
          continue;
        }
        String sql = statement.toString().strip();
        statement.setLength(0);
        if (COPY_FROM_STDIN.matcher(sql).matches()) {
          long[] copied = copyBlock(connection, sql, reader, shown, statementLine);
          rows += copied[0];
          number += (int) copied[1];
        } else if (LEFT_OUT.matcher(sql).find()) {
          leftOut++;
        } else {
          try {
            jdbc.execute(sql);
          } catch (SQLException e) {
            throw new IllegalArgumentException("Restoring " + shown + ":" + statementLine + " failed: the server"
                + " refused " + abbreviate(sql) + ": " + Messages.firstLine(e.getMessage())
                + ". The dump must be plain SQL of"
                + " one database (pg_dump --format=plain); the restore runs on an empty database of the dump's major"
                + " version.", e);
          }
          statements++;
        }
      }
    }
    if (!statement.isEmpty() && !statement.toString().isBlank()) {
      throw new IllegalArgumentException("Restoring " + shown + " failed: the dump ends inside the statement that"
          + " starts at line " + statementLine + " (" + abbreviate(statement.toString()) + "). The file is cut off;"
          + " dump again.");
    }
    return new Stats(statements, rows, counter.count, leftOut, (System.nanoTime() - started) / 1_000_000);
  }

  /** Streams one {@code COPY} block's lines up to {@code \.}; returns the rows and the lines read. */
  private static long[] copyBlock(Connection connection, String sql, BufferedReader reader, String shown, int line)
      throws IOException, SQLException {
    CopyIn in;
    try {
      in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    } catch (SQLException e) {
      throw new IllegalArgumentException("Restoring " + shown + ":" + line + " failed: the server refused "
          + abbreviate(sql) + ": " + Messages.firstLine(e.getMessage()) + ".", e);
    }
    long lines = 0;
    try {
      String row;
      while ((row = reader.readLine()) != null) {
        lines++;
        if (row.equals("\\.")) {
          return new long[] {in.endCopy(), lines};
        }
        byte[] bytes = (row + "\n").getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
      }
      throw new IllegalArgumentException("Restoring " + shown + ":" + line + " failed: the COPY block that starts there"
          + " has no end (a line \\.); the file is cut off. Dump again.");
    } catch (SQLException e) {
      throw new IllegalArgumentException("Restoring " + shown + ":" + line + " failed: the rows of " + abbreviate(sql)
          + " were refused near line " + (line + lines) + ": " + Messages.firstLine(e.getMessage()) + ".", e);
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /**
   * A custom-format dump as plain SQL, from {@code pg_restore -f -}; the caller reads the stream and then waits for
   * the process.
   *
   * @throws IllegalArgumentException when no {@code pg_restore} is on the PATH, saying how to make a plain dump
   */
  static Process plainFromCustom(Path dump) throws IOException {
    List<String> command = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges", "--file=-",
        dump.toString()));
    try {
      return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalArgumentException("Reading " + dump + " failed: it is a custom-format dump (pg_dump -Fc), and no"
          + " pg_restore is on the PATH to read it. Make a plain one: pg_restore --no-owner --file=dump.sql " + dump
          + " (where pg_restore is), or pg_dump --format=plain --file=dump.sql from the database.", e);
    }
  }

  private static String abbreviate(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return "'" + (flat.length() > 100 ? flat.substring(0, 97) + "..." : flat) + "'";
  }


  /** Counts the bytes read through it. */
  private static final class CopyCounter {
    long count;

    InputStream wrap(InputStream in) {
      return new java.io.FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            count++;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          if (n > 0) {
            count += n;
          }
          return n;
        }
      };
    }
  }

  /** The major in the dump's header, read ahead without losing the stream's start. */
  static OptionalInt major(java.io.BufferedInputStream in) throws IOException {
    in.mark(1 << 16);
    byte[] head = in.readNBytes(1 << 15);
    in.reset();
    Matcher matcher = DUMPED_FROM_HEADER.matcher(new String(head, StandardCharsets.UTF_8));
    return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
  }

  static void waitFor(Process process, Path dump) {
    if (process == null) {
      return;
    }
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalArgumentException("Reading " + dump + " with pg_restore failed (exit " + exit + "; its"
            + " message is above). Check that pg_restore is as new as the pg_dump that made the file.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
