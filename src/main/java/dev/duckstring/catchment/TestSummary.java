package dev.duckstring.catchment;

import dev.duckstring.model.TestResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The data tests of a line's last run as status shows them (decision 49): how many ran, and the
 * ones that did not pass, each with its failing rows (at most {@link TestResult#SAMPLE}).
 *
 * @param total how many tests ran
 * @param failing the results that did not pass: error ones failed the run, warn ones only warn
 */
public record TestSummary(int total, List<TestResult> failing) {
  public TestSummary {
    failing = List.copyOf(failing);
  }

  /** The summary of {@code results}, or null when none ran. */
  public static TestSummary of(List<TestResult> results) {
    if (results == null || results.isEmpty()) {
      return null;
    }
    return new TestSummary(results.size(), results.stream().filter(r -> !r.passed()).toList());
  }

  /** The names of the tests that failed the run. */
  public List<String> failed() {
    return failing.stream().filter(TestResult::failsRun).map(TestResult::name).toList();
  }

  /** The names of the warn tests that did not pass (the run published). */
  public List<String> warned() {
    return failing.stream().filter(r -> !r.failsRun()).map(TestResult::name).toList();
  }

  /**
   * One line: {@code 4 passed}, or {@code failed: 1 test (daily.not_null.id); warn: 1 test (x)}.
   */
  public String text() {
    List<String> parts = new ArrayList<>();
    if (!failed().isEmpty()) {
      parts.add("failed: " + count(failed()));
    }
    if (!warned().isEmpty()) {
      parts.add("warn: " + count(warned()));
    }
    int passed = total - failing.size();
    if (parts.isEmpty() || passed > 0) {
      parts.add(passed + " passed");
    }
    return String.join("; ", parts);
  }

  private static String count(List<String> names) {
    return names.size()
        + (names.size() == 1 ? " test (" : " tests (")
        + String.join(", ", names)
        + ")";
  }
}
