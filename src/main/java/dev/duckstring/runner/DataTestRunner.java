package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Runs a Pond's data tests (decision 48) over its run's outputs and its Sources, on an in-memory
 * DuckDB with the same views a SQL Ripple sees: the Pond's tables by bare name, each Source's as
 * {@code source.table}. The daemon (before a publish) and {@code pond test} (after a local run)
 * both call it, so a test passes in one exactly when it passes in the other. A run of tests has a
 * database to itself while it runs (with its own memory limit, decision 64); a run whose tests all
 * ran to an answer hands it on, emptied of its views, to the next (decision 70).
 */
public final class DataTestRunner implements AutoCloseable {
  /** Databases whose last run of tests ended well, for the next runs. */
  private final DuckPool databases;

  public DataTestRunner(DuckDbOptions options) {
    this.databases = new DuckPool(requireNonNull(options, "options is null"));
  }

  /**
   * Runs {@code tests} in order and returns one result each; never throws for a failing or broken
   * test (its result carries the error), only when cancelled.
   *
   * @param project the Pond project (or deployed version tree) holding {@code tests/*.sql}
   * @param own the run's Ripple outputs, Ripple name to output directory
   * @param sources each Source Pond's data, pond to directory (a published generation, or a puddle)
   * @throws CancellationException once {@code cancellation} is cancelled (the running query is
   *     interrupted)
   */
  public List<TestResult> run(
      List<DataTest> tests,
      Path project,
      Map<String, Path> own,
      Map<String, Path> sources,
      Cancellation cancellation) {
    requireNonNull(project, "project is null");
    List<TestResult> results = new ArrayList<>();
    if (tests.isEmpty()) {
      return results; // no test: no DuckDB
    }
    SharedDuck duck = databases.take();
    try (SharedDuck.Scope scope = duck.open()) {
      Connection c = scope.connection();
      Map<String, String> broken = TestViews.make(scope, own, sources);
      boolean clean = broken.isEmpty(); // a view that failed is not handed on either
      for (DataTest test : tests) {
        stopIfCancelled(cancellation);
        long start = System.nanoTime();
        TestResult r;
        try {
          r = runOne(c, test, project, broken, cancellation);
        } catch (SQLException e) {
          stopIfCancelled(cancellation);
          clean = false; // a statement failed: this catalog is detached, not handed on
          if (SqlRippleRunner.invalidated(e)) {
            duck.discard();
          }
          r = failed(test, prefix(test) + Duck.message(e), start);
        } catch (DuckstringException e) {
          r = failed(test, e.getMessage(), start);
        }
        results.add(r);
      }
      if (clean && !cancellation.isCancelled()) {
        scope.keep(); // only views and checked queries ran on it
      }
    } catch (SQLException e) {
      stopIfCancelled(cancellation);
      String reason = "cannot open DuckDB: " + Duck.message(e);
      for (int i = results.size(); i < tests.size(); i++) {
        results.add(failed(tests.get(i), reason, System.nanoTime()));
      }
    } finally {
      databases.giveBack(duck);
    }
    return results;
  }

  /** Closes the databases kept for later runs; a later run opens a new one. */
  @Override
  public void close() {
    databases.close();
  }

  /** How many databases wait for the next run of tests (for tests). */
  int kept() {
    return databases.kept();
  }

