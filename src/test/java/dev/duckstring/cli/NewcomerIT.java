package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small things a newcomer tripped on (issue 10, item 8), each on the real daemon and CLI. */
class NewcomerIT {
  private static final LineId SOLO = new LineId("solo", 1);

  @TempDir Path tmp;

  @Test
  void aBadTriggerFileShowsInPlainStatusWithItsWholeErrorNamedFromTheRoot() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo(); // idle, no trigger: plain status would not show it
      write(c.layout().trigger(SOLO), "kind = \"wavy\"\n");
      c.awaitStatus("solo@1", s -> s.error() != null);
      String out = c.cli("status", "dev").ok().out();
      assertTrue(
          out.contains("solo@1  1.0.0")
              && out.contains(
                  "ponds/solo/triggers/m1.toml:1:1: error: 'kind' = \"wavy\" must be \"wave\" or \"tide\"\n"),
          "the whole error, the file named relative to the root: " + out);
      assertFalse(out.contains(c.root().toString()), out);
    }
  }

  @Test
  void aTriggerFilesErrorClearsWhenTheFileIsRemoved() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      Path trigger = c.layout().trigger(SOLO);
      write(trigger, "kind = \"wavy\"\n");
      c.awaitStatus("solo@1", s -> s.error() != null);
      Files.delete(trigger);
      c.awaitStatus("solo@1", s -> s.error() == null);
      assertEquals(
          "nothing running or demanded (use --all to see every Pond)\n",
          c.cli("status", "dev").ok().out());
    }
  }

  @Test
  void aTriggerFilesErrorClearsWhenTheFileIsFixedAndTheTriggerInEffectStaysMeanwhile()
      throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      Path trigger = c.layout().trigger(SOLO);
      c.cli("tide", "dev", "solo", "100d").ok();
      c.awaitStatus("solo@1", s -> s.trigger() != null);
      String good = Files.readString(trigger);
      write(trigger, "kind = \"tide\"\nevery = \"soon\"\n");
      c.awaitStatus("solo@1", s -> s.error() != null);
      assertEquals("tide every 100d0h", c.status("solo@1").trigger());
      write(trigger, good);
      c.awaitStatus("solo@1", s -> s.error() == null);
      assertEquals("tide every 100d0h", c.status("solo@1").trigger());
    }
  }

  @Test
  void aScheduleTheShellExpandedIntoFileNamesIsToBeQuoted() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo(); // the working directory is the project: pond.toml and src/
      // tide dev solo */5 * * * *, as sh passes it here ('*/5' matches nothing and stays)
      TestCatchment.Result r =
          c.cli(
              "tide",
              "dev",
              "solo",
              "*/5",
              "pond.toml",
              "src",
              "pond.toml",
              "src",
              "pond.toml",
              "src",
              "pond.toml",
              "src");
      refused(
          r,
          "the shell expanded a '*' of the schedule into the file names here (pond.toml, src); quote the schedule");
      // tide dev solo 15 2 * * * in a directory holding one file: five words, no valid schedule
      c.cd("one");
      Files.writeString(c.cwd().resolve("notes.txt"), "");
      r = c.cli("tide", "dev", "solo", "15", "2", "notes.txt", "notes.txt", "notes.txt");
      refused(
          r,
          "the shell expanded a '*' of the schedule into the file names here (notes.txt); quote the schedule");
      assertFalse(Files.exists(c.layout().trigger(SOLO)), "nothing written");
    }
  }

  @Test
  void aNegativeTideBoundIsToBePositive() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      refused(c.cli("tide", "dev", "solo", "-1h"), "the tide bound must be positive, not '-1h'");
      refused(
          c.cli("tide", "dev", "solo", "--", "-30m"),
          "the tide bound must be positive, not '-30m'");
      assertFalse(Files.exists(c.layout().trigger(SOLO)), "nothing written");
      assertNull(c.status("solo@1").trigger());
    }
  }

  @Test
  void didYouMeanNeverSuggestsTheNameThatWasTyped() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      // A Pond folder with nothing deployed in it, as an old 'mkdir -p .../signals' left it.
      Files.createDirectories(c.layout().signals("ghost"));
      TestCatchment.Result r = c.cli("pulse", "dev", "ghost");
      refused(r, "unknown pond 'ghost': nothing deployed under that name");
      r = c.cli("pulse", "dev", "ghots");
      refused(r, "unknown pond 'ghots' (did you mean 'ghost'?)");
    }
  }

  @Test
  void queryNamesTheFilesOfARippleWithNoTableAndSuggestsOnlyThePondsTables() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("docs"),
          "pond.toml",
          Projects.toml("docs", "1.0.0")
              + "[ripples.notes]\ncommand = [\"sh\", \"-c\", \"echo hi > $DUCKSTRING_OUT/notes.md\"]\n",
          "src/daily.sql",
          "SELECT 1 AS n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "docs").ok();
      c.awaitRuns("docs@1", 1);
      refused(
          c.cli("query", "dev", "docs", "notes"),
          "ripple 'notes' of docs publishes files, not a table: notes.md; copy them with 'duckstring get dev docs notes'");
      refused(
          c.cli("query", "dev", "docs", "--sql", "SELECT * FROM notes"),
          "Catalog Error: Table with name notes does not exist! Ripple 'notes' publishes files, not a table: notes.md.");
      TestCatchment.Result r = c.cli("query", "dev", "docs", "--sql", "SELECT * FROM pg_prepared");
      refused(
          r, "Catalog Error: Table with name pg_prepared does not exist! Tables of docs: daily.");
      assertFalse(r.err().contains("pg_prepared_statements"), r.err());
      refused(
          c.cli("query", "dev", "docs", "--sql", "SELECT * FROM dialy"),
          "Catalog Error: Table with name dialy does not exist! Did you mean \"daily\"? Tables of docs: daily.");
      assertTrue(c.cli("query", "dev", "docs", "daily").ok().out().contains("1"));
    }
  }

  /** Writes as the protocol asks: a dot-name in the same directory, then a rename. */
  private static void write(Path file, String text) throws Exception {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void refused(TestCatchment.Result r, String message) {
    assertEquals(1, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(message), message + " in " + r.err());
    assertEquals("", r.out());
  }
}
