package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 60: after every batch of the real daemon, the state.json and status.json files written
 * for the changed lines only are byte for byte what the full way (every line built, compared and
 * written when changed) writes into a shadow root ({@link BatchAudit}), through pulses, failures,
 * retries, kills, clears, triggers, budget files, deploys, yanks, a schema reset and a restart.
 */
class BatchWritesIT {
  @TempDir Path tmp;

  @Test
  void theChangedLinesOnlyAreWrittenAndTheFilesAreThoseOfAFullRebuild() throws Exception {
    BatchAudit audit = BatchAudit.register(tmp.resolve("dev"), tmp.resolve("shadow"));
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      Path flag = tmp.resolve("fail");
      Projects.write(
          c.cd("flaky"),
          "pond.toml",
          Projects.toml("flaky", "1.0.0", "inlet = \"1.0.0\"")
              + "[ripples.step]\ncommand = [\"sh\", \"-c\", \"test ! -e '"
              + flag
              + "' && sleep 1 && echo 1 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();
      Projects.write(
          c.cd("tail"),
          "pond.toml",
          Projects.toml("tail", "1.0.0", "flaky = \"1.0.0\"")
              + "[ripples.copy]\ncommand = [\"sh\", \"-c\", \"echo 2 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();

      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      c.cli("pulse", "dev", "tail").ok();
      c.awaitRuns("tail@1", 1);

      // A failure blocks the Sink; a budget file, a retry after a fix, a clear.
      Files.writeString(flag, "");
      c.cli("budget", "dev", "flaky", "--immediate", "1").ok();
      c.awaitStatus("flaky@1", s -> s.retries() != null && s.retries().immediate() == 1);
      c.cli("force", "dev", "flaky").ok(); // a forced run executes, and fails
      c.awaitStatus("flaky@1", s -> s.state() == LineState.FAILED);
      c.awaitStatus("tail@1", s -> s.state() == LineState.BLOCKED);
      Files.writeString(c.root().resolve("ponds/tail/signals/pulse"), ""); // held while blocked
      AtomicFiles.writeString(c.layout().budget(new LineId("flaky", 1)), "on_change = 2\n");
      c.awaitStatus("flaky@1", s -> s.retries().onChange() == 2);
      Files.delete(flag);
      c.cli("clear", "dev", "flaky").ok();
      c.awaitStatus("tail@1", s -> s.state() == LineState.IDLE && s.runsCompleted() >= 2);

      // A kill while running, then a wake; triggers set and removed.
      c.cli("force", "dev", "flaky").ok();
      c.awaitStatus("flaky@1", s -> s.state() == LineState.RUNNING);
      c.cli("kill", "dev", "flaky").ok();
      c.awaitStatus("flaky@1", s -> s.state() == LineState.KILLED);
      c.awaitStatus("tail@1", s -> s.state() == LineState.BLOCKED);
      c.cli("wake", "dev", "flaky").ok();
      c.awaitStatus("flaky@1", s -> s.state() != LineState.KILLED);
      c.cli("wave", "dev", "tail").ok();
      c.awaitStatus("tail@1", s -> "wave".equals(s.trigger()));
      Thread.sleep(1000); // whatever the wave runs meanwhile
      c.cli("stop", "dev", "tail").ok();
      c.awaitStatus("tail@1", s -> s.trigger() == null);
      c.cli("tide", "dev", "outlet", "4h").ok();
      c.awaitStatus("outlet@1", s -> s.trigger() != null);
      c.cli("trigger", "remove", "dev", "outlet").ok();
      c.awaitStatus("outlet@1", s -> s.trigger() == null);

      // A new version, a yank (the line runs the older one), a schema reset, a force.
      String v2 =
          Projects.toml("tail", "1.1.0", "flaky = \"1.0.0\"")
              + "[ripples.copy]\ncommand = [\"sh\", \"-c\", \"echo 3 > $DUCKSTRING_OUT/v.txt\"]\n";
      Projects.write(c.cd("tail"), "pond.toml", v2);
      c.cli("deploy", "dev").ok();
      c.awaitStatus("tail@1", s -> "1.1.0".equals(s.version()));
      c.cli("yank", "dev", "tail", "1.1.0", "--reason", "test").ok();
      c.awaitStatus("tail@1", s -> "1.0.0".equals(s.version()));
      c.cli("schema", "dev", "outlet", "--reset").ok();
      c.cli("force", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 2);

      // A restart: the new daemon starts from the files; then one more pulse through the chain.
      c.stop();
      c.start();
      c.cli("pulse", "dev", "tail").ok();
      c.awaitStatus(
          "tail@1",
          s ->
              !s.received().isEmpty()
                  && s.received().get(s.received().size() - 1).outcome() != null);
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 3);
    } finally {
      audit.unregister();
    }
    assertTrue(audit.batches() > 30, "batches audited: " + audit.batches());
    assertTrue(
        audit.mismatches().isEmpty(),
        audit.mismatches().size()
            + " files differed, first: "
            + audit.mismatches().subList(0, Math.min(3, audit.mismatches().size())));
  }
}
