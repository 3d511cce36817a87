package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.RunRecord.RippleRun;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run record is built by named steps: started, Ripple attempts, then how it ended. */
class RunRecordTest {
  static final Instant F = Instant.parse("2026-04-01T09:00:00Z");
  static final LineId LINE = LineId.parse("pond@1");

  @Test
  void aRunStartsRunningAndEndsWithItsOutcome() {
    RunRecord r = RunRecord.started(LINE, "1.0.0", F, F.plusSeconds(1));
    assertEquals(
        new RunRecord(
            "20260401T090000.000000Z",
            "pond@1",
            "1.0.0",
            F,
            RunOutcome.RUNNING,
            F.plusSeconds(1),
            null,
            null,
            null,
            null,
            List.of()),
        r);
    assertTrue(r.running());
    RunRecord done =
        r.ended(RunOutcome.SUCCESS, F.plusSeconds(3)).withGeneration("g").withChanged(true);
    assertFalse(done.running());
    assertEquals(F.plusSeconds(3), done.ended());
    assertEquals("g", done.generation());
    assertEquals(true, done.changed());
    assertNull(done.error());
    RunRecord failed = done.ended(RunOutcome.FAILED, F.plusSeconds(4)).withError("boom");
    assertNull(failed.generation(), "an ending says everything: nothing of an earlier one stays");
    assertNull(failed.changed());
    assertEquals("boom", failed.error());
  }

  @Test
  void aRippleAttemptReplacesItsRunningOneAndKeepsTheOthers() {
    Instant t = F.plusSeconds(1);
    RunRecord r =
        RunRecord.started(LINE, "1.0.0", F, t)
            .withRipple(RippleRun.started("a", t))
            .withRipple(RippleRun.started("b", t))
            .withRipple(RippleRun.ended("a", t, t.plusMillis(1500), 5L, 640L, null))
            .withRipple(RippleRun.ended("b", t, t.plusSeconds(2), null, null, "boom"));
    assertEquals(
        List.of(
            new RippleRun(
                "a",
                RunOutcome.SUCCESS,
                t,
                t.plusMillis(1500),
                1500L,
                5L,
                640L,
                null,
                List.of(
                    new RunRecord.Attempt(
                        1, RunOutcome.SUCCESS, t, t.plusMillis(1500), 1500L, null))),
            new RippleRun(
                "b",
                RunOutcome.FAILED,
                t,
                t.plusSeconds(2),
                2000L,
                null,
                null,
                "boom",
                List.of(
                    new RunRecord.Attempt(
                        1, RunOutcome.FAILED, t, t.plusSeconds(2), 2000L, "boom")))),
        r.ripples());
    RunRecord again = r.withRipple(RippleRun.started("a", t.plusSeconds(5)));
    assertEquals(3, again.ripples().size(), "an ended attempt stays; a new one is added");
  }

  @Test
  void aRetriedRippleKeepsEveryAttemptWithItsErrorAndDuration() {
    Instant t = F.plusSeconds(1);
    RippleRun a =
        RippleRun.started("a", t)
            .attemptEnded(t, t.plusSeconds(1), null, null, "boom 1", true)
            .again(t.plusSeconds(2))
            .attemptEnded(t.plusSeconds(2), t.plusSeconds(4), null, null, "boom 2", true)
            .again(t.plusSeconds(6))
            .attemptEnded(t.plusSeconds(6), t.plusSeconds(7), 3L, 10L, null, false);
    assertEquals(RunOutcome.SUCCESS, a.state());
    assertEquals(t, a.started());
    assertEquals(7000L, a.durationMs(), "from the first attempt's start to the last one's end");
    assertEquals(3L, a.rows());
    assertEquals(
        List.of(
            new RunRecord.Attempt(1, RunOutcome.FAILED, t, t.plusSeconds(1), 1000L, "boom 1"),
            new RunRecord.Attempt(
                2, RunOutcome.FAILED, t.plusSeconds(2), t.plusSeconds(4), 2000L, "boom 2"),
            new RunRecord.Attempt(
                3, RunOutcome.SUCCESS, t.plusSeconds(6), t.plusSeconds(7), 1000L, null)),
        a.attempts());
    RunRecord r = RunRecord.started(LINE, "1.0.0", F, t).withRipple(a);
    assertEquals(2, r.failedAttempts());
    // A restart re-runs an attempt that was running: it is replaced, not counted twice.
    RippleRun b = RippleRun.started("b", t).again(t.plusSeconds(9));
    assertEquals(1, b.attempts().size());
    assertEquals(t.plusSeconds(9), b.attempts().get(0).started());
  }
}
