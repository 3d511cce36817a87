package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The immediate-retry bookkeeping: one budget per run, growing pauses, due times, restarts. */
class RippleRetriesTest {
  private static final LineId LINE = new LineId("p", 1);
  private static final Instant F = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T = F.plusSeconds(100);

  private static RippleJob job(String ripple) {
    return new RippleJob(
        LINE, ripple, F, null, Path.of("out"), Map.of(), Map.of(), Path.of("r.log"));
  }

  @Test
  void pausesGrowAndAreCapped() {
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
        List.of(0, 1, 2, 3, 4, 5, 6, 20).stream()
            .map(i -> RippleRetries.pause(i).toSeconds())
            .toList());
  }

  @Test
  void theRunsRipplesShareOneBudgetAndEachRetryIsDueAfterItsPause() {
    RippleRetries r = new RippleRetries();
    r.launched(job("a"));
    r.launched(job("b"));
    RippleRetries.Pending first = r.failed(LINE, "a", F, 2, 0, T).orElseThrow();
    assertEquals(2, first.attempt());
    assertEquals(T.plusSeconds(1), first.due());
    assertEquals(Optional.of(T.plusSeconds(1)), r.nextDue());
    assertEquals(List.of(), r.due(T), "not before the pause is over");
    assertEquals(List.of(first), r.due(T.plusSeconds(1)));
    assertEquals(Optional.empty(), r.nextDue());
    RippleRetries.Pending second = r.failed(LINE, "b", F, 2, 1, T).orElseThrow();
    assertEquals(Duration.ofSeconds(2), Duration.between(T, second.due()));
    assertTrue(r.failed(LINE, "a", F, 2, 2, T).isEmpty(), "the run's budget is spent");
  }

  @Test
  void aRestartCountsWhatTheRunRecordShowsAndAnEndedRunForgets() {
    RippleRetries r = new RippleRetries();
    r.launched(job("a"));
    assertTrue(r.failed(LINE, "a", F, 2, 2, T).isEmpty(), "two retries recorded before a restart");
    assertTrue(r.failed(LINE, "a", F, 3, 2, T).isPresent());
    r.runEnded(LINE, F);
    r.finished(LINE, "a", F);
    assertTrue(r.failed(LINE, "a", F, 3, 0, T).isEmpty(), "no job: nothing to run again");
    assertTrue(r.failed(LINE, "a", F, 0, 0, T).isEmpty());
  }
}
