package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.fs.Dirs;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a SQL Ripple: a connection and private catalog on the runner's one in-memory DuckDB (kept
 * for the next Ripple when this one ends well, decision 63), with its Source tables read in place
 * (decision 66; else through views) and views over its own tables, and one {@code COPY (query) TO
 * '<out>/<ripple>.parquet'}, so the data never passes through Java.
 */
public final class SqlRippleRunner implements AutoCloseable {
  private final SharedDuck duck;

  /** Parsed SQL by text: a Ripple's SQL is parsed at its first run only (decision 53). */
  private final SqlCache parsed = new SqlCache(1024);

  /** Whether Source tables are read in place when the query allows it (decision 66). */
  private final boolean inline;

  public SqlRippleRunner(DuckDbOptions options) {
    this(options, true);
  }

  /** A runner that reads every Source table through its view when {@code inline} is false. */
  SqlRippleRunner(DuckDbOptions options, boolean inline) {
    this.duck = new SharedDuck(requireNonNull(options, "options is null"));
    this.inline = inline;
  }

  /** Runs {@code ripple}; throws {@link RippleFailure} with DuckDB's one-line message on error. */
  public SqlRippleResult run(SqlRipple ripple) {
    return run(ripple, new Cancellation());
  }

  /** Runs {@code ripple} until it ends or {@code cancellation} is cancelled. */
  public SqlRippleResult run(SqlRipple ripple, Cancellation cancellation) {
    Path out = ripple.outputDir().resolve(ripple.ripple() + ".parquet");
    try (SharedDuck.Scope scope = duck.open()) {
      Connection c = scope.connection();
      SqlCache.Parsed sql = parse(c, ripple);
      String query = inline && sql.inline() != null ? sql.inline().render(ripple.sources()) : null;
      if (query == null) {
        for (Map.Entry<String, Path> source : ripple.sources().entrySet()) {
          scope.views(source.getKey(), TableViews.rippleDirs(source.getValue()));
        }
        query = sql.query();
      }
      ownTables(scope, ripple, sql.refs());
      Dirs.ensure(ripple.outputDir());
      long rows = copy(c, query, out, ripple.timeout(), cancellation);
      Map<String, String> columns = columns(c, ripple.ripple(), out);
      if (columns != null && !cancellation.isCancelled()) {
        scope.keep(); // only the runner's statements and the checked query ran on it
      }
      return new SqlRippleResult(out, rows, Files.size(out), columns);
    } catch (SQLException e) {
      deleteQuietly(out);
      if (invalidated(e)) {
        duck.discard(); // a fatal DuckDB error: the next Ripple opens a new database
      }
      if (timedOut(e, ripple.timeout(), cancellation)) {
        throw RippleFailure.timedOut(ripple.ripple(), ripple.timeout(), e);
      }
      throw new RippleFailure(ripple.ripple(), failure(e, ripple.timeout(), cancellation), e);
    } catch (IOException e) {
      deleteQuietly(out);
      throw new RippleFailure(ripple.ripple(), "cannot write " + out + ": " + e, e);
    } catch (RippleFailure | PreviousOutputFailure e) {
      throw e;
    } catch (DuckstringException e) {
      deleteQuietly(out);
      throw new RippleFailure(ripple.ripple(), e.getMessage(), e);
    }
  }

  /** Closes the shared database; a later Ripple opens a new one. */
  @Override
  public void close() {
    duck.close();
  }

  /** The shared database, for tests that check that a Ripple leaves nothing in it. */
  SharedDuck shared() {
    return duck;
  }

  /** True when DuckDB gave up on the whole database (a fatal error), not just on one statement. */
  static boolean invalidated(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("invalidated") || m.startsWith("FATAL");
  }

  /** The runner's parse of {@code ripple}'s SQL, made on first use. */
  private SqlCache.Parsed parse(Connection c, SqlRipple ripple) throws SQLException {
    SqlCache.Parsed hit = parsed.get(ripple.sql());
    if (hit != null) {
      return hit;
    }
    try {
      return analyse(c, ripple.sql());
    } catch (DuckstringException e) {
      throw new RippleFailure(ripple.ripple(), e.getMessage(), e);
    }
  }

  /**
   * Parses {@code sql} now, so that a Ripple that runs it finds the parse made (decision 57): the
   * daemon calls this when it first sees a deployed version, off the reactor thread. Answers false
   * when the text does not parse (it is not kept: the Ripple fails with the parser's message).
   */
  public boolean prepare(String sql) {
    if (parsed.get(sql) != null) {
      return true;
    }
    try (Connection c = duck.connection()) {
      analyse(c, sql);
      return true;
    } catch (SQLException | DuckstringException e) {
      return false;
    }
  }

