package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-running verbs on the real daemon (issue 10 item 2): {@code force} runs an unchanged Pond
 * for real, {@code repair} re-runs a chain in order, and a verb for an unknown line changes
 * nothing.
 */
class RerunIT {
  private static final LineId A = new LineId("a", 1);
  private static final LineId B = new LineId("b", 1);
  private static final LineId C = new LineId("c", 1);

  @TempDir Path tmp;

  @Test
  void forceOnAnUnchangedPondIsARealRunAtItsFreshness() throws Exception {
    try (TestCatchment c = chain(tmp)) {
      c.cli("pulse", "dev", "b").ok();
      RunRecord passed = awaitRuns(c, B, 2);
      assertEquals(RunOutcome.PASSED, passed.state(), "nothing b reads changed");

      String out = c.cli("force", "dev", "b").ok().out();
      assertTrue(out.startsWith("force sent to b@1 (ponds/b/signals/force."), out);
      RunRecord forced = awaitNewRun(c, B, passed);
      assertEquals(RunOutcome.SUCCESS, forced.state(), () -> String.valueOf(forced));
      assertEquals(passed.f(), forced.f(), "run at the line's freshness");
      assertTrue(forced.generation() != null, () -> String.valueOf(forced));
      assertEquals(1, forced.ripples().size());
      List<RunRecord> all = runs(c, B);
      assertEquals(3, all.size(), "the passed run's record is kept beside the forced one");
      assertEquals(RunOutcome.PASSED, all.get(1).state(), () -> String.valueOf(all));
      assertEquals(passed.f(), all.get(1).f());
      assertTrue(c.eventsTail().contains("\"force\""), c::eventsTail);
      assertEquals(passed.f(), c.awaitStatus("b@1", s -> true).endF());
      assertEquals(1, runs(c, C).size(), "no freshness advance: nothing downstream runs");
      assertEquals(2, runs(c, A).size(), "nothing upstream runs");
    }
  }

  @Test
  void repairReRunsTheChainInOrder() throws Exception {
    try (TestCatchment c = chain(tmp)) {
      c.cli("repair", "dev", "a").ok();
      RunRecord a = awaitRuns(c, A, 2);
      RunRecord b = awaitRuns(c, B, 2);
      RunRecord cc = awaitRuns(c, C, 2);
      for (RunRecord r : List.of(a, b, cc)) {
        assertEquals(RunOutcome.SUCCESS, r.state(), () -> String.valueOf(r));
      }
      assertFalse(b.started().isBefore(a.ended()), () -> a + "\n" + b);
      assertFalse(cc.started().isBefore(b.ended()), () -> b + "\n" + cc);
      assertTrue(c.eventsTail().contains("run_rebuild"), c::eventsTail);
      c.awaitStatus("c@1", s -> s.state() == LineState.IDLE && s.runsCompleted() == 2);
    }
  }

  @Test
  void refreshRebuildsWithoutThePreviousOutputAndForceKeepsIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      String script =
          "n=0\n"
              + "if [ -n \"$DUCKSTRING_INPUT_COUNT\" ]; then n=$(cat \"$DUCKSTRING_INPUT_COUNT/n\"); fi\n"
              + "echo $((n + 1)) > \"$DUCKSTRING_OUT/n\"\n";
      Projects.write(
          c.cd("acc"),
          "pond.toml",
          Projects.toml("acc", "1.0.0") + "[ripples.count]\ncommand = [\"sh\", \"count.sh\"]\n",
          "count.sh",
          script);
      c.cli("deploy", "dev").ok();
      c.cd("work");
      LineId acc = new LineId("acc", 1);
      c.awaitStatus("acc@1", s -> "1.0.0".equals(s.version()));
      c.cli("pulse", "dev", "acc").ok();
      awaitRuns(c, acc, 1);
      c.cli("pulse", "dev", "acc").ok();
      awaitRuns(c, acc, 2);
      assertEquals("2", count(c, acc), "each run adds one to its previous output");

