package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Json;
import dev.duckstring.manifest.EventsRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** events.log rotates by size between whole lines: numbering, keep, the oldest dropped, healing. */
class EventLogRotationTest {
  private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");
  private static final String PAD = "x".repeat(60);

  @TempDir Path root;

  private CatchmentLayout layout() {
    return new CatchmentLayout(root);
  }

  /** Appends ticks {@code from} to {@code to - 1}, about 110 bytes each. */
  private static void ticks(EventLog log, int from, int to) {
    for (int i = from; i < to; i++) {
      log.append(T0.plusMillis(i), "tick", Map.of("n", i, "pad", PAD));
    }
  }

  /** The {@code n} of every tick line across the files, oldest first; every line is whole JSON. */
  private List<Integer> ticksRead() {
    List<Integer> seen = new ArrayList<>();
    for (String line : new EventFiles(layout()).lines()) {
      Map<?, ?> e = Json.read(line, Map.class, "events.log");
      if (e.get("event").equals("tick")) {
        seen.add(((Number) e.get("n")).intValue());
      }
    }
    return seen;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> r = new ArrayList<>();
    for (int i = from; i < to; i++) {
      r.add(i);
    }
    return r;
  }

  /** Every file ends with a newline (no line split) and is at most {@code max} bytes. */
  private void assertWholeFiles(long max) throws IOException {
    for (Path f : new EventFiles(layout()).inOrder()) {
      String text = Files.readString(f);
      assertTrue(text.isEmpty() || text.endsWith("\n"), f + " ends inside a line");
      assertTrue(Files.size(f) <= max, f + " is " + Files.size(f) + " bytes");
    }
  }

  @Test
  void rotatesBeforeALineThatWouldPassTheSizeAndKeepsEveryLineOnceInOrder() throws Exception {
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 100))) {
      ticks(log, 0, 200);
    }
    List<Integer> numbers = new EventFiles(layout()).rotated();
    assertTrue(numbers.size() > 10, "rotated " + numbers);
    assertEquals(range(1, numbers.size() + 1), numbers, "numbered 1..n without a gap");
    assertWholeFiles(1024);
    assertEquals(range(0, 200), ticksRead());
    // events.log.1 is the newest rotated file: its last tick comes just before events.log's first.
    String newest = Files.readAllLines(layout().rotatedEventsLog(1)).get(0);
    String oldest = Files.readAllLines(layout().rotatedEventsLog(numbers.size())).get(0);
    assertTrue(oldest.contains("\"n\":0,") || oldest.contains("\"n\":0}"), oldest);
    assertFalse(newest.equals(oldest));
  }

  @Test
  void keepsAtMostKeepRotatedFilesAndDropsTheOldest() throws Exception {
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 3))) {
      ticks(log, 0, 200);
    }
    assertEquals(List.of(1, 2, 3), new EventFiles(layout()).rotated());
    assertFalse(Files.exists(root.resolve("events.log.4")));
    List<Integer> seen = ticksRead();
    assertEquals(199, seen.get(seen.size() - 1));
    assertEquals(range(seen.get(0), 200), seen, "the newest lines, each once, in order");
    assertTrue(seen.size() > 3 * 5 && seen.size() < 4 * 10, seen.size() + " kept");
  }

  @Test
  void keepZeroStartsEventsLogAfreshWithNoRotatedFile() throws Exception {
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 0))) {
      ticks(log, 0, 200);
    }
    assertEquals(List.of(), new EventFiles(layout()).rotated());
    assertWholeFiles(1024);
    List<Integer> seen = ticksRead();
    assertEquals(range(seen.get(0), 200), seen);
  }

  @Test
  void aLoweredKeepDropsTheSurplusAtTheNextRotation() throws Exception {
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 10))) {
      ticks(log, 0, 100);
    }
    assertTrue(new EventFiles(layout()).rotated().size() > 5);
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 2))) {
      ticks(log, 100, 110);
    }
    assertEquals(List.of(1, 2), new EventFiles(layout()).rotated());
    List<Integer> seen = ticksRead();
    assertEquals(range(seen.get(0), 110), seen);
  }

  @Test
  void aLineLongerThanTheSizeGoesWholeIntoAFileOfItsOwn() throws Exception {
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 5))) {
      ticks(log, 0, 3);
      log.append(T0, "big", Map.of("pad", "y".repeat(3000)));
      ticks(log, 3, 5);
    }
    List<String> one = Files.readAllLines(layout().rotatedEventsLog(1));
    assertEquals(1, one.size());
    assertTrue(one.get(0).contains("\"big\""));
    assertEquals(range(0, 5), ticksRead());
  }

  @Test
  void aGapLeftByACrashInTheRenameChainIsClosedAtStartInOrder() throws Exception {
    // Rotation of 1,2,3,4 (keep 5) renamed 4->5 and 3->4, then the daemon died: 1,2,_,4,5.
    Files.writeString(root.resolve("events.log.5"), "{\"n\":1}\n");
    Files.writeString(root.resolve("events.log.4"), "{\"n\":2}\n");
    Files.writeString(root.resolve("events.log.2"), "{\"n\":3}\n");
    Files.writeString(root.resolve("events.log.1"), "{\"n\":4}\n");
    Files.writeString(root.resolve("events.log"), "{\"n\":5}\n");
    new EventLog(layout(), new EventsRotation(1024, 5)).close();
    assertEquals(List.of(1, 2, 3, 4), new EventFiles(layout()).rotated());
    assertEquals(
        List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}"),
        new EventFiles(layout()).lines());
  }

  @Test
  void eventsLogDeletedByHandIsStartedAgainAtTheNextRotation() throws Exception {
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 5))) {
      ticks(log, 0, 5);
      Files.delete(layout().eventsLog());
      ticks(log, 5, 20);
    }
    List<Integer> seen = ticksRead();
    assertEquals(19, seen.get(seen.size() - 1));
    assertTrue(Files.exists(layout().eventsLog()));
  }

  @Test
  void aRotationThatFailsIsJournaledAndTriedAgainAMinuteLater() throws Exception {
    Path blocker = Files.createDirectories(root.resolve("events.log.1"));
    Files.writeString(blocker.resolve("inside"), "a directory cannot be dropped");
    try (EventLog log = new EventLog(layout(), new EventsRotation(1024, 1))) {
      ticks(log, 0, 20);
      String text = Files.readString(layout().eventsLog());
      assertEquals(1, text.split("events_rotation_failed", -1).length - 1, text);
      assertTrue(Files.size(layout().eventsLog()) > 1024, "the line went to the current file");
      Files.delete(blocker.resolve("inside"));
      Files.delete(blocker);
      log.append(
          T0.plus(EventLog.ROTATION_RETRY).plusSeconds(1), "tick", Map.of("n", 20, "pad", PAD));
    }
    assertEquals(List.of(1), new EventFiles(layout()).rotated());
    assertEquals(range(0, 21), ticksRead());
    assertEquals(1, Files.readAllLines(layout().eventsLog()).size());
  }
}
