package dev.duckstring.daemon;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * Where {@link StatusWriter} puts statuses: the status.json files of a root (or of a test's shadow
 * root, decision 60), each written only when it differs from what the file holds; while held, the
 * writes wait to be made on the commit's thread after the commit whose files they describe
 * (decision 65).
 */
final class StatusSink {
  private final StatusStore files;
  private final BiConsumer<LineId, RuntimeException> failed;
  private final Map<LineId, LineStatus> written = new HashMap<>();

  /** The writes held for the commit being started, or null: written at once. */
  private List<Pending> held;

  /** Held writes that failed (with why) or were dropped (why is null), filled on another thread. */
  private final Queue<Pending> unwritten = new ConcurrentLinkedQueue<>();

  /** One status to write, and why it was not, if it was not. */
  private record Pending(LineId line, LineStatus status, RuntimeException error) {}

  /**
   * {@code failed} hears, on the reactor, of a file that could not be written (a full disk), or
   * with a null error of a held write dropped because its commit failed.
   */
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
    if (held != null) {
      held.add(new Pending(line, s, null));
      written.put(line, s); // taken back by reportUnwritten if it is not written after all
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

  /** From now until {@link #release}, puts are held rather than written. */
  void hold() {
    held = new ArrayList<>();
  }

  /**
   * Ends {@link #hold}: the writes held, to be made on the commit's thread once the commit they
   * describe is on disk (true), or dropped when it failed (false); either way in the order put.
   */
  BatchCommit.After release() {
    List<Pending> mine = List.copyOf(held);
    held = null;
    return committed -> {
      for (Pending p : mine) {
        if (!committed) {
          unwritten.add(p);
          continue;
        }
        try {
          files.write(p.line(), p.status());
        } catch (DuckstringException | UncheckedIOException e) {
          unwritten.add(new Pending(p.line(), p.status(), e));
        }
      }
    };
  }

  /** Tells {@code failed}, on the reactor, of the held writes that were not made. */
  void reportUnwritten() {
    for (Pending p = unwritten.poll(); p != null; p = unwritten.poll()) {
      written.remove(p.line(), p.status());
      failed.accept(p.line(), p.error());
    }
  }

  /** What the file of {@code line} holds, as written here; null when nothing was. */
  LineStatus written(LineId line) {
    return written.get(line);
  }

  private static boolean same(LineStatus a, LineStatus b) {
    return a.equals(b.withUpdatedAt(a.updatedAt()));
  }
}
