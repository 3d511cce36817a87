package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping runs never delete what another run needs (issue 8 item 1): a wave on the demo chain
 * plus a pulse every second, and every run succeeds or passes. 60 s here; {@link OverlapSoakIT}
 * drives the same for {@code -Dduckstring.soak=<seconds>} (make soak: 10 minutes).
 */
class OverlapIT {
  @TempDir Path tmp;

  @Test
  void aWaveAndPulsesOneSecondApartRunWithoutAFailure() throws Exception {
    drive(tmp, Duration.ofSeconds(60));
  }

  /** Drives the demo chain for {@code length}, then checks every run record and events.log. */
  static void drive(Path tmp, Duration length) throws Exception {
    List<LineId> lines =
        List.of(new LineId("inlet", 1), new LineId("pond", 1), new LineId("outlet", 1));
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("wave", "dev", "outlet").ok();
      long end = System.nanoTime() + length.toNanos();
      while (System.nanoTime() < end) {
        c.cli("pulse", "dev", "outlet").ok();
        assertNoFailure(c);
        Thread.sleep(1000);
      }
      c.cli("stop", "dev", "outlet").ok();
      for (LineId line : lines) {
        c.awaitStatus(line.toString(), s -> s.runsInFlight() == 0);
      }
      assertNoFailure(c);
      List<RunRecord> records = new ArrayList<>();
      RunRecords store = new RunRecords(c.layout());
      for (LineId line : lines) {
        records.addAll(store.recent(line, 10_000));
      }
      List<RunRecord> bad =
          records.stream()
              .filter(r -> r.state() != RunOutcome.SUCCESS && r.state() != RunOutcome.PASSED)
              .toList();
      assertEquals(List.of(), bad, "every run succeeded or passed");
      long published = records.stream().filter(r -> r.state() == RunOutcome.SUCCESS).count();
      assertTrue(published >= 3, "the chain published, " + published + " runs");
      for (LineId line : lines) {
        assertTrue(
            c.status(line.toString()).error() == null, line + ": " + c.status(line.toString()));
      }
    }
  }

  private static void assertNoFailure(TestCatchment c) throws Exception {
    for (String line : Files.readAllLines(c.layout().eventsLog())) {
      assertTrue(
          !line.contains("\"run_failed\"") && !line.contains("\"ripple_failed\""),
          "a run failed: " + line);
    }
  }
}
