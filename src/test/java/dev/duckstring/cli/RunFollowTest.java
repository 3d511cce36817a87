package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.LineStatus.Receipt;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure logic of --wait, fed snapshots by hand: no daemon, no files. */
class RunFollowTest {
  static final Instant AT = Instant.parse("2026-01-02T00:00:00Z");
  static final LineId IN = new LineId("inlet", 1);
  static final LineId OUT = new LineId("out", 1);
  static final String FILE = "pulse.20260102T000000000Z-1-abcdef";

  private static LineStatus inlet(LineState state) {
    return LineStatus.of(IN, "1.0.0", List.of("1.0.0"), List.of()).withState(state);
  }

  private static LineStatus out(LineState state, Receipt... receipts) {
    return LineStatus.of(OUT, "1.0.0", List.of("1.0.0"), List.of("inlet 1.0.0"))
        .withState(state)
        .withReceived(List.of(receipts));
  }

  private static Receipt receipt(String run, String outcome) {
    return new Receipt(FILE, "pulse", AT, run, outcome);
  }

  private static RunRecord run(LineId line, Instant f, RunOutcome outcome, String error) {
    RunRecord r = RunRecord.started(line, "1.0.0", f, f.plusMillis(10));
    r = r.withRipple(RunRecord.RippleRun.started("t", f.plusMillis(10)));
    if (outcome == RunOutcome.RUNNING) {
      return r;
    }
    r =
        r.withRipple(
            RunRecord.RippleRun.ended("t", f.plusMillis(10), f.plusMillis(1200), 1000L, 5L, error));
    return r.ended(outcome, f.plusMillis(1210));
  }

  private static RunFollow.Snapshot snap(
      List<LineStatus> lines, Map<LineId, RunRecord> runs, String gone) {
    return new RunFollow.Snapshot(lines, runs, null, gone, AT.plusSeconds(2));
  }

  @Test
  void followsThePathUpstreamFirstAndEndsWithSuccess() {
    RunFollow f = new RunFollow(OUT, FILE, true);
    assertEquals(List.of(OUT), f.path());
    assertEquals(List.of(IN, OUT), f.pathIn(List.of(inlet(LineState.IDLE), out(LineState.IDLE))));
    RunFollow.Step s =
        f.step(snap(List.of(inlet(LineState.IDLE), out(LineState.IDLE)), Map.of(), null));
    assertEquals(List.of(IN, OUT), f.path());
    assertFalse(s.done());
    assertEquals("[----------] 0/2 ponds", s.view().get(2));
    assertEquals(2, s.changes().size());
    assertTrue(s.changes().get(0).endsWith("inlet@1 sent"), s.changes().toString());

    Map<LineId, RunRecord> runs = new HashMap<>();
    runs.put(IN, run(IN, AT, RunOutcome.RUNNING, null));
    s =
        f.step(
            snap(
                List.of(inlet(LineState.RUNNING), out(LineState.QUEUED, receipt(null, null))),
                runs,
                null));
    assertEquals(List.of("00:00:02 inlet@1 running", "00:00:02 out@1 waiting"), s.changes());
    assertTrue(s.view().get(0).contains("ripple t"), s.view().toString());

    runs.put(IN, run(IN, AT, RunOutcome.SUCCESS, null));
    s = f.step(snap(List.of(inlet(LineState.IDLE), out(LineState.QUEUED)), runs, null));
    assertEquals(List.of("00:00:02 inlet@1 success 1.2s 1000 rows"), s.changes());
    assertEquals("[#####-----] 1/2 ponds", s.view().get(2));
    assertFalse(s.done());

    runs.put(OUT, run(OUT, AT, RunOutcome.SUCCESS, null).withId("r-out"));
    s =
        f.step(
            snap(
                List.of(inlet(LineState.IDLE), out(LineState.IDLE, receipt("r-out", "success"))),
                runs,
                null));
    assertEquals(0, s.exit());
    assertEquals("out@1 success, run r-out", s.result());
    assertEquals("[##########] 2/2 ponds", s.view().get(2));
  }

  @Test
  void aRunStartedBeforeTheSignalOrAtAnOlderFreshnessIsNotTheOneItCaused() {
    RunFollow f = new RunFollow(OUT, FILE, true);
    Map<LineId, RunRecord> runs = Map.of(IN, run(IN, AT.minusSeconds(5), RunOutcome.SUCCESS, null));
    RunFollow.Step s =
        f.step(
            snap(
                List.of(inlet(LineState.IDLE), out(LineState.QUEUED, receipt(null, null))),
                runs,
                null));
    assertTrue(s.view().get(0).endsWith("waiting"), s.view().toString());
  }

  @Test
  void aPassEndsWithZero() {
    RunFollow f = new RunFollow(OUT, FILE, true);
    Map<LineId, RunRecord> runs = Map.of(OUT, run(OUT, AT, RunOutcome.PASSED, null).withId("p"));
    RunFollow.Step s =
        f.step(
            snap(
                List.of(inlet(LineState.IDLE), out(LineState.IDLE, receipt("p", "passed"))),
                runs,
                null));
    assertEquals(0, s.exit());
    assertTrue(s.result().contains("passed"), s.result());
  }

  @Test
  void anUpstreamFailureNamesThePondRippleAndError() {
    RunFollow f = new RunFollow(OUT, FILE, true);
    Map<LineId, RunRecord> runs =
        Map.of(IN, run(IN, AT, RunOutcome.FAILED, "Binder Error: no column nope").withId("r1"));
    RunFollow.Step s =
        f.step(
            snap(
                List.of(inlet(LineState.FAILED), out(LineState.BLOCKED, receipt(null, "blocked"))),
                runs,
                null));
    assertEquals(1, s.exit());
    assertEquals("inlet@1 failed in Ripple t: Binder Error: no column nope (run r1)", s.result());
  }

  @Test
  void aRejectedSignalOrAGoneDaemonEndsWithOne() {
    RunFollow f = new RunFollow(OUT, FILE, true);
    RunFollow.Step s =
        f.step(
            new RunFollow.Snapshot(
                List.of(out(LineState.IDLE)), Map.of(), "no such major", null, AT));
    assertEquals(1, s.exit());
    assertEquals(FILE + " was rejected: no such major", s.result());

    f = new RunFollow(OUT, FILE, true);
    s =
        f.step(
            snap(List.of(out(LineState.QUEUED, receipt(null, null))), Map.of(), "pid 1 is gone"));
    assertEquals(1, s.exit());
    assertTrue(s.result().contains("while waiting: pid 1 is gone"), s.result());
  }

  @Test
  void statesBeforeTheDaemonTookTheSignalAreNotItsOutcome() {
    RunFollow f = new RunFollow(OUT, FILE, false);
    RunFollow.Step s = f.step(snap(List.of(out(LineState.FAILED)), Map.of(), null));
    assertNull(s.exit());
    assertEquals(List.of(OUT), f.path());
    assertTrue(s.view().get(0).endsWith("sent"), s.view().toString());
  }

  @Test
  void sourcesAreReadAsTheLinesTheyWireTo() {
    assertEquals(new LineId("inlet", 2), RunFollow.source("inlet 2.1.0?"));
    assertNull(RunFollow.source("garbled"));
    assertEquals("[###-------] 1/3 ponds", RunFollow.bar(1, 3));
  }
}
