package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.runner.ProcessGroup;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Ripple past its time limit (pond.toml {@code timeout}, else catchment.toml {@code
 * default_timeout}) is stopped, its whole process group with it, and its run fails with "timed out
 * after ..." in status and run.json; a malformed limit is refused naming file, line and column.
 */
class TimeoutIT {
  @TempDir Path tmp;
  private final List<Long> recorded = new ArrayList<>();

  @AfterEach
  void killWhatATestLeftBehind() {
    for (long pid : recorded) {
      ProcessHandle.of(pid)
          .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** A command Ripple: a shell that records its pid (the group's id) and its children's. */
  private static String holder(Path pids, String timeoutLine) {
    return "[ripples.hold]\n"
        + "command = [\"sh\", \"-c\", \"echo $$ >> '"
        + pids
        + "'; sleep 60 & echo $! >> '"
        + pids
        + "'; sleep 60\"]\n"
        + timeoutLine;
  }

  @Test
  void aCommandRipplePastItsTimeoutIsStoppedWithEveryProcessItStarted() throws Exception {
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
    Path pids = tmp.resolve("pids");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("hold"),
          "pond.toml",
          Projects.toml("hold", "1.0.0") + holder(pids, "timeout = \"2s\"\n"));
      c.cli("deploy", "dev").ok();
      long pulsed = System.nanoTime();
      c.cli("pulse", "dev", "hold").ok();
      c.await("the shell and its sleeps to start", () -> read(pids).size() >= 2);
      recorded.addAll(read(pids));
      LineStatus s = c.awaitStatus("hold@1", x -> x.state() == LineState.FAILED);
      Duration took = Duration.ofNanos(System.nanoTime() - pulsed);
      assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "failed after " + took);
      assertEquals("timed out after 2s", s.error());
      assertEquals(RunOutcome.TIMED_OUT, s.lastRun().outcome());

      long pgid = recorded.get(0);
      assertTrue(new ProcessGroup(pgid, -1).members().isEmpty(), "a process of the group is left");
      // Killed processes outside the daemon's reach (the backgrounded sleep, re-parented) are
      // reaped by init a moment later; until then they still show as alive (zombies).
      c.await(
          "every recorded process to be gone",
          () ->
              recorded.stream()
                  .noneMatch(
                      pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));

      RunRecord run = new RunRecords(c.layout()).recent(LineId.parse("hold@1"), 1).get(0);
      assertEquals(RunOutcome.TIMED_OUT, run.state());
      assertEquals("timed out after 2s", run.error());
      assertEquals(RunOutcome.TIMED_OUT, run.ripples().get(0).state());
      assertEquals("timed out after 2s", run.ripples().get(0).error());
      String json =
          Files.readString(
              c.root().resolve("ponds/hold/m1/runs").resolve(run.id()).resolve("run.json"));
      assertTrue(json.contains("\"state\": \"timed_out\""), json);
      assertTrue(json.contains("\"error\": \"timed out after 2s\""), json);
      String status = c.cli("status", "dev").exits(1).out(); // hold@1 failed
      assertTrue(status.contains("timed out after 2s"), status);
      assertTrue(status.contains("timed_out"), status);
      assertTrue(c.eventsTail().contains("\"error\":\"timed out after 2s\""), c.eventsTail());
    }
  }

  @Test
  void theCatchmentsDefaultTimeoutAppliesToRipplesWithoutOne() throws Exception {
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
    Path pids = tmp.resolve("pids");
    Path other = tmp.resolve("other-pids");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.stop();
      Path config = c.layout().config();
      Files.writeString(config, Files.readString(config) + "default_timeout = \"2s\"\n");
      c.start();
      Projects.write(c.cd("hold"), "pond.toml", Projects.toml("hold", "1.0.0") + holder(pids, ""));
      Projects.write(
          c.cd("own"),
          "pond.toml",
          Projects.toml("own", "1.0.0") + holder(other, "timeout = \"3s\"\n"));
      c.cd("hold");
      c.cli("deploy", "dev").ok();
      c.cd("own");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "hold").ok();
      c.cli("pulse", "dev", "own").ok();
      c.await("the Ripples to start", () -> read(pids).size() >= 2 && read(other).size() >= 2);
      recorded.addAll(read(pids));
      recorded.addAll(read(other));
      LineStatus s = c.awaitStatus("hold@1", x -> x.state() == LineState.FAILED);
      assertEquals("timed out after 2s", s.error());
      s = c.awaitStatus("own@1", x -> x.state() == LineState.FAILED);
      assertEquals("timed out after 3s", s.error(), "a Ripple's own timeout wins");
      assertTrue(new ProcessGroup(read(pids).get(0), -1).members().isEmpty());
      assertTrue(new ProcessGroup(read(other).get(0), -1).members().isEmpty());
    }
  }

  @Test
  void aSqlRipplePastItsTimeoutIsInterrupted() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("slow"),
          "pond.toml",
          Projects.toml("slow", "1.0.0") + "[ripples.big]\ntimeout = \"1s\"\n",
          "src/big.sql",
          "SELECT sum(a.generate_series * b.generate_series) AS s\n"
              + "FROM generate_series(1, 1000000000) a, generate_series(1, 1000000000) b\n");
      c.cli("deploy", "dev").ok();
      long pulsed = System.nanoTime();
      c.cli("pulse", "dev", "slow").ok();
      LineStatus s = c.awaitStatus("slow@1", x -> x.state() == LineState.FAILED);
      Duration took = Duration.ofNanos(System.nanoTime() - pulsed);
      assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "failed after " + took);
      assertEquals("timed out after 1s", s.error());
      RunRecord run = new RunRecords(c.layout()).recent(LineId.parse("slow@1"), 1).get(0);
      assertEquals(RunOutcome.TIMED_OUT, run.state());
      assertEquals("timed out after 1s", run.ripples().get(0).error());
    }
  }

  @Test
  void aMalformedTimeoutIsRefusedAtDeployAndChangesNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      for (String bad : new String[] {"10x", "-1m", "0s"}) {
        Projects.write(
            c.cd("bad"),
            "pond.toml",
            Projects.toml("bad", "1.0.0") + "[ripples.t]\ntimeout = \"" + bad + "\"\n",
            "src/t.sql",
            "SELECT 1 AS x");
        String before = Projects.tree(c.root());
        TestCatchment.Result r = c.cli("deploy", "dev");
        assertNotEquals(0, r.code());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(
            line.contains("pond.toml:5:1: error: 'ripples.t.timeout' = \"" + bad + "\""), line);
        assertEquals(before, Projects.tree(c.root()));
      }
    }
  }

  @Test
  void aMalformedDefaultTimeoutIsRefusedAtStartAndChangesNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      c.stop();
      Path config = c.layout().config();
      Files.writeString(config, Files.readString(config) + "default_timeout = \"10x\"\n");
      String before = Projects.tree(c.root());
      byte[] toml = Files.readAllBytes(config);
      TestCatchment.Result r =
          c.cli("catchment", "start", "--name", "dev", "--root", c.root().toString());
      assertNotEquals(0, r.code());
      String line = r.err().strip();
      assertFalse(line.contains("\n"), line);
      int at = Files.readAllLines(config).size();
      assertTrue(
          line.contains(config + ":" + at + ":1: error: 'default_timeout' = \"10x\" is not a"),
          line);
      assertEquals(before, Projects.tree(c.root()));
      assertArrayEquals(toml, Files.readAllBytes(config));
    }
  }

  private static List<Long> read(Path pids) {
    try {
      return Files.exists(pids)
          ? Files.readAllLines(pids).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .map(Long::parseLong)
              .toList()
          : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }
}