  /** Parses {@code sql} once (decision 57) and keeps it: the query to embed and its tables. */
  private SqlCache.Parsed analyse(Connection c, String sql) throws SQLException {
    SqlQueries.Single single = SqlQueries.single(c, sql);
    SqlCache.Parsed made =
        new SqlCache.Parsed(
            single.query(),
            TableRefs.of(single.parsed().ast()),
            sql.startsWith(single.query())
                ? InlineScans.of(c, single.query(), single.parsed())
                : null); // DuckDB's rendering: the parser's locations are not in it
    parsed.put(sql, made);
    return made;
  }

  /** Whether the runner keeps {@code sql}'s parse, so a Ripple that runs it parses nothing. */
  public boolean isParsed(String sql) {
    return parsed.get(sql) != null;
  }

  /** How many SQL texts the runner keeps parsed (for tests). */
  int parsedTexts() {
    return parsed.size();
  }

  /**
   * Views over the Pond's own tables that the SQL names, and only those: an output it does not read
   * (a sibling, or its own previous output) is never opened (decision 13). Its own table is its
   * previous output; when that is missing or unreadable the Ripple fails naming the file.
   */
  private static void ownTables(SharedDuck.Scope scope, SqlRipple ripple, Set<String> refs)
      throws SQLException {
    Set<String> named = new HashSet<>();
    for (String ref : refs) {
      named.add(ref.toLowerCase(Locale.ROOT));
    }
    for (Map.Entry<String, Path> e : new TreeMap<>(ripple.tables()).entrySet()) {
      if (!named.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      boolean self = e.getKey().equals(ripple.ripple());
      Path dir = e.getValue();
      Path file = dir.resolve(e.getKey() + ".parquet");
      if (self && !Files.isDirectory(dir)) {
        throw new PreviousOutputFailure(ripple.ripple(), dir, dir, "it is missing", null);
      }
      List<String> made;
      try {
        made = scope.views(null, Map.of(e.getKey(), dir));
      } catch (SQLException | DuckstringException x) {
        String reason = Duck.reason(x);
        if (self) {
          throw new PreviousOutputFailure(
              ripple.ripple(), dir, Files.exists(file) ? file : dir, reason, x);
        }
        throw new RippleFailure(
            ripple.ripple(), "cannot read table '" + e.getKey() + "' at " + dir + ": " + reason, x);
      }
      if (made.isEmpty() && self) {
        throw new PreviousOutputFailure(ripple.ripple(), dir, dir, "it holds no table", null);
      }
    }
  }

  /**
   * The columns of the output just written, read on the Ripple's own connection for the contract
   * check (decisions 61 and 63), as {@link TableSchemas#describe} reads them; null when unreadable:
   * the check reads the file again and fails with that error.
   */
  private static Map<String, String> columns(Connection c, String ripple, Path out) {
    try {
      return TableSchemas.columns(c, ripple, "read_parquet(" + Duck.literal(out) + ")");
    } catch (DuckstringException e) {
      return null;
    }
  }

  private static long copy(
      Connection c, String query, Path out, Duration timeout, Cancellation cancellation)
      throws SQLException {
    String copy = "COPY (\n" + query + "\n) TO " + Duck.literal(out) + " (FORMAT parquet)";
    try (Statement s = c.createStatement()) {
      if (timeout != null) {
        s.setQueryTimeout(seconds(timeout));
      }
      cancellation.onCancel(() -> cancelQuietly(s));
      try {
        if (cancellation.isCancelled()) {
          throw new SQLException("cancelled before the query started");
        }
        return s.executeLargeUpdate(copy);
      } finally {
        cancellation.clear();
      }
    }
  }

  /** The one-line reason for a failed statement: cancelled, timed out, or DuckDB's message. */
  static String failure(SQLException e, Duration timeout, Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      return "cancelled";
    }
    if (timedOut(e, timeout, cancellation)) {
      return "timed out after " + Durations.compact(timeout);
    }
    return Duck.message(e);
  }

  /** True when the statement was stopped at {@code timeout}, not cancelled nor failed. */
  static boolean timedOut(SQLException e, Duration timeout, Cancellation cancellation) {
    return !cancellation.isCancelled() && e instanceof SQLTimeoutException && timeout != null;
  }

  /** JDBC's whole-second timeout for {@code d}, at least one second. */
  static int seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, s));
  }

  static void cancelQuietly(Statement s) {
    try {
      s.cancel();
    } catch (SQLException | RuntimeException e) {
      // The statement already ended or closed; nothing is left to stop.
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: the daemon discards the whole output directory of a failed attempt anyway.
    }
  }
}
