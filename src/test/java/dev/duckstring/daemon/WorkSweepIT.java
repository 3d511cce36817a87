package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start sweeps {@code work/} (issue 8 item 3): abandoned run directories and temporaries left by a
 * crash go at once, and the outputs an interrupted run still needs stay, so it resumes.
 */
class WorkSweepIT {
  @TempDir Path tmp;

  @Test
  void startRemovesAbandonedRunsAndTemporariesButKeepsWhatTheResumedRunNeeds() throws Exception {
    Path counts = Files.createDirectories(tmp.resolve("counts"));
    Path gate = tmp.resolve("gate");
    String toml = Projects.gatedPond(counts, gate);
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(c.cd("slow"), "pond.toml", toml);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "slow").ok();
      c.await("second to start", () -> Files.exists(counts.resolve("second")));
      LineStatus running = c.status("slow@1");
      c.stop(); // as a crash would: 'second' never finished

      Path work = c.layout().work(new LineId("slow", 1));
      Path needed = work.resolve(RunRecords.runId(running.startF())).resolve("first");
      assertTrue(Files.isDirectory(needed));
      Path abandoned = Files.createDirectories(work.resolve("20200101T000000.000000Z/first"));
      Path tmpTop = Files.createDirectories(work.resolve(".tmp-20200101T000000.000000Z.123"));
      Path tmpRun = Files.createDirectories(needed.resolveSibling(".tmp-second.456"));

      c.start();
      c.await("the start-up sweep", () -> !Files.exists(abandoned.getParent()));
      assertFalse(Files.exists(tmpTop), "work/.tmp-* swept");
      assertFalse(Files.exists(tmpRun), "work/<run>/.tmp-* swept");
      assertTrue(Files.isDirectory(needed), "the resumed run's input stays");

      Files.writeString(gate, "open");
      LineStatus done = c.awaitRuns("slow@1", 1);
      assertEquals(RunOutcome.SUCCESS, done.lastRun().outcome());
      assertEquals(running.startF(), done.endF());
      assertEquals(1, Files.readAllLines(counts.resolve("first")).size(), "first was not re-run");
    }
  }
}
