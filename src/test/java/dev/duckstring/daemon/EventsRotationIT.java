package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.EventFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * events.log rotates under a burst of events on the real daemon (issue 11 item 5): every line is
 * whole and every event is in exactly one of events.log.N ... events.log.1, events.log, also across
 * a restart; beyond events_keep the oldest files are dropped; a bad setting is refused at start.
 */
class EventsRotationIT {
  @TempDir Path tmp;

  /** Adds {@code keys} to catchment.toml (the daemon reads it at start). */
  private static void configure(TestCatchment c, String keys) throws IOException {
    Path config = c.layout().config();
    Files.writeString(config, Files.readString(config) + keys);
  }

  /**
   * Drops {@code n} good pulses {@code pulse.<tag><i>} and {@code n} garbled ones {@code
   * pulse.<tag>x<i>} into solo's inbox at once: each is journaled as one {@code signal} or {@code
   * signal_rejected} line.
   */
  private static void burst(TestCatchment c, String tag, int n) throws IOException {
    Path inbox = c.layout().signals("solo");
    Path stage = Files.createDirectories(inbox.resolve(".stage-" + tag));
    for (int i = 0; i < n; i++) {
      Files.writeString(stage.resolve("pulse." + tag + i), "");
      Files.writeString(stage.resolve("pulse." + tag + "x" + i), "garbage ]] " + "z".repeat(100));
    }
    try (var names = Files.list(stage)) {
      for (Path p : names.toList()) {
        Files.move(p, inbox.resolve(p.getFileName()));
      }
    }
    Files.delete(stage);
  }

  /** How often each signal file name was journaled, as "signal name" or "signal_rejected name". */
  private static Map<String, Integer> journaled(List<String> lines) {
    Map<String, Integer> seen = new TreeMap<>();
    for (String line : lines) {
      Map<?, ?> e = Json.read(line, Map.class, "events.log"); // every line is whole JSON
      Object event = e.get("event");
      boolean ours = String.valueOf(e.get("file")).matches("pulse\\.[ab]x?\\d+");
      if (ours && (event.equals("signal") || event.equals("signal_rejected"))) {
        seen.merge(event + " " + e.get("file"), 1, Integer::sum);
      }
    }
    return seen;
  }

  private static Map<String, Integer> expected(Map<String, Integer> into, String tag, int n) {
    for (int i = 0; i < n; i++) {
      into.put("signal pulse." + tag + i, 1);
      into.put("signal_rejected pulse." + tag + "x" + i, 1);
    }
    return into;
  }

  @Test
  void aBurstOfEventsRotatesAndEveryLineIsInExactlyOneFileAcrossARestart() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      c.stop();
      configure(c, "events_max_size = \"4KB\"\nevents_keep = 1000\n");
      c.start();
      burst(c, "a", 120);
      c.await("every signal taken", () -> taken(c), c::eventsTail);
      c.stop();
      c.start(); // a new daemon appends to events.log and rotates on from the numbers it finds
      burst(c, "b", 60);
      c.await("every signal taken", () -> taken(c), c::eventsTail);
      c.stop();

      EventFiles files = new EventFiles(c.layout());
      List<Integer> numbers = files.rotated();
      assertTrue(numbers.size() >= 10, "rotated files: " + numbers);
      assertEquals(numbers.size(), numbers.get(numbers.size() - 1), "numbered 1..n, no gap");
      for (Path f : files.inOrder()) {
        String text = Files.readString(f);
        assertTrue(text.endsWith("\n"), f + " ends inside a line");
        assertTrue(Files.size(f) <= 4096, f + " is " + Files.size(f) + " bytes");
      }
      List<String> lines = files.lines();
      assertEquals(
          expected(expected(new TreeMap<>(), "a", 120), "b", 60),
          journaled(lines),
          "every signal journaled exactly once across the files");
      assertEquals(
          3, lines.stream().filter(l -> l.contains("\"daemon_started\"")).count(), "3 starts");
      assertTrue(lines.get(0).contains("\"lease_taken\""), "the oldest file starts the journal");

      // The command docs/protocol.md gives to read everything in order reads the same lines.
      Process sh =
          new ProcessBuilder(
                  "sh",
                  "-c",
                  "for f in $(ls events.log.[0-9]* 2>/dev/null | sort -t. -k3,3rn) events.log;"
                      + " do cat \"$f\"; done")
              .directory(c.root().toFile())
              .redirectErrorStream(true)
              .start();
      String all = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, sh.waitFor());
      assertEquals(String.join("\n", lines) + "\n", all);
    }
  }

  /** Nothing is left in solo's inbox or in claimed/. */
  private static boolean taken(TestCatchment c) {
    try (var inbox = Files.list(c.layout().signals("solo"));
        var claimed = Files.list(c.layout().claimedSignals("solo"))) {
      return inbox.allMatch(Files::isDirectory) && claimed.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void beyondEventsKeepTheOldestFilesAreDropped() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      c.stop();
      configure(c, "events_max_size = \"4KB\"\nevents_keep = 3\n");
      c.start();
      burst(c, "a", 120);
      c.await("every signal taken", () -> taken(c), c::eventsTail);
      c.stop(); // a signal leaves claimed/ only once it was journaled
      EventFiles files = new EventFiles(c.layout());
      assertEquals(List.of(1, 2, 3), files.rotated());
      assertFalse(Files.exists(c.root().resolve("events.log.4")));
      Map<String, Integer> seen = journaled(files.lines());
      assertTrue(seen.size() > 20 && seen.size() < 240, seen.size() + " of 240 kept");
      assertTrue(seen.values().stream().allMatch(n -> n == 1), "no line twice: " + seen);
      assertFalse(files.lines().get(0).contains("\"lease_taken\""), "the oldest were dropped");
      for (Path f : files.inOrder()) {
        assertTrue(Files.size(f) <= 4096, f + " is " + Files.size(f) + " bytes");
      }
    }
  }

  @Test
  void aBadRotationSettingIsRefusedAtStartNamingItsLineAndColumn() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      c.stop();
      for (String[] bad :
          new String[][] {
            {"events_max_size = \"64 MB\"", "'events_max_size' = \"64 MB\" is not a size"},
            {"events_keep = -1", "'events_keep' = -1 must be 0 to 1000"}
          }) {
        Path config = c.layout().config();
        byte[] before = Files.readAllBytes(config);
        Files.writeString(config, Files.readString(config) + bad[0] + "\n");
        String tree = Projects.tree(c.root());
        byte[] toml = Files.readAllBytes(config);
        TestCatchment.Result r =
            c.cli("catchment", "start", "--name", "dev", "--root", c.root().toString());
        assertNotEquals(0, r.code());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), line);
        int at = Files.readAllLines(config).size();
        assertTrue(line.contains(config + ":" + at + ":1: error: " + bad[1]), line);
        assertEquals(tree, Projects.tree(c.root()));
        assertArrayEquals(toml, Files.readAllBytes(config));
        Files.write(config, before);
      }
    }
  }
}
