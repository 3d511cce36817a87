package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of one data test in one run (decision 48), as run.json, status and alerts carry it.
 *
 * @param name the test's name ({@link DataTest#name})
 * @param severity what a failure does: error fails the run, warn only records it
 * @param origin where the test is declared ({@code tests/x.sql} or {@code pond.toml:L:C})
 * @param rows how many rows violate it (0: passed); 0 when it could not run
 * @param columns the column names of {@code sample}
 * @param sample up to {@link #SAMPLE} violating rows, each value as text (null for SQL NULL)
 * @param millis how long the query took
 * @param error why the test could not run (bad SQL, a missing column, ...), else null; a test that
 *     cannot run fails like one with violating rows
 */
public record TestResult(
    String name,
    DataTest.Severity severity,
    String origin,
    long rows,
    List<String> columns,
    List<List<String>> sample,
    long millis,
    String error) {
  /** At most this many violating rows are kept. */
  public static final int SAMPLE = 5;

  public TestResult {
    requireNonNull(name, "name is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(origin, "origin is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    sample = requireNonNull(sample, "sample is null").stream().map(TestResult::row).toList();
    if (rows < 0 || millis < 0) {
      throw new IllegalArgumentException("rows and millis must be >= 0");
    }
  }

  /** True when no row violates the test and it ran. */
  public boolean passed() {
    return error == null && rows == 0;
  }

  /** True when this result fails the run: it did not pass and its severity is error. */
  public boolean failsRun() {
    return !passed() && severity == DataTest.Severity.ERROR;
  }

  private static List<String> row(List<String> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }
}
