package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

  static LineStatus line(String line, LineState state, Instant endF, String trigger) {
    String pond = line.substring(0, line.indexOf('@'));
    return new LineStatus(
        line,
        pond,
        1,
        "1.0.0",
        List.of("1.0.0"),
        List.of(),
        state,
        true,
        List.of(NOW),
        endF,
        endF,
        endF,
        0,
        3,
        trigger,
        null,
        List.of(),
        List.of(),
        null,
        NOW,
        "1.0.0",
        false,
        List.of(),
        null,
        List.of(),
        null,
        List.of(),
        null);
  }

  @Test
  void rendersStalenessStateDemandAndRunsPerLine() {
    RunRecord failed =
        new RunRecord(
            "r2",
            "b@1",
            "1.0.0",
            NOW,
            RunOutcome.FAILED,
            NOW.minusSeconds(30),
            NOW.minusSeconds(20),
            null,
            null,
            "boom",
            List.of(
                new RunRecord.RippleRun(
                    "t", RunOutcome.FAILED, null, null, 1500L, null, null, "boom", null)));
    RunRecord ok =
        new RunRecord(
            "r1",
            "b@1",
            "1.0.0",
            NOW,
            RunOutcome.SUCCESS,
            NOW.minusSeconds(100),
            NOW.minusSeconds(98),
            "g",
            true,
            null,
            List.of());
    String text =
        Metrics.render(
            List.of(
                line("a@1", LineState.IDLE, NOW.minusSeconds(90), null),
                line("b@1", LineState.FAILED, null, "tide every \"4h\"")),
            Map.of("b@1", List.of(failed, ok)),
            NOW);
    for (String expected :
        List.of(
            "duckstring_line_staleness_seconds{line=\"a@1\"} 90",
            "duckstring_line_staleness_seconds{line=\"b@1\"} +Inf",
            "duckstring_line_freshness_timestamp_seconds{line=\"a@1\"} 1767311910",
            "duckstring_line_state{line=\"b@1\",state=\"failed\"} 1",
            "duckstring_line_demand{line=\"a@1\",kind=\"pull\"} 1",
            "duckstring_line_demand{line=\"a@1\",kind=\"push\"} 1",
            "duckstring_line_trigger{line=\"b@1\",trigger=\"tide every \\\"4h\\\"\"} 1",
            "duckstring_runs_recorded{line=\"b@1\",state=\"failed\"} 1",
            "duckstring_run_failures_recorded{line=\"b@1\"} 1",
            "duckstring_recorded_run_duration_seconds_sum{line=\"b@1\"} 12",
            "duckstring_recorded_run_duration_seconds_count{line=\"b@1\"} 2",
            "duckstring_last_run_duration_seconds{line=\"b@1\"} 10",
            "duckstring_ripple_last_duration_seconds{line=\"b@1\",ripple=\"t\"} 1.5",
            "# TYPE duckstring_recorded_run_duration_seconds_sum gauge")) {
      assertTrue(text.contains(expected + "\n"), expected + " in\n" + text);
    }
    assertEquals(
        1, text.split("# TYPE duckstring_line_demand ", -1).length - 1, "one TYPE per family");
  }
}