      c.cli("refresh", "dev", "acc").ok();
      RunRecord refreshed = awaitRuns(c, acc, 3);
      assertEquals(RunOutcome.SUCCESS, refreshed.state(), () -> String.valueOf(refreshed));
      assertEquals("1", count(c, acc), "a rebuild starts without its previous output");

      RunRecord before = refreshed;
      c.cli("force", "dev", "acc").ok();
      RunRecord forced = awaitNewRun(c, acc, before);
      assertEquals(RunOutcome.SUCCESS, forced.state(), () -> String.valueOf(forced));
      assertEquals("2", count(c, acc), "a forced run reads its previous output");
    }
  }

  private static String count(TestCatchment c, LineId line) throws Exception {
    String gen = Files.readString(c.layout().current(line)).strip();
    return Files.readString(c.layout().generation(line, gen).resolve("count/n")).strip();
  }

  @Test
  void aVerbForAnUnknownPondOrMajorIsOneLineAndChangesNothing() throws Exception {
    try (TestCatchment c = chain(tmp)) {
      String before = Projects.tree(c.root().resolve("ponds"));
      for (String[] args :
          List.of(
              new String[] {"force", "dev", "nosuch"},
              new String[] {"refresh", "dev", "b", "--version", "7"},
              new String[] {"repair", "dev", "bb"})) {
        TestCatchment.Result r = c.cli(args);
        assertNotEquals(0, r.code(), String.join(" ", args));
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("duckstring " + args[0] + ": "), r.err());
      }
      assertEquals(before, Projects.tree(c.root().resolve("ponds")));
    }
  }

  /** a (an Inlet, same output every run) -> b -> c, each run once by a pulse of c. */
  private static TestCatchment chain(Path tmp) throws Exception {
    TestCatchment c = new TestCatchment(tmp);
    c.start();
    deploy(c, "a", "SELECT 1 AS x");
    deploy(c, "b", "SELECT x FROM a.t", "a = \"1.0.0\"");
    deploy(c, "c", "SELECT x FROM b.t", "b = \"1.0.0\"");
    c.cli("pulse", "dev", "c").ok();
    for (LineId line : List.of(A, B, C)) {
      assertEquals(RunOutcome.SUCCESS, awaitRuns(c, line, 1).state());
      c.awaitStatus(
          line.toString(), s -> s.lastRun() != null && s.lastRun().outcome() == RunOutcome.SUCCESS);
    }
    return c;
  }

  private static void deploy(TestCatchment c, String pond, String sql, String... sources)
      throws Exception {
    Projects.write(
        c.cd(pond), "pond.toml", Projects.toml(pond, "1.0.0", sources), "src/t.sql", sql);
    c.cli("deploy", "dev").ok();
    c.cd("work");
    c.awaitStatus(pond + "@1", s -> "1.0.0".equals(s.version()));
  }

  private static List<RunRecord> runs(TestCatchment c, LineId line) {
    return new RunRecords(c.layout()).recent(line, 100);
  }

  /** Waits until {@code line} has {@code n} run records, the newest ended; returns it. */
  private static RunRecord awaitRuns(TestCatchment c, LineId line, int n) {
    c.await(
        n + " runs of " + line,
        () -> {
          List<RunRecord> runs = runs(c, line);
          return runs.size() >= n && runs.get(0).state() != RunOutcome.RUNNING;
        },
        c::eventsTail);
    return runs(c, line).get(0);
  }

  /** Waits for an ended run of {@code line} started after {@code previous} ended. */
  private static RunRecord awaitNewRun(TestCatchment c, LineId line, RunRecord previous) {
    c.await(
        "a new run of " + line,
        () -> {
          RunRecord r = runs(c, line).get(0);
          return r.started().isAfter(previous.ended()) && r.state() != RunOutcome.RUNNING;
        },
        c::eventsTail);
    return runs(c, line).get(0);
  }
}