  /**
   * Checks that each SQL test's file is readable and exactly one query; throws the first problem as
   * a one-line {@code tests/x.sql: not one SELECT query: ...} without running anything.
   */
  public static void checkFiles(List<DataTest> tests, Path project) {
    if (tests.stream().noneMatch(t -> t.kind() == DataTest.Kind.SQL)) {
      return;
    }
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      for (DataTest test : tests) {
        if (test.kind() == DataTest.Kind.SQL) {
          sqlQuery(c, test, project);
        }
      }
    } catch (SQLException e) {
      throw new DuckstringException("cannot open DuckDB to check tests: " + Duck.message(e), e);
    }
  }

  /** Throws the reason a table {@code refs} names cannot be read, if one cannot. */
  private static void readable(DataTest test, Set<String> refs, Map<String, String> broken) {
    for (String ref : refs) {
      String name = ref.toLowerCase(Locale.ROOT);
      String schema = name.contains(".") ? name.substring(0, name.indexOf('.')) + ".*" : null;
      String reason = broken.getOrDefault(name, schema == null ? null : broken.get(schema));
      if (reason != null) {
        throw new DuckstringException(prefix(test) + reason);
      }
    }
  }

  private static TestResult runOne(
      Connection c,
      DataTest test,
      Path project,
      Map<String, String> broken,
      Cancellation cancellation)
      throws SQLException {
    long start = System.nanoTime();
    String query;
    if (test.kind() == DataTest.Kind.SQL) {
      query = sqlQuery(c, test, project);
      readable(test, TableRefs.infer(c, query), broken);
    } else {
      readable(test, Set.of(test.ripple()), broken);
      checkColumns(c, test);
      query = DataTestQueries.compile(test);
    }
    long rows = count(c, query, cancellation);
    List<String> columns = new ArrayList<>();
    List<List<String>> sample = new ArrayList<>();
    if (rows > 0) {
      sample(c, query, columns, sample, cancellation);
    }
    return new TestResult(
        test.name(), test.severity(), test.origin(), rows, columns, sample, millis(start), null);
  }

  /** The one query of a SQL test's file, or a one-line error naming the file. */
  private static String sqlQuery(Connection c, DataTest test, Path project) {
    String sql;
    try {
      sql = Files.readString(project.resolve(test.file()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DuckstringException(test.file() + ": cannot read: " + e.getMessage(), e);
    }
    try {
      return SqlQueries.singleQuery(c, sql);
    } catch (DuckstringException e) {
      throw new DuckstringException(test.file() + ": not one SELECT query: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new DuckstringException(test.file() + ": not one SELECT query: " + Duck.message(e), e);
    }
  }

  /** Throws a one-line error naming the check's position when a checked column is missing. */
  private static void checkColumns(Connection c, DataTest test) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE " + Duck.ident(test.ripple()))) {
      while (r.next()) {
        String name = r.getString("column_name");
        columns.put(name.toLowerCase(Locale.ROOT), name);
      }
    }
    for (String column : test.columns()) {
      if (!columns.containsKey(column.toLowerCase(Locale.ROOT))) {
        throw new DuckstringException(
            prefix(test)
                + "no column '"
                + column
                + "' (columns: "
                + String.join(", ", columns.values())
                + ")");
      }
    }
  }

  private static long count(Connection c, String query, Cancellation cancellation)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet r = execute(s, "SELECT count(*) FROM (\n" + query + "\n)", cancellation)) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static void sample(
      Connection c,
      String query,
      List<String> columns,
      List<List<String>> sample,
      Cancellation cancellation)
      throws SQLException {
    String limited = "SELECT * FROM (\n" + query + "\n) LIMIT " + TestResult.SAMPLE;
    try (Statement s = c.createStatement();
        ResultSet r = execute(s, limited, cancellation)) {
      int n = r.getMetaData().getColumnCount();
      for (int i = 1; i <= n; i++) {
        columns.add(r.getMetaData().getColumnLabel(i));
      }
      while (r.next()) {
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          Object v = r.getObject(i);
          row.add(v == null ? null : r.getString(i));
        }
        sample.add(row);
      }
    }
  }

  /** Runs {@code sql} on {@code s}, interrupted by {@code cancellation}. */
  private static ResultSet execute(Statement s, String sql, Cancellation cancellation)
      throws SQLException {
    cancellation.onCancel(() -> SqlRippleRunner.cancelQuietly(s));
    try {
      stopIfCancelled(cancellation);
      return s.executeQuery(sql);
    } finally {
      cancellation.clear();
    }
  }

  private static void stopIfCancelled(Cancellation cancellation) {
    if (cancellation.isCancelled()) {
      throw new CancellationException("data tests cancelled");
    }
  }

  private static TestResult failed(DataTest test, String error, long start) {
    return new TestResult(
        test.name(), test.severity(), test.origin(), 0, List.of(), List.of(), millis(start), error);
  }

  /** {@code "pond.toml:L:C: check <kind> on '<ripple>': "} for a check, else the file. */
  private static String prefix(DataTest test) {
    if (test.kind() == DataTest.Kind.SQL) {
      return test.file() + ": ";
    }
    return test.origin() + ": check " + test.kind().word() + " on '" + test.ripple() + "': ";
  }

  private static long millis(long startNanos) {
    return Math.max(0, (System.nanoTime() - startNanos) / 1_000_000);
  }
}
