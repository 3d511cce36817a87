package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad previous output does not wedge a line (issue 8 item 6): a SQL Ripple that reads its own
 * table fails with one line naming itself and the file, and a new version recovers the line from
 * the newest earlier output that is still readable.
 */
class SelfReadIT {
  private static final LineId LINE = new LineId("acc", 1);

  @TempDir Path tmp;

  @Test
  void aCorruptPreviousOutputFailsOneRunAndANewVersionRecovers() throws Exception {
    try (TestCatchment c = accumulating(tmp)) {
      Path file = c.layout().generation(LINE, published(c)).resolve("total/total.parquet");
      file.toFile().setWritable(true);
      Files.writeString(
          file, "not parquet", StandardOpenOption.TRUNCATE_EXISTING); // in place: every link

      RunRecord failed = pulseAndAwait(c, 3);
      assertEquals(RunOutcome.FAILED, failed.state());
      String error = c.awaitStatus("acc@1", st -> st.error() != null).error();
      assertEquals(error, failed.error());
      assertTrue(error.startsWith("ripple 'total' cannot read its previous output "), error);
      assertTrue(error.contains("total.parquet"), error);
      assertFalse(error.contains("\n"), error);

      deploy(c, "1.2.0", "SELECT n + 1 AS n FROM total");
      RunRecord ok = pulseAndAwait(c, 4);
      assertEquals(RunOutcome.SUCCESS, ok.state(), () -> String.valueOf(ok));
      assertEquals(2, value(c), "recomputed from the newest readable earlier output (n = 1)");
      assertEquals(3, value(c, pulseAndAwait(c, 5)), "and the line carries on from there");
    }
  }

  @Test
  void aMissingPreviousOutputFailsOneRunAndANewVersionRecovers() throws Exception {
    try (TestCatchment c = accumulating(tmp)) {
      Path work = c.layout().work(LINE);
      try (var s = Files.list(work)) {
        for (Path run : s.toList()) {
          Trees.delete(run);
        }
      }
      RunRecord failed = pulseAndAwait(c, 3);
      assertEquals(RunOutcome.FAILED, failed.state());
      String error = c.awaitStatus("acc@1", st -> st.error() != null).error();
      assertEquals(error, failed.error());
      assertTrue(error.startsWith("ripple 'total' cannot read its previous output "), error);
      assertTrue(error.endsWith("it is missing"), error);

      deploy(c, "1.2.0", "SELECT n + 1 AS n FROM total");
      RunRecord ok = pulseAndAwait(c, 4);
      assertEquals(RunOutcome.SUCCESS, ok.state(), () -> String.valueOf(ok));
      assertEquals(3, value(c), "the published copy of the previous output (n = 2) was read");
    }
  }

  /** Line acc@1 with Ripple total: 1.0.0 starts it at n = 1, 1.1.0 adds one to its previous n. */
  private static TestCatchment accumulating(Path tmp) throws Exception {
    TestCatchment c = new TestCatchment(tmp);
    c.start();
    deploy(c, "1.0.0", "SELECT 1 AS n");
    assertEquals(RunOutcome.SUCCESS, pulseAndAwait(c, 1).state());
    deploy(c, "1.1.0", "SELECT n + 1 AS n FROM total");
    assertEquals(RunOutcome.SUCCESS, pulseAndAwait(c, 2).state());
    assertEquals(2, value(c));
    return c;
  }

  private static void deploy(TestCatchment c, String version, String sql) throws Exception {
    Path dir = c.cd("acc-" + version);
    Projects.write(dir, "pond.toml", Projects.toml("acc", version), "src/total.sql", sql);
    c.cli("deploy", "dev").ok();
    c.cd("work");
    c.awaitStatus("acc@1", s -> version.equals(s.version()));
  }

  /** Pulses acc and waits for its {@code n}-th run record to end. */
  private static RunRecord pulseAndAwait(TestCatchment c, int n) {
    c.cli("pulse", "dev", "acc").ok();
    RunRecords store = new RunRecords(c.layout());
    c.await(
        "run " + n + " of acc@1",
        () -> {
          var runs = store.recent(LINE, 100);
          return runs.size() >= n && runs.get(0).state() != RunOutcome.RUNNING;
        },
        c::eventsTail);
    return store.recent(LINE, 1).get(0);
  }

  private static String published(TestCatchment c) throws Exception {
    return Files.readString(c.layout().current(LINE)).strip();
  }

  private static long value(TestCatchment c) throws Exception {
    String name = "out-" + System.nanoTime() + ".json";
    c.cli("query", "dev", "acc", "--sql", "SELECT n FROM total", "--json", name, "--path", ".")
        .ok();
    String json = Files.readString(c.cwd().resolve(name));
    return Long.parseLong(json.replaceAll("[^0-9]", ""));
  }

  private static long value(TestCatchment c, RunRecord run) throws Exception {
    assertEquals(RunOutcome.SUCCESS, run.state(), () -> String.valueOf(run));
    return value(c);
  }
}
