package dev.duckstring.daemon;

import dev.duckstring.engine.PondView;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Lines whose run failed for lack of disk space, and when to retry each: after 1 s, 2 s, 4 s ... at
 * most 60 s apart, and at once when the root's file system has gained space since the failure. The
 * engine stays pure: this class only decides when the reactor sends {@code Event.Retry}.
 */
final class FullDiskRetry {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(60);

  /** Usable space this much above what was left at the failure means space came back. */
  static final long FREED = 1 << 20;

  private final LongSupplier usable;
  private final Map<LineId, Pending> pending = new HashMap<>();

  private record Pending(int attempts, Instant next, long usableAtFailure) {}

  FullDiskRetry(Path root) {
    this(() -> usable(root));
  }

  /** With {@code usable} measuring the usable bytes of the root's file system. */
  FullDiskRetry(LongSupplier usable) {
    this.usable = usable;
  }

  /**
   * True when {@code error} says the disk (or a quota) is full: ENOSPC as the JDK, DuckDB ("IO
   * Error: ... No space left on device") and shells print it, or EDQUOT.
   */
  static boolean isFullDisk(String error) {
    if (error == null) {
      return false;
    }
    String e = error.toLowerCase(Locale.ROOT);
    return e.contains("no space left on device")
        || e.contains("disk quota exceeded")
        || e.contains("enospc");
  }

  /** True when {@code t} or one of its causes is a full-disk failure. */
  static boolean isFullDisk(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (isFullDisk(c.getMessage())
          || (c instanceof FileSystemException f && isFullDisk(f.getReason()))) {
        return true;
      }
    }
    return false;
  }

  /** A run of {@code line} failed with {@code error}: schedules a retry if the disk was full. */
  void failed(LineId line, String error, Instant now) {
    if (!isFullDisk(error)) {
      pending.remove(line);
      return;
    }
    Pending p = pending.get(line);
    int attempts = p == null ? 0 : p.attempts();
    pending.put(line, new Pending(attempts, now.plus(backoff(attempts)), usable()));
  }

  /** {@code line} published or passed: nothing to retry. */
  void succeeded(LineId line) {
    pending.remove(line);
  }

  /** True when some line waits for a retry. */
  boolean any() {
    return !pending.isEmpty();
  }

  /**
   * The lines to retry now (their next retry is scheduled as if this one fails too); lines that are
   * no longer {@code failed} (cleared, redeployed) are forgotten.
   */
  List<LineId> due(Instant now, Predicate<LineId> failed) {
    if (pending.isEmpty()) {
      return List.of();
    }
    long free = usable();
    List<LineId> out = new ArrayList<>();
    for (LineId line : List.copyOf(pending.keySet())) {
      Pending p = pending.get(line);
      if (!failed.test(line)) {
        pending.remove(line);
      } else if (!now.isBefore(p.next()) || free - p.usableAtFailure() >= FREED) {
        int attempts = p.attempts() + 1;
        pending.put(line, new Pending(attempts, now.plus(backoff(attempts)), free));
        out.add(line);
      }
    }
    return out;
  }

  /** 1 s, 2 s, 4 s ... capped at {@link #MAX}. */
  static Duration backoff(int attempts) {
    Duration d = FIRST.multipliedBy(1L << Math.min(attempts, 6));
    return d.compareTo(MAX) > 0 ? MAX : d;
  }

  private long usable() {
    return usable.getAsLong();
  }

  private static long usable(Path root) {
    try {
      return Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  /** After a restart: each line that failed for lack of space is retried like one failing now. */
  void restored(Map<LineId, PondView> views, Instant now) {
    views.forEach(
        (line, v) -> {
          if (v.state() == LineState.FAILED) {
            failed(line, v.error(), now);
          }
        });
  }
}
