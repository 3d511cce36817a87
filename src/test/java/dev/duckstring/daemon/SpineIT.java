package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spine on a real daemon: demand paths, failures, git deploys and restarts. */
class SpineIT {
  @TempDir Path tmp;

  @Test
  void aBranchNoDemandedOutletNeedsNeverRuns() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      Projects.write(
          c.cd("side"),
          "pond.toml",
          Projects.toml("side", "1.0.0", "inlet = \"1.0.0\""),
          "src/audit.sql",
          "SELECT count(*) AS n FROM inlet.orders");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      LineStatus side = c.awaitStatus("side@1", s -> true);
      assertEquals(0, side.runsCompleted());
      assertNull(side.lastRun());
      assertFalse(Files.exists(c.layout().runs(new LineId("side", 1))), "side never ran");
      assertEquals(1, c.status("inlet@1").runsCompleted(), "each Pond ran exactly once");
      assertEquals(1, c.status("pond@1").runsCompleted());
    }
  }

  @Test
  void unchangedSourcesMakeTheirSinksPassWithoutRunning() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      LineStatus first = c.awaitRuns("outlet@1", 1);
      c.cli("pulse", "dev", "outlet").ok();
      LineStatus second = c.awaitRuns("outlet@1", 2);
      assertEquals(RunOutcome.PASSED, second.lastRun().outcome(), "the demo data is deterministic");
      assertEquals(RunOutcome.PASSED, c.awaitRuns("pond@1", 2).lastRun().outcome());
      assertEquals(
          RunOutcome.SUCCESS,
          c.awaitRuns("inlet@1", 2).lastRun().outcome(),
          "Inlets always execute");
      assertTrue(second.endF().isAfter(first.endF()), "a pass advances freshness");
      assertEquals(first.changedF(), second.changedF(), "but not the changed-at stamp");
      RunRecord pass =
          new RunRecords(c.layout()).read(new LineId("outlet", 1), second.lastRun().id());
      assertEquals(List.of(), pass.ripples(), "no Ripple executed");
      assertEquals(Boolean.FALSE, pass.changed());
    }
  }

  @Test
  void aSqlFailureKeepsThePreviousGenerationAndRecordsDuckDbsMessage() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = c.cd("src1");
      Projects.write(
          p, "pond.toml", Projects.toml("solo", "1.0.0"), "src/t.sql", "SELECT 42 AS answer");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "solo").ok();
      c.awaitRuns("solo@1", 1);
      LineId line = new LineId("solo", 1);
      Path before = new Generations(c.layout()).current(line).orElseThrow();

      Projects.write(
          c.cd("src2"),
          "pond.toml",
          Projects.toml("solo", "1.0.1"),
          "src/t.sql",
          "SELECT answer FROM missing_table");
      c.cli("deploy", "dev").ok();
      c.awaitStatus("solo@1", s -> s.version().equals("1.0.1"));
      c.cli("pulse", "dev", "solo").ok();
      LineStatus failed = c.awaitStatus("solo@1", s -> s.state() == LineState.FAILED);
      assertTrue(failed.error().contains("missing_table"), failed.error());
      assertEquals(RunOutcome.FAILED, failed.lastRun().outcome());
      RunRecord run = new RunRecords(c.layout()).read(line, failed.lastRun().id());
      assertEquals(RunOutcome.FAILED, run.state());
      assertTrue(
          run.ripples().get(0).error().contains("Table with name missing_table does not exist"),
          run.toString());

      assertEquals(before, new Generations(c.layout()).current(line).orElseThrow(), "CURRENT kept");
      String q = c.cli("query", "dev", "solo", "--sql", "SELECT answer FROM t").ok().out();
      assertTrue(q.contains("42"), q);
    }
  }

  @Test
  void sqlThatDoesNotParseFailsTheRunWithDuckDbsMessage() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("p"), "pond.toml", Projects.toml("broken", "1.0.0"), "src/t.sql", "SELEC 1");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "broken").ok();
      LineStatus s = c.awaitStatus("broken@1", x -> x.state() == LineState.FAILED);
      assertTrue(s.error().contains("Parser Error: syntax error at or near \"SELEC\""), s.error());
      RunRecord run = new RunRecords(c.layout()).read(new LineId("broken", 1), s.lastRun().id());
      assertTrue(run.ripples().get(0).error().contains("Parser Error"), run.toString());
      assertTrue(c.cli("status", "dev").exits(1).out().contains("Parser Error"));
    }
  }

  @Test
  void aGitDeployRunsTheRefItNames() throws Exception {
    Path origin = tmp.resolve("origin.git");
    Git.init().setBare(true).setDirectory(origin.toFile()).call().close();
    Path work =
        Projects.write(
            tmp.resolve("repo"),
            "pond.toml",
            Projects.toml("gitpond", "1.0.0"),
            "src/v.sql",
            "SELECT 'one' AS v");
    try (Git git = Git.init().setDirectory(work.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("v1").setSign(false).call();
      git.tag().setName("v1").call();
      Projects.write(
          work, "pond.toml", Projects.toml("gitpond", "1.1.0"), "src/v.sql", "SELECT 'two' AS v");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("v2").setSign(false).call();
      git.tag().setName("v2").call();
      git.push().setRemote("origin").setPushTags().add("HEAD:refs/heads/main").call();
    }
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.cd("repo");
      assertTrue(c.cli("deploy", "dev", "--git", "v1").ok().out().contains("gitpond 1.0.0"));
      assertTrue(c.cli("deploy", "dev", "--git", "v2").ok().out().contains("gitpond 1.1.0"));
      c.cli("pulse", "dev", "gitpond", "--version", "1.1.0").ok();
      c.awaitRuns("gitpond@1", 1);
      String q = c.cli("query", "dev", "gitpond", "v").ok().out();
      assertTrue(q.contains("two"), q);
      assertEquals("1.1.0", c.status("gitpond@1").version());
      String old = c.cli("pulse", "dev", "gitpond", "--version", "1.0.0").err();
      assertTrue(old.contains("is not the one its line runs"), old);
    }
  }

  @Test
  void aSignalDroppedWhileTheDaemonIsDownIsHonouredAtStart() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.stop();
      assertTrue(
          c.cli("status", "dev", "--all").ok().err().contains("note: no daemon serves 'dev'"));
      Path signal = c.layout().signals("outlet").resolve("pulse");
      Files.createDirectories(signal.getParent());
      Files.writeString(signal, ""); // exactly what `touch` does
      c.start();
      c.awaitRuns("outlet@1", 1);
      assertFalse(Files.exists(signal));
      assertEquals(
          0, Files.list(c.layout().claimedSignals("outlet")).count(), "claimed signal finished");
      assertNotEquals(null, c.status("inlet@1").endF());
    }
  }

  @Test
  void aFailedStartReleasesTheLease() throws Exception {
    // A garbled state.json no longer fails the start (GarbledFilesIT); a port in use still does.
    try (TestCatchment c = new TestCatchment(tmp);
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      c.start();
      c.stop();
      TestCatchment.Result r =
          c.cli(
              "catchment",
              "start",
              "--name",
              "dev",
              "--port",
              String.valueOf(taken.getLocalPort()),
              "--root",
              c.root().toString());
      assertEquals(1, r.code());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(Files.exists(c.layout().lock()), "the lease is given back");
    }
  }

  @Test
  void aSecondDaemonOnTheSameRootRefusesAndNamesTheHolder() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      TestCatchment.Result second =
          c.cli("catchment", "start", "--name", "dev", "--root", c.root().toString());
      assertEquals(1, second.code());
      assertTrue(
          second.err().contains("is already served by pid " + ProcessHandle.current().pid()),
          second.err());
    }
  }
}
