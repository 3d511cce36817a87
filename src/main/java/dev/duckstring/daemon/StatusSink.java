package dev.duckstring.daemon;

import dev.duckstring.catchment.Lease;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Where {@link StatusWriter} puts statuses: the status.json files of a root (or of a test's shadow
 * root, decision 60), each written only when it differs from what was last put. The primary root's
 * files are written in order on a thread of their own, off the reactor (decision 67); a write that
 * failed is reported at the next {@link #reportFailures}.
 */
final class StatusSink implements AutoCloseable {
  private final StatusStore files;
  private final BiConsumer<LineId, RuntimeException> failed;

  /** What was put for each line (and handed to the writer); read and changed by one thread. */
  private final Map<LineId, LineStatus> written = new HashMap<>();

  /** The writer thread, or null when each put writes its file at once. */
  private final ExecutorService writer;

  private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

  private record Failure(LineId line, LineStatus status, RuntimeException error) {}

  /**
   * {@code failed} hears of a file that could not be written (a full disk); {@code async} writes
   * the files on a thread of the sink's own.
   */
  StatusSink(StatusStore files, BiConsumer<LineId, RuntimeException> failed, boolean async) {
    this.files = files;
    this.failed = failed;
    this.writer =
        async
            ? Executors.newSingleThreadExecutor(DaemonThreads.named("duckstring-view-writer"))
            : null;
  }

  /** Writes {@code s} for {@code line} unless it was put last, its time of update aside. */
  void put(LineId line, LineStatus s) {
    LineStatus before = written.get(line);
    if (before != null && same(before, s)) {
      return;
    }
    written.put(line, s);
    if (writer == null) {
      write(line, s);
      reportFailures();
    } else {
      try {
        writer.execute(() -> write(line, s));
      } catch (RejectedExecutionException e) {
        written.remove(line, s); // the daemon is stopping: the next one writes it
      }
    }
  }

  private void write(LineId line, LineStatus s) {
    try {
      files.write(line, s);
    } catch (DuckstringException | UncheckedIOException | Lease.Lost e) {
      failures.add(new Failure(line, s, e)); // a lost lease: the reactor stops on its own check
    }
  }

  /**
   * Hands each write that failed since the last call to {@code failed}, and forgets what it put, so
   * that the line is written again.
   */
  void reportFailures() {
    Failure f;
    while ((f = failures.poll()) != null) {
      written.remove(f.line(), f.status());
      failed.accept(f.line(), f.error());
    }
  }

  /** Waits until every status put so far is in its file (or failed). */
  void drain() {
    if (writer == null) {
      return;
    }
    try {
      writer.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RejectedExecutionException e) {
      // shut down already: nothing more is written
    }
  }

  /** What was last put for {@code line}; null when nothing was. */
  LineStatus written(LineId line) {
    return written.get(line);
  }

  /** Writes what was put, then stops the writer thread. */
  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    writer.shutdown();
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean same(LineStatus a, LineStatus b) {
    return a.equals(b.withUpdatedAt(a.updatedAt()));
  }
}
