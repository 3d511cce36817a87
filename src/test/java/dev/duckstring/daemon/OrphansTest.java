package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.RippleProcesses;
import dev.duckstring.runner.ProcessGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up sweep kills exactly the recorded groups that still run, and nothing else. */
class OrphansTest {
  @TempDir Path root;
  CatchmentLayout layout;
  EventLog log;
  final List<Process> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
    layout = new CatchmentLayout(root);
    log = new EventLog(layout);
  }

  @AfterEach
  void tearDown() {
    if (log != null) {
      log.close();
    }
    started.forEach(Process::destroyForcibly);
  }

  /** A group leader of our own, as a command Ripple's would be. */
  private ProcessGroup leader() throws Exception {
    Process p = new ProcessBuilder("/usr/bin/setsid", "sleep", "300").start();
    started.add(p);
    return ProcessGroup.ledBy(p.pid()).orElseThrow();
  }

  private Path record(String run, String host, long pgid, long ticks) {
    Path file = RippleProcesses.file(root.resolve("ponds/shop/m1/runs/" + run), "export");
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RippleProcesses.write(
        file,
        new RippleProcesses.Entry(
            "shop@1", run, "export", host, ProcessGroup.bootId(), pgid, ticks));
    return file;
  }

  private int sweep() {
    return Orphans.sweep(layout, log, Clock.systemUTC(), Duration.ofSeconds(5));
  }

  private String events() throws Exception {
    return Files.readString(layout.eventsLog());
  }

  @Test
  void aRecordedGroupThatStillRunsIsKilledAndJournaled() throws Exception {
    ProcessGroup g = leader();
    Path file = record("20260101T000000.000000Z", RippleProcesses.host(), g.pgid(), g.startTicks());
    assertEquals(1, sweep());
    assertTrue(started.get(0).waitFor(30, TimeUnit.SECONDS), "the orphan was stopped");
    assertFalse(Files.exists(file));
    assertTrue(
        events().contains("\"event\":\"orphan_killed\"")
            && events().contains("\"pgid\":" + g.pgid()),
        events());
  }

  @Test
  void aReusedPidWithAnotherStartTimeIsNotKilled() throws Exception {
    ProcessGroup g = leader();
    Path file =
        record("20260101T000000.000000Z", RippleProcesses.host(), g.pgid(), g.startTicks() - 1);
    assertEquals(0, sweep());
    assertFalse(started.get(0).waitFor(1, TimeUnit.SECONDS), "an unrelated process survives");
    assertTrue(g.leaderMatches());
    assertFalse(Files.exists(file), "a record of a group that is gone is dropped");
    assertFalse(events().contains("orphan_killed"), events());
  }

  @Test
  void aGroupOfAnotherHostIsLeftAloneAndKept() throws Exception {
    ProcessGroup g = leader();
    Path file = record("20260101T000000.000000Z", "some-other-host", g.pgid(), g.startTicks());
    assertEquals(0, sweep());
    assertTrue(g.leaderMatches());
    assertTrue(Files.exists(file));
    assertTrue(events().contains("\"event\":\"orphan_unreachable\""), events());
  }

  @Test
  void aGarbledRecordIsReportedAndNeverBlocksTheStart() throws Exception {
    Path file =
        RippleProcesses.file(root.resolve("ponds/shop/m1/runs/20260101T000000.000000Z"), "export");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"pgid\": ");
    assertEquals(0, sweep());
    assertFalse(Files.exists(file));
    assertTrue(events().contains("\"event\":\"orphan_unreadable\""), events());
  }
}
