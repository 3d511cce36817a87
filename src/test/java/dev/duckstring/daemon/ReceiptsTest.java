package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.LineStatus.Receipt;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which run a signal caused, by the daemon's clock only (decision 38). */
class ReceiptsTest {
  static final LineId L = new LineId("out", 1);
  static final Instant AT = Instant.parse("2026-01-02T00:00:10Z");

  private static RunRecord run(Instant f, Instant started) {
    return RunRecord.started(L, "1.0.0", f, started);
  }

  private static Receipt only(Receipts r, RunRecord last, LineState state) {
    List<Receipt> all =
        r.of(L, last, state, (l, f) -> last != null && last.f().equals(f) ? last : null);
    assertEquals(1, all.size());
    return all.get(0);
  }

  @Test
  void aPulseIsAnsweredByTheFirstRunStartedAfterItAtItsFreshnessOrLater() {
    Receipts r = new Receipts();
    r.received(L, "pulse.x", "pulse", AT);
    // Started after, but at an older freshness (a pull that was already due): not this pulse's run.
    assertEquals(
        null, only(r, run(AT.minusSeconds(5), AT.plusSeconds(1)), LineState.RUNNING).run());
    RunRecord mine = run(AT, AT.plusMillis(5));
    assertEquals(
        new Receipt("pulse.x", "pulse", AT, mine.id(), null), only(r, mine, LineState.RUNNING));
    RunRecord ended = mine.ended(RunOutcome.PASSED, AT.plusSeconds(1));
    assertEquals("passed", only(r, ended, LineState.IDLE).outcome());
  }

  @Test
  void aForceIsAnsweredByARunStartedAfterItWhateverItsFreshness() {
    Receipts r = new Receipts();
    r.received(L, "force.x", "force", AT);
    assertEquals(
        null, only(r, run(AT.minusSeconds(9), AT.minusSeconds(1)), LineState.RUNNING).run());
    RunRecord forced = run(AT.minusSeconds(9), AT);
    assertEquals(forced.id(), only(r, forced, LineState.RUNNING).run());
  }

  @Test
  void aLineThatCannotRunEndsTheWaitWithItsState() {
    Receipts r = new Receipts();
    r.received(L, "pulse.x", "pulse", AT);
    assertEquals("blocked", only(r, null, LineState.BLOCKED).outcome());
  }

  @Test
  void keepsTheLastSixteenPerLine() {
    Receipts r = new Receipts();
    for (int i = 0; i < 20; i++) {
      r.received(L, "tap." + i, "tap", AT);
    }
    List<Receipt> all = r.of(L, null, LineState.IDLE, (l, f) -> null);
    assertEquals(Receipts.KEEP, all.size());
    assertEquals("tap.4", all.get(0).file());
  }
}
