package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.fs.Json;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A garbled derived file (state.json, run.json) never blocks the start: it is journaled, and the
 * daemon carries on.
 */
class GarbledFilesIT {
  private static final LineId SOLO = new LineId("solo", 1);
  @TempDir Path tmp;

  private TestCatchment soloRun(int runs) throws Exception {
    TestCatchment c = new TestCatchment(tmp);
    c.start();
    Projects.write(
        c.cd("p"), "pond.toml", Projects.toml("solo", "1.0.0"), "src/t.sql", "SELECT 1 AS x");
    c.cli("deploy", "dev").ok();
    for (int i = 1; i <= runs; i++) {
      c.cli("pulse", "dev", "solo").ok();
      c.awaitRuns("solo@1", i);
    }
    c.stop();
    return c;
  }

  @Test
  void aGarbledStateFileStartsThatLineFreshAndIsJournaled() throws Exception {
    try (TestCatchment c = soloRun(1)) {
      Path state = c.layout().state(SOLO);
      for (byte[] garbage :
          List.of(
              "{ not json".getBytes(), new byte[] {'{', '"', (byte) 0xff, '"'}, "{}".getBytes())) {
        Files.write(state, garbage);
        c.start();
        c.await(
            "a daemon_error naming " + state,
            () ->
                events(c)
                    .lines()
                    .anyMatch(
                        l ->
                            l.contains("daemon_error")
                                && l.contains(state + ": error: ")
                                && l.contains("solo@1 starts fresh")),
            c::eventsTail);
        Instant before = Instant.now();
        c.cli("pulse", "dev", "solo").ok();
        LineStatus s =
            c.awaitStatus(
                "solo@1",
                x -> x.endF() != null && !x.endF().isBefore(before) && x.runsInFlight() == 0);
        assertEquals(LineState.IDLE, s.state());
        assertNotNull(
            Json.readFile(state, EngineSnapshot.LineState.class), "state.json is whole again");
        c.stop();
        Files.writeString(c.layout().eventsLog(), "");
      }
    }
  }

  @Test
  void aGarbledRunRecordNeverBlocksTheStart() throws Exception {
    try (TestCatchment c = soloRun(2)) {
      List<String> ids =
          new RunRecords(c.layout()).recent(SOLO, 10).stream().map(r -> r.id()).toList();
      assertEquals(2, ids.size());
      Path newest = c.layout().run(SOLO, ids.get(0)).resolve("run.json");
      Files.write(newest, new byte[] {(byte) 0xff, '{'});
      Instant restarted = Instant.now();
      c.start();
      c.await(
          "a daemon_error naming " + newest,
          () -> events(c).contains(newest + ": error: not valid UTF-8 at byte offset 0"),
          c::eventsTail);
      // Status shows the newest readable run; `runs` lists the readable ones.
      LineStatus s = c.awaitStatus("solo@1", x -> x.updatedAt().isAfter(restarted));
      assertEquals(ids.get(1), s.lastRun().id());
      TestCatchment.Result runs = c.cli("runs", "dev", "solo").ok();
      assertTrue(runs.out().contains(ids.get(1)), runs.out());
      // And the line runs on.
      Instant before = Instant.now();
      c.cli("pulse", "dev", "solo").ok();
      c.awaitStatus(
          "solo@1", x -> x.endF() != null && !x.endF().isBefore(before) && x.runsInFlight() == 0);
      Files.writeString(newest, "[1, 2");
      c.stop();
      c.start();
      c.await("the daemon is up", () -> events(c).contains("daemon_started"));
      c.cli("status", "dev", "--all").ok();
    }
  }

  private static String events(TestCatchment c) {
    try {
      return Files.readString(c.layout().eventsLog());
    } catch (IOException e) {
      return "";
    }
  }
}
