package dev.duckstring.cli;

import dev.duckstring.catchment.TestSummary;
import dev.duckstring.model.Durations;
import dev.duckstring.model.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How {@code runs} and {@code status} print a run's data tests (decision 49). */
final class TestLines {
  private TestLines() {}

  /** {@code passed}, {@code failed} (an error test that did not pass) or {@code warn}. */
  static String state(TestResult t) {
    return t.passed() ? "passed" : t.failsRun() ? "failed" : "warn";
  }

  /** The row of {@code t} in the {@code runs} table: name, state, took, rows, error or origin. */
  static List<String> row(TestResult t) {
    return List.of(
        "",
        "  test " + t.name(),
        state(t),
        Durations.human(Duration.ofMillis(t.millis())),
        String.valueOf(t.rows()),
        t.error() != null ? t.error() : t.passed() ? "" : t.origin());
  }

  /** The failing rows of {@code t} ({@code col | col} then one line each), indented. */
  static List<String> sample(TestResult t, String indent) {
    List<String> out = new ArrayList<>();
    if (t.sample().isEmpty()) {
      return out;
    }
    out.add(indent + String.join(" | ", t.columns()));
    for (List<String> row : t.sample()) {
      out.add(indent + String.join(" | ", row.stream().map(v -> v == null ? "NULL" : v).toList()));
    }
    return out;
  }

  /**
   * The notes under the status table for {@code line}'s last run: nothing when its tests all
   * passed, else the summary and each failing test with its rows.
   */
  static List<String> status(String line, TestSummary tests) {
    List<String> out = new ArrayList<>();
    if (tests == null || tests.failing().isEmpty()) {
      return out;
    }
    out.add("tests: " + line + ": " + tests.text());
    for (TestResult t : tests.failing()) {
      String what =
          t.error() != null
              ? "could not run: " + t.error()
              : t.rows() + (t.rows() == 1 ? " row" : " rows");
      out.add("  " + state(t) + " " + t.name() + " (" + t.origin() + "): " + what);
      out.addAll(sample(t, "    "));
    }
    return out;
  }
}
