package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.runner.ProcessGroup;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill, clear and held demand on the real daemon, with real process trees. */
class ControlVerbsIT {
  @TempDir Path tmp;
  private Path pids;

  @AfterEach
  void killLeftovers() throws IOException {
    for (long pid : recorded()) {
      ProcessHandle.of(pid)
          .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private List<Long> recorded() throws IOException {
    if (pids == null || !Files.exists(pids)) {
      return List.of();
    }
    return Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList();
  }

  private static boolean alive(long pid) {
    return Files.exists(Path.of("/proc/" + pid));
  }

  /**
   * Inlet {@code hold}: unless file {@code fast} exists, a shell that records its pid and its
   * {@code sleep 600}'s, then waits; Sink {@code out} reads it.
   */
  private void deployHoldAndOut(TestCatchment c, Path fast) throws Exception {
    Projects.write(
        c.cd("hold"),
        "pond.toml",
        Projects.toml("hold", "1.0.0") + "[ripples.wait]\ncommand = [\"sh\", \"hold.sh\"]\n",
        "hold.sh",
        "if [ -f '"
            + fast
            + "' ]; then echo 1 > \"$DUCKSTRING_OUT/v.txt\"; exit 0; fi\n"
            + "echo $$ >> '"
            + pids
            + "'\n"
            + "sleep 600 & echo $! >> '"
            + pids
            + "'\n"
            + "wait\n");
    c.cli("deploy", "dev").ok();
    Projects.write(
        c.cd("out"),
        "pond.toml",
        Projects.toml("out", "1.0.0", "hold = \"1.0.0\"")
            + "[ripples.copy]\ncommand = [\"sh\", \"-c\", \"echo 2 > $DUCKSTRING_OUT/v.txt\"]\n");
    c.cli("deploy", "dev").ok();
  }

  @Test
  void killStopsTheProcessTreeParksTheLineAndClearThenPulseRunsAgain() throws Exception {
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
    pids = tmp.resolve("pids");
    Path fast = tmp.resolve("fast");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployHoldAndOut(c, fast);
      c.cli("pulse", "dev", "out").ok();
      c.await("the shell and its sleep to start", () -> read().size() >= 2);
      List<Long> tree = read();
      tree.forEach(pid -> assertTrue(alive(pid), pid + " runs"));
      // The process starts before the daemon's next status write shows it; kill reads status.
      c.awaitStatus("hold@1", s -> s.state() == LineState.RUNNING);

      assertTrue(c.cli("kill", "dev", "hold").ok().out().startsWith("kill sent to hold@1"));
      LineStatus hold = c.awaitStatus("hold@1", s -> s.state() == LineState.KILLED);
      c.await("the Ripple's whole tree to be gone", () -> tree.stream().noneMatch(p -> alive(p)));
      assertEquals("killed by the operator", hold.error());
      c.awaitStatus(
          "hold@1", s -> s.lastRun() != null && s.lastRun().outcome() == RunOutcome.KILLED);
      LineStatus out = c.awaitStatus("out@1", s -> s.state() == LineState.BLOCKED);
      assertEquals(List.of("hold@1"), out.blockedBy());
      assertTrue(c.eventsTail().contains("\"event\":\"run_killed\""), c.eventsTail());

      // Bad input: nothing runs, so there is nothing to kill; a fine line has nothing to clear.
      TestCatchment.Result again = c.cli("kill", "dev", "hold");
      assertEquals(1, again.code());
      assertEquals(
          "duckstring kill: hold@1 is not running (killed); there is nothing to kill\n",
          again.err());
      // Demand to the blocked Sink is refused, naming the line that blocks it and the verb.
      TestCatchment.Result pulse = c.cli("pulse", "dev", "out");
      assertEquals(1, pulse.code(), pulse.out());
      assertTrue(
          pulse.err().startsWith("duckstring pulse: out@1 is blocked by hold@1 (killed ")
              && pulse.err().contains("run 'duckstring clear dev hold'"),
          pulse.err());
      assertEquals(1, pulse.err().lines().count());

      // A killed runaway is not re-run when the daemon restarts.
      c.stop();
      c.start();
      c.awaitStatus("hold@1", s -> s.state() == LineState.KILLED);
      Thread.sleep(1000);
      assertEquals(tree, read(), "nothing re-ran after the restart");

      Files.writeString(fast, "");
      c.cli("clear", "dev", "hold").ok();
      c.awaitStatus("hold@1", s -> s.state() == LineState.IDLE);
      c.awaitStatus("out@1", s -> s.state() != LineState.BLOCKED);
      TestCatchment.Result fine = c.cli("clear", "dev", "hold");
      assertEquals(1, fine.code());
      assertEquals(
          "duckstring clear: hold@1 is idle, not failed or killed; nothing to clear\n", fine.err());
      c.cli("pulse", "dev", "out").ok();
      c.awaitStatus("out@1", s -> s.runsCompleted() >= 1);
      assertEquals(RunOutcome.SUCCESS, c.status("hold@1").lastRun().outcome());
    }
  }

  private List<Long> read() {
    try {
      return recorded();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void demandForAFailedLineIsRefusedByTheCliAndHeldFromASignalFileUntilClear() throws Exception {
    Path ok = tmp.resolve("ok");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("src"),
          "pond.toml",
          Projects.toml("src", "1.0.0")
              + "[ripples.read]\ncommand = [\"sh\", \"-c\", \"test -f "
              + ok
              + " || { echo share down >&2; exit 3; }; echo 1 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();
      Projects.write(
          c.cd("out"),
          "pond.toml",
          Projects.toml("out", "1.0.0", "src = \"1.0.0\"")
              + "[ripples.copy]\ncommand = [\"sh\", \"-c\", \"echo 2 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "out").ok();
      c.awaitStatus("src@1", s -> s.state() == LineState.FAILED);
      c.awaitStatus("out@1", s -> s.state() == LineState.BLOCKED);

      TestCatchment.Result own = c.cli("tap", "dev", "src");
      assertEquals(1, own.code());
      assertTrue(
          own.err().startsWith("duckstring tap: src@1 is failed ")
              && own.err().endsWith("; fix it and deploy, or run 'duckstring clear dev src'\n"),
          own.err());
      TestCatchment.Result sink = c.cli("pulse", "dev", "out");
      assertEquals(1, sink.code());
      assertTrue(
          sink.err().startsWith("duckstring pulse: out@1 is blocked by src@1 (failed ")
              && sink.err().endsWith("; fix it and deploy, or run 'duckstring clear dev src'\n"),
          sink.err());
      assertEquals(1, c.cli("clear", "dev", "out").code(), "clear the line that blocks it");
      assertTrue(Files.list(c.root().resolve("ponds/out/signals")).noneMatch(Files::isRegularFile));

      // A signal file dropped by hand is kept as demand and shown, not consumed without effect.
      Files.writeString(c.root().resolve("ponds/out/signals/pulse"), "");
      LineStatus held = c.awaitStatus("out@1", s -> s.heldDemand().contains("push"));
      assertEquals(LineState.BLOCKED, held.state());
      assertTrue(c.cli("status", "dev").exits(1).out().contains("held push"));

      Files.writeString(ok, "");
      c.cli("clear", "dev", "src").ok();
      LineStatus ran = c.awaitStatus("out@1", s -> s.runsCompleted() >= 1);
      assertEquals(List.of(), ran.heldDemand());
      assertFalse(c.status("out@1").state() == LineState.BLOCKED);
    }
  }

  @Test
  void wakeKillAndStopUpstreamAsSignalFiles() throws Exception {
    Path ok = tmp.resolve("ok");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("src"),
          "pond.toml",
          Projects.toml("src", "1.0.0")
              + "[ripples.read]\ncommand = [\"sh\", \"-c\", \"test -f "
              + ok
              + " || exit 3; echo 1 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();
      Projects.write(
          c.cd("out"),
          "pond.toml",
          Projects.toml("out", "1.0.0", "src = \"1.0.0\"")
              + "[ripples.copy]\ncommand = [\"sh\", \"-c\", \"echo 2 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "out").ok();
      c.awaitStatus("src@1", s -> s.state() == LineState.FAILED);

      // A kill for a line with nothing running is rejected with the reason, and changes nothing.
      Path signals = c.root().resolve("ponds/src/signals");
      Files.writeString(signals.resolve("kill"), "");
      c.await("the kill to be rejected", () -> c.eventsTail().contains("\"signal_rejected\""));
      assertTrue(
          c.eventsTail().contains("src@1 is not running (failed); there is nothing to kill"));
      assertEquals(LineState.FAILED, c.status("src@1").state());

      // wake clears the failure and runs it; the Sink's demand, held in it, is then served.
      Files.writeString(ok, "");
      Files.writeString(signals.resolve("wake"), "");
      c.awaitStatus("out@1", s -> s.runsCompleted() >= 1);
      assertEquals(RunOutcome.SUCCESS, c.status("src@1").lastRun().outcome());

      // stop --upstream is the signal stop-upstream, journaled with its kind.
      c.cli("stop", "dev", "out", "--upstream").ok();
      c.await(
          "stop-upstream to be applied",
          () -> c.eventsTail().contains("\"kind\":\"stop-upstream\""));
      assertFalse(c.status("src@1").hasPull());
    }
  }
}
