package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.LineId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Held statuses (decision 65) reach their files only when the commit they describe is on disk, and
 * a write that is dropped or fails is told to the reactor, so the line is built again.
 */
class StatusSinkTest {
  @TempDir Path root;

  private static final LineId LINE = new LineId("p", 1);

  private final List<String> failures = new ArrayList<>();

  private StatusSink sink(CatchmentLayout layout) {
    return new StatusSink(
        new StatusStore(layout),
        (line, e) -> failures.add(line + ": " + (e == null ? "dropped" : "failed")));
  }

  /**
   * Holds one status of LINE in {@code sink} and releases it: the writes to make after a commit.
   */
  private static BatchCommit.After heldOne(StatusSink sink) {
    sink.hold();
    sink.put(LINE, status("1.0.0"));
    return sink.release();
  }

  private static LineStatus status(String version) {
    return LineStatus.of(LINE, version, List.of(version), List.of());
  }

  @Test
  void aHeldStatusIsWrittenOnlyOnceItsCommitIsOnDisk() {
    CatchmentLayout layout = new CatchmentLayout(root);
    StatusSink sink = sink(layout);
    BatchCommit.After after = heldOne(sink);
    assertFalse(Files.exists(layout.status(LINE)), "nothing written before the commit");
    sink.put(LINE, status("1.0.0")); // the same status again: the held write stands for it
    assertFalse(Files.exists(layout.status(LINE)));
    after.run(true);
    assertEquals("1.0.0", new StatusStore(layout).read(LINE).version());
    sink.reportUnwritten();
    assertEquals(List.of(), failures);
  }

  @Test
  void aStatusHeldForACommitThatFailedIsDroppedAndBuiltAgain() {
    CatchmentLayout layout = new CatchmentLayout(root);
    StatusSink sink = sink(layout);
    heldOne(sink).run(false);
    assertFalse(Files.exists(layout.status(LINE)));
    assertNotNull(sink.written(LINE)); // until the reactor hears of it
    sink.reportUnwritten();
    assertEquals(List.of("p@1: dropped"), failures);
    assertNull(sink.written(LINE));
    sink.put(LINE, status("1.0.0")); // built again, and written at once when not held
    assertTrue(Files.exists(layout.status(LINE)));
  }

  @Test
  void aHeldWriteThatFailsIsToldToTheReactor() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    StatusSink sink = sink(layout);
    BatchCommit.After after = heldOne(sink);
    Files.createDirectories(layout.status(LINE)); // a directory where the file goes: cannot write
    after.run(true);
    sink.reportUnwritten();
    assertEquals(List.of("p@1: failed"), failures);
    assertNull(sink.written(LINE));
  }
}
