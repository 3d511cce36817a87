package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.TestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How status sums up a run's data tests (decision 49). */
class TestSummaryTest {
  private static TestResult result(String name, DataTest.Severity severity, long rows) {
    return new TestResult(
        name, severity, "tests/" + name + ".sql", rows, List.of(), List.of(), 1, null);
  }

  @Test
  void noTestsIsNoSummary() {
    assertNull(TestSummary.of(List.of()));
    assertNull(TestSummary.of(null));
  }

  @Test
  void namesTheFailedAndTheWarnedAndCountsThePassed() {
    TestSummary all =
        TestSummary.of(
            List.of(
                result("a", DataTest.Severity.ERROR, 0), result("b", DataTest.Severity.ERROR, 0)));
    assertEquals("2 passed", all.text());
    assertEquals(List.of(), all.failing());
    TestSummary mixed =
        TestSummary.of(
            List.of(
                result("a", DataTest.Severity.ERROR, 3),
                result("b", DataTest.Severity.WARN, 1),
                result("c", DataTest.Severity.WARN, 2),
                result("d", DataTest.Severity.ERROR, 0)));
    assertEquals(List.of("a"), mixed.failed());
    assertEquals(List.of("b", "c"), mixed.warned());
    assertEquals("failed: 1 test (a); warn: 2 tests (b, c); 1 passed", mixed.text());
    TestSummary warnOnly = TestSummary.of(List.of(result("b", DataTest.Severity.WARN, 1)));
    assertEquals("warn: 1 test (b)", warnOnly.text());
  }
}
