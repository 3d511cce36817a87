package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code is a change (issue 10, item 1), on the real daemon: a new version, or a forced redeploy of a
 * version with other files, runs for real at the next pulse even though no Source changed, and
 * status names the version whose code made the published data.
 */
class CodeChangeIT {
  @TempDir Path tmp;

  /** The id of mypond's first run. */
  private String firstRun;

  /**
   * A {@code pond init} project reading the demo Inlet's orders: {@code LIMIT 5}, deployed, run.
   */
  private Path initAndRun(TestCatchment c) throws Exception {
    c.deployDemos();
    Path p = c.cd("mypond");
    c.cli("pond", "init", "mypond").ok();
    Files.writeString(
        p.resolve("pond.toml"), Files.readString(p.resolve("pond.toml")) + "inlet = \"1.0.0\"\n");
    Files.writeString(p.resolve("src/example.sql"), "SELECT * FROM inlet.orders LIMIT 5\n");
    // The scaffold's data test checks the scaffold's 'greeting' column, which this table lacks.
    Files.delete(p.resolve("tests/greeting_not_empty.sql"));
    c.cli("deploy", "dev").ok();
    c.cli("pulse", "dev", "mypond").ok();
    LineStatus s = c.awaitRuns("mypond@0", 1);
    assertEquals(RunOutcome.SUCCESS, s.lastRun().outcome());
    assertEquals(5, rows(c));
    assertEquals("0.1.0", s.publishedVersion());
    firstRun = s.lastRun().id();
    return p;
  }

  /** Writes {@code sql} and {@code version} into the project at {@code p}. */
  private static void edit(Path p, String version, String sql) throws Exception {
    Files.writeString(
        p.resolve("pond.toml"), Files.readString(p.resolve("pond.toml")).replace("0.1.0", version));
    Files.writeString(p.resolve("src/example.sql"), sql);
  }

  /** Rows of mypond's published table {@code example}. */
  private static int rows(TestCatchment c) {
    String out = c.cli("query", "dev", "mypond", "example").ok().out();
    return (int) out.strip().lines().count() - 1;
  }

  /** Pulses mypond and waits for its second run to end. */
  private LineStatus pulseAgain(TestCatchment c) {
    c.cli("pulse", "dev", "mypond").ok();
    return c.awaitStatus(
        "mypond@0",
        s ->
            s.lastRun() != null
                && !s.lastRun().id().equals(firstRun)
                && s.lastRun().outcome() != RunOutcome.RUNNING
                && s.runsInFlight() == 0);
  }

  @Test
  void aNewVersionRunsForRealAtTheNextPulseAndStatusNamesIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = initAndRun(c);
      edit(p, "0.2.0", "SELECT * FROM inlet.orders LIMIT 3\n");
      c.cli("deploy", "dev").ok();
      LineStatus pending = c.awaitStatus("mypond@0", s -> "0.2.0".equals(s.version()));
      assertTrue(pending.codePending(), pending.toString());
      assertEquals("0.1.0", pending.publishedVersion());
      String status = c.cli("status", "dev", "--all").ok().out();
      assertTrue(status.contains("mypond@0  0.1.0 (0.2.0 pending)"), status);

      LineStatus after = pulseAgain(c);
      assertEquals(RunOutcome.SUCCESS, after.lastRun().outcome(), "a real run, not a pass");
      assertEquals(3, rows(c), "the new code's output is published");
      assertEquals("0.2.0", after.publishedVersion());
      assertFalse(after.codePending());
      status = c.cli("status", "dev", "--all").ok().out();
      assertTrue(status.contains("mypond@0  0.2.0 "), status);
      String runs = c.cli("runs", "dev", "mypond", "--json").ok().out();
      assertTrue(runs.contains("\"version\": \"0.2.0\""), "the run names its version: " + runs);
    }
  }

  @Test
  void aForcedRedeployOfTheSameVersionWithOtherSqlRunsForReal() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = initAndRun(c);
      edit(p, "0.1.0", "SELECT * FROM inlet.orders LIMIT 2\n");
      c.cli("deploy", "dev", "--force").ok();
      c.awaitStatus("mypond@0", LineStatus::codePending);
      String status = c.cli("status", "dev", "--all").ok().out();
      assertTrue(status.contains("mypond@0  0.1.0 (redeploy pending)"), status);

      LineStatus after = pulseAgain(c);
      assertEquals(RunOutcome.SUCCESS, after.lastRun().outcome(), "a real run, not a pass");
      assertEquals(2, rows(c), "the redeployed code's output is published");
      assertFalse(after.codePending());
    }
  }

  @Test
  void aBrokenNewVersionFailsInsteadOfPassing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = initAndRun(c);
      edit(p, "0.2.0", "SELEC * FROM inlet.orders LIMIT 3\n");
      c.cli("deploy", "dev").ok();
      c.awaitStatus("mypond@0", s -> "0.2.0".equals(s.version()));

      LineStatus after = pulseAgain(c);
      assertEquals(RunOutcome.FAILED, after.lastRun().outcome(), after.toString());
      assertEquals(5, rows(c), "0.1.0's data stays published");
      assertEquals("0.1.0", after.publishedVersion());
      String status = c.cli("status", "dev").exits(1).out();
      assertTrue(status.contains("mypond@0  0.1.0 (0.2.0 pending)  failed"), status);
    }
  }

  @Test
  void aRestartKeepsWhichCodeMadeTheDataAndADeployWhileDownRunsForReal() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = initAndRun(c);
      c.stop();
      c.start();
      LineStatus same = pulseAgain(c);
      assertEquals(RunOutcome.PASSED, same.lastRun().outcome(), "the same code: a pass");
      assertEquals("0.1.0", same.publishedVersion());
      c.stop();

      edit(p, "0.2.0", "SELECT * FROM inlet.orders LIMIT 3\n");
      c.cli("deploy", "dev").ok();
      c.start();
      c.awaitStatus("mypond@0", s -> "0.2.0".equals(s.version()) && s.codePending());
      firstRun = same.lastRun().id();
      LineStatus after = pulseAgain(c);
      assertEquals(RunOutcome.SUCCESS, after.lastRun().outcome(), "a real run, not a pass");
      assertEquals(3, rows(c));
      assertEquals("0.2.0", after.publishedVersion());
    }
  }
}
