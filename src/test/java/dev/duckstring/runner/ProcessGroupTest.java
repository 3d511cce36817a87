package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command Ripple runs in a process group of its own, and everything in it ends with the Ripple.
 */
class ProcessGroupTest {
  @TempDir Path dir;
  Path version;
  Path pids;
  final CommandRippleRunner runner = new CommandRippleRunner();
  final List<Long> started = new ArrayList<>();

  @BeforeEach
  void fixtures() throws Exception {
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
    version = Files.createDirectories(dir.resolve("versions/1.0.0"));
    pids = dir.resolve("pids");
  }

  @AfterEach
  void killEverythingStarted() throws Exception {
    if (Files.exists(pids)) {
      for (String s : Files.readAllLines(pids)) {
        started.add(Long.parseLong(s.strip()));
      }
    }
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private CommandRipple ripple(Duration timeout, String script) {
    return new CommandRipple(
        "sales",
        "export",
        List.of("sh", "-c", script),
        version,
        Instant.parse("2025-01-02T03:04:05Z"),
        Map.of(),
        Map.of(),
        dir.resolve("out"),
        dir.resolve("runs/r1/export.log"),
        timeout);
  }

  /**
   * A process that left the tree (its parent exited) is not a descendant, but still in the group.
   */
  private String escapee() {
    return "(sleep 300 & echo $! > '" + pids + "'); ";
  }

  private long escaped() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(pids) || Files.readString(pids).isBlank()) {
      assertTrue(System.nanoTime() < deadline, "the command never started");
      Thread.sleep(20);
    }
    return Long.parseLong(Files.readString(pids).strip());
  }

  private static boolean alive(long pid) {
    return new ProcessGroup(pid, 0).members().contains(pid)
        || ProcessHandle.of(pid).map(h -> h.isAlive() && !zombie(pid)).orElse(false);
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (Exception e) {
      return true;
    }
  }

  private static void awaitDead(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (alive(pid)) {
      assertTrue(System.nanoTime() < deadline, "process " + pid + " survived");
      Thread.sleep(20);
    }
  }

  @Test
  void theGroupIsTheLeadersPidAndIsReportedBeforeTheRunnerWaits() throws Exception {
    AtomicReference<ProcessGroup> seen = new AtomicReference<>();
    runner.run(
        ripple(null, "echo $$ > '" + pids + "'; ps -o pgid= -p $$ >> '" + pids + "-pgid'"),
        new Cancellation(),
        seen::set);
    long shell = Long.parseLong(Files.readString(pids).strip());
    Files.delete(pids);
    assertEquals(
        shell, seen.get().pgid(), "setsid did not fork: the started process leads the group");
    assertEquals(shell, Long.parseLong(Files.readString(dir.resolve("pids-pgid")).strip()));
    assertTrue(seen.get().startTicks() > 0);
  }

  @Test
  void cancellationStopsProcessesThatLeftTheTree() throws Exception {
    Cancellation cancel = new Cancellation();
    Thread runner =
        new Thread(
            () ->
                assertThrows(
                    RippleFailure.class,
                    () -> this.runner.run(ripple(null, escapee() + "sleep 300"), cancel)));
    runner.start();
    long pid = escaped();
    assertTrue(alive(pid));
    cancel.cancel();
    runner.join(30_000);
    awaitDead(pid);
  }

  @Test
  void aTimeoutStopsProcessesThatLeftTheTree() throws Exception {
    assertThrows(
        RippleFailure.class,
        () -> runner.run(ripple(Duration.ofSeconds(2), escapee() + "sleep 300")));
    awaitDead(escaped());
  }

  @Test
  void whatACommandLeavesRunningEndsWithIt() throws Exception {
    runner.run(ripple(null, escapee() + "true"));
    awaitDead(escaped());
  }

  @Test
  void aGroupThatCannotBeRecordedNeverRunsTheCommand() throws Exception {
    AtomicReference<ProcessGroup> seen = new AtomicReference<>();
    RippleFailure e =
        assertThrows(
            RippleFailure.class,
            () ->
                runner.run(
                    ripple(null, escapee() + "sleep 300"),
                    new Cancellation(),
                    g -> {
                      seen.set(g);
                      assertTrue(g.leaderMatches(), "the group exists while it is recorded");
                      throw new IllegalStateException("disk full");
                    }));
    assertEquals("cannot record the process group: disk full", e.getMessage());
    assertEquals(List.of(), seen.get().members());
    assertFalse(Files.exists(pids), "the command never ran");
  }

  @Test
  void aLeaderIsKnownByItsStartTimeNotOnlyItsPid() throws Exception {
    Process p = new ProcessBuilder(ProcessGroup.setsid(), "sleep", "300").start();
    started.add(p.pid());
    ProcessGroup real = ProcessGroup.ledBy(p.pid()).orElseThrow();
    // setsid(1) makes its process a group leader just after the process starts: wait for that
    // (a loaded machine showed the group still empty right after the start).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (real.members().isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertTrue(real.leaderMatches());
    assertFalse(new ProcessGroup(p.pid(), real.startTicks() + 1).leaderMatches());
    assertEquals(List.of(p.pid()), real.members());
    ProcessGroup.terminate(List.of(real), Duration.ofSeconds(5));
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertFalse(real.leaderMatches());
  }
}
