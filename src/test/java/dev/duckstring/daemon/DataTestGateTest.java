package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.TestResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line error a failing data test gives its run (decision 49). */
class DataTestGateTest {
  private static TestResult result(
      String name, DataTest.Severity severity, long rows, String error) {
    return new TestResult(name, severity, "pond.toml:12:3", rows, List.of(), List.of(), 1, error);
  }

  @Test
  void passingAndWarnTestsDoNotFailTheRun() {
    assertNull(DataTestGate.error(List.of()));
    assertNull(
        DataTestGate.error(
            List.of(
                result("a", DataTest.Severity.ERROR, 0, null),
                result("b", DataTest.Severity.WARN, 4, null))));
  }

  @Test
  void theFirstFailingErrorTestIsNamedWithItsRowsAndOrigin() {
    assertEquals(
        "test daily.not_null.id failed: 3 rows (pond.toml:12:3)",
        DataTestGate.error(List.of(result("daily.not_null.id", DataTest.Severity.ERROR, 3, null))));
    assertEquals(
        "test a failed: 1 row (pond.toml:12:3) and 2 more failing tests",
        DataTestGate.error(
            List.of(
                result("w", DataTest.Severity.WARN, 1, null),
                result("a", DataTest.Severity.ERROR, 1, null),
                result("b", DataTest.Severity.ERROR, 2, null),
                result("c", DataTest.Severity.ERROR, 0, "no such column\n  x"))));
    assertEquals(
        "test c could not run: no such column x (pond.toml:12:3)",
        DataTestGate.error(
            List.of(result("c", DataTest.Severity.ERROR, 0, "no such column\n  x"))));
  }

  @Test
  void anErrorThatAlreadyNamesTheOriginIsNotFollowedByItAgain() {
    assertEquals(
        "test o.accepted_values.category could not run: pond.toml:12:3: check accepted_values on"
            + " 'o': no column 'category' (columns: id)",
        DataTestGate.error(
            List.of(
                result(
                    "o.accepted_values.category",
                    DataTest.Severity.ERROR,
                    0,
                    "pond.toml:12:3: check accepted_values on 'o': no column 'category' (columns:"
                        + " id)"))));
  }
}
