package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.EventFiles;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.fs.Json;
import dev.duckstring.manifest.EventsRotation;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping runs never delete what another run needs (issue 8 item 1): a wave on the demo chain
 * plus a pulse every second, and every run succeeds or passes. 60 s here; {@link OverlapSoakIT}
 * drives the same for {@code -Dduckstring.soak=<seconds>} (make soak: 10 minutes). events.log
 * rotates at {@link #EVENTS_MAX_SIZE} meanwhile, and every run's events are found exactly once
 * across the rotated files.
 */
class OverlapIT {
  /** Small enough that the 60 s drive rotates events.log several times, the soak many times. */
  static final String EVENTS_MAX_SIZE = "32KB";

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
      c.stop();
      Path config = c.layout().config();
      Files.writeString(
          config,
          Files.readString(config)
              + "events_max_size = \""
              + EVENTS_MAX_SIZE
              + "\"\nevents_keep = "
              + EventsRotation.MAX_KEEP
              + "\n");
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
      c.stop();
      assertEveryRunOnce(c);
    }
  }

  /**
   * Across events.log.N ... events.log: rotation happened, every line is whole JSON, the files are
   * in time order, and each run ({@code line} and {@code f}) has one {@code run_started} and at
   * most one end, never an end without its start (a lost or doubled file would show as one of
   * those). A run that a newer overlapping run overtook has no end of its own.
   */
  private static void assertEveryRunOnce(TestCatchment c) throws IOException {
    EventFiles files = new EventFiles(c.layout());
    assertTrue(files.rotated().size() >= 2, "events.log rotated: " + files.inOrder());
    Map<String, Integer> started = new HashMap<>();
    Map<String, Integer> ended = new HashMap<>();
    Instant last = Instant.MIN;
    for (Path file : files.inOrder()) {
      List<String> lines = Files.readAllLines(file);
      Instant first = Instant.parse(String.valueOf(at(lines.get(0))));
      // Lines take their time before the append lock, so threads may swap by a little.
      assertTrue(first.plusSeconds(1).isAfter(last), file + " starts before the file it follows");
      for (String line : lines) {
        Map<?, ?> e = Json.read(line, Map.class, file.toString());
        String run = e.get("line") + " " + e.get("f");
        switch (String.valueOf(e.get("event"))) {
          case "run_started" -> started.merge(run, 1, Integer::sum);
          case "run_published", "run_passed", "run_failed" -> ended.merge(run, 1, Integer::sum);
          default -> {}
        }
      }
      last = Instant.parse(String.valueOf(at(lines.get(lines.size() - 1))));
    }
    assertTrue(ended.size() >= 3, ended.size() + " runs ended");
    assertTrue(started.values().stream().allMatch(n -> n == 1), "a run_started twice");
    assertTrue(ended.values().stream().allMatch(n -> n == 1), "a run ended twice");
    for (String run : ended.keySet()) {
      assertTrue(started.containsKey(run), run + " ended without a run_started");
    }
  }

  private static Object at(String line) {
    Map<?, ?> e = Json.read(line, Map.class, "events.log");
    return e.get("at");
  }

  private static void assertNoFailure(TestCatchment c) throws Exception {
    for (String line : new EventFiles(c.layout()).lines()) {
      assertTrue(
          !line.contains("\"run_failed\"") && !line.contains("\"ripple_failed\""),
          "a run failed: " + line);
    }
  }
}
