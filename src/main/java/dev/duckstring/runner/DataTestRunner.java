package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.TestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a Pond's data tests (decision 48) over its run's outputs and its Sources, on one in-memory
 * DuckDB with the same views a SQL Ripple sees: the Pond's tables by bare name, each Source's as
 * {@code source.table}. The daemon (before a publish) and {@code pond test} (after a local run)
 * both call it, so a test passes in one exactly when it passes in the other.
 */
public final class DataTestRunner {
  private final DuckDbOptions options;

  public DataTestRunner(DuckDbOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  /**
   * Runs {@code tests} in order and returns one result each; never throws for a failing or broken
   * test (its result carries the error), only when cancelled.
   *
   * @param project the Pond project (or deployed version tree) holding {@code tests/*.sql}
   * @param own the run's Ripple outputs, Ripple name to output directory
   * @param sources each Source Pond's data, pond to directory (a published generation, or a puddle)
   */
  public List<TestResult> run(
      List<DataTest> tests,
      Path project,
      Map<String, Path> own,
      Map<String, Path> sources,
      Cancellation cancellation) {
    throw new UnsupportedOperationException("DataTestRunner is built by issue 13 " + options);
  }
}
