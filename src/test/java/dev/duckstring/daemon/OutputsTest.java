package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.model.LineId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pin rule of {@code work/}: prune never takes what a queued or running Ripple was handed. */
class OutputsTest {
  private static final LineId LINE = new LineId("p", 1);
  private static final Instant F1 = Instant.parse("2026-01-01T00:00:01Z");
  private static final Instant F2 = Instant.parse("2026-01-01T00:00:02Z");
  private static final Instant F3 = Instant.parse("2026-01-01T00:00:03Z");

  @TempDir Path tmp;

  @Test
  void anOutputHandedToARunningRippleOutlivesNewerOutputsUntilItsEndIsProcessed() throws Exception {
    Outputs o = new Outputs(new CatchmentLayout(tmp));
    Path a1 = complete(o, "a", F1);
    RippleJob b = job(o, "b", F1); // b reads a's output of F1
    assertEquals(a1, b.own().get("a"));
    Path a2 = complete(o, "a", F2); // a moves on: F1 holds no latest output any more
    o.prune(LINE);
    assertTrue(Files.isDirectory(a1), "a running Ripple's input survives a prune");
    o.done(LINE, "b", F1, null); // b failed: nothing pins F1 now
    o.prune(LINE);
    assertFalse(Files.exists(a1.getParent()), "then it goes");
    assertTrue(Files.isDirectory(a2));
  }

  @Test
  void anOutputWhoseCompletionIsNotProcessedYetSurvivesAPrune() throws Exception {
    Outputs o = new Outputs(new CatchmentLayout(tmp));
    complete(o, "a", F1);
    RippleJob c = job(o, "c", F3);
    Files.createDirectories(c.output()); // the worker renamed its output into place
    Files.writeString(c.output().resolve("c.txt"), "x");
    complete(o, "a", F2);
    o.prune(LINE);
    assertTrue(Files.isDirectory(c.output()), "not yet reported to the reactor, still kept");
    assertTrue(o.done(LINE, "c", F3, c.output()));
    o.prune(LINE);
    assertEquals(c.output(), o.latest(LINE).get("c"));
    assertTrue(Files.isDirectory(c.output()));
    assertFalse(Files.exists(o.stageDir(LINE, F1, "a")), "F1 is needed by nobody");
  }

  @Test
  void aReportOfNoOutstandingJobChangesNothing() throws Exception {
    Outputs o = new Outputs(new CatchmentLayout(tmp));
    Path a1 = complete(o, "a", F1);
    assertFalse(o.done(LINE, "a", F2, o.stageDir(LINE, F2, "a")));
    assertEquals(Map.of("a", a1), o.latest(LINE));
  }

  private static RippleJob job(Outputs o, String ripple, Instant f) {
    RippleJob job =
        new RippleJob(
            LINE,
            ripple,
            f,
            null,
            o.stageDir(LINE, f, ripple),
            Map.of(),
            o.inputs(LINE, ripple),
            null);
    o.started(job);
    return job;
  }

  private static Path complete(Outputs o, String ripple, Instant f) throws Exception {
    RippleJob job = job(o, ripple, f);
    Files.createDirectories(job.output());
    Files.writeString(job.output().resolve(ripple + ".txt"), f.toString());
    assertTrue(o.done(LINE, ripple, f, job.output()));
    return job.output();
  }
}
