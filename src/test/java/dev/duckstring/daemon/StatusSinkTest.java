package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status files written off the reactor (decision 67): in order, drained, failures reported. */
class StatusSinkTest {
  @TempDir Path root;

  private static LineStatus status(LineId line, LineState state, int runs) {
    return LineStatus.of(line, "1.0.0", List.of("1.0.0"), List.of())
        .withState(state)
        .withRuns(0, runs, null)
        .withUpdatedAt(Instant.parse("2026-11-30T00:00:00Z"));
  }

  @Test
  void eachLineHoldsWhatWasPutLastOnceDrainedAndUnchangedStatusesAreNotWrittenAgain() {
    CatchmentLayout layout = new CatchmentLayout(root);
    StatusStore store = new StatusStore(layout);
    List<LineId> failed = new ArrayList<>();
    try (StatusSink sink = new StatusSink(store, (line, e) -> failed.add(line), true)) {
      LineId a = new LineId("a", 1);
      LineId b = new LineId("b", 1);
      for (int i = 1; i <= 200; i++) {
        sink.put(a, status(a, LineState.RUNNING, i));
        sink.put(b, status(b, LineState.IDLE, i / 2));
      }
      sink.drain();
      assertEquals(200, store.read(a).runsCompleted());
      assertEquals(100, store.read(b).runsCompleted());
      assertEquals(LineState.RUNNING, store.read(a).state());

      // the same status again, its time of update aside: no write (the file keeps its bytes)
      Path file = layout.status(a);
      String before = read(file);
      sink.put(a, status(a, LineState.RUNNING, 200).withUpdatedAt(Instant.now()));
      sink.drain();
      assertEquals(before, read(file));
    }
    assertTrue(failed.isEmpty(), "no write failed: " + failed);
  }

  @Test
  void aWriteThatFailedIsReportedAtTheNextCallAndTheSameStatusIsThenWrittenAgain()
      throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    StatusStore store = new StatusStore(layout);
    LineId a = new LineId("a", 1);
    Path dir = layout.status(a).getParent();
    Files.createDirectories(dir.getParent());
    Files.writeString(dir, "a file where the line's directory belongs");
    List<LineId> failed = new ArrayList<>();
    try (StatusSink sink = new StatusSink(store, (line, e) -> failed.add(line), true)) {
      LineStatus s = status(a, LineState.IDLE, 1);
      sink.put(a, s);
      sink.drain();
      assertTrue(failed.isEmpty(), "reported only when the reactor asks");
      sink.reportFailures();
      assertEquals(List.of(a), failed);
      assertNull(sink.written(a), "forgotten, so that it is written again");

      Files.delete(dir);
      sink.put(a, s);
      sink.drain();
      sink.reportFailures();
      assertEquals(List.of(a), failed);
      assertEquals(1, store.read(a).runsCompleted());
    }
  }

  @Test
  void closeWritesWhatWasPutBeforeTheThreadStopsAndAPutAfterItWritesNothing() {
    StatusStore store = new StatusStore(new CatchmentLayout(root));
    LineId a = new LineId("a", 1);
    StatusSink sink = new StatusSink(store, (line, e) -> {}, true);
    for (int i = 1; i <= 50; i++) {
      sink.put(a, status(a, LineState.IDLE, i));
    }
    sink.close();
    assertEquals(50, store.read(a).runsCompleted());
    sink.put(a, status(a, LineState.IDLE, 51)); // after a stop: nothing is written, nothing throws
    assertNull(sink.written(a));
    assertEquals(50, store.read(a).runsCompleted());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
