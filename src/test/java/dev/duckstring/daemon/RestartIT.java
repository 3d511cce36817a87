package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart resumes exactly: the interrupted run continues and only unfinished Ripples run again.
 */
class RestartIT {
  @TempDir Path tmp;

  @Test
  void anInterruptedRunResumesWithOnlyItsUnfinishedRipples() throws Exception {
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
      assertEquals(1, running.runsInFlight());
      c.stop(); // the daemon goes away with 'second' running

      Files.writeString(gate, "open");
      c.start();
      LineStatus done = c.awaitRuns("slow@1", 1);
      assertEquals(RunOutcome.SUCCESS, done.lastRun().outcome());
      assertEquals(running.startF(), done.endF(), "the same run continued, at the same freshness");
      assertEquals(1, Files.readAllLines(counts.resolve("first")).size(), "first ran once");
      assertEquals(2, Files.readAllLines(counts.resolve("second")).size(), "second ran again");
      List<RunRecord> runs = new RunRecords(c.layout()).recent(new LineId("slow", 1), 10);
      assertEquals(1, runs.size());
      assertEquals(RunOutcome.SUCCESS, runs.get(0).state());
      String out = c.cli("get", "dev", "slow", "second", "--path", "out").ok().out();
      assertTrue(out.contains("copied 1 file"), out);
      assertEquals("1\n", Files.readString(c.cwd().resolve("out/v.txt")));
    }
  }
}
