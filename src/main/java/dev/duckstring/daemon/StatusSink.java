package dev.duckstring.daemon;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Where {@link StatusWriter} puts statuses: the status.json files of a root (or of a test's shadow
 * root, decision 60), each written only when it differs from what the file holds.
 */
final class StatusSink {
  private final StatusStore files;
  private final BiConsumer<LineId, RuntimeException> failed;
  private final Map<LineId, LineStatus> written = new HashMap<>();

  /** {@code failed} hears of a file that could not be written (a full disk). */
  StatusSink(StatusStore files, BiConsumer<LineId, RuntimeException> failed) {
    this.files = files;
    this.failed = failed;
  }

  /** Writes {@code s} for {@code line} unless its file holds it, its time of update aside. */
  void put(LineId line, LineStatus s) {
    LineStatus before = written.get(line);
    if (before != null && same(before, s)) {
      return;
    }
    try {
      files.write(line, s);
    } catch (DuckstringException | UncheckedIOException e) {
      failed.accept(line, e);
      return;
    }
    written.put(line, s);
  }

  /** What the file of {@code line} holds, as written here; null when nothing was. */
  LineStatus written(LineId line) {
    return written.get(line);
  }

  private static boolean same(LineStatus a, LineStatus b) {
    return a.equals(b.withUpdatedAt(a.updatedAt()));
  }
}
