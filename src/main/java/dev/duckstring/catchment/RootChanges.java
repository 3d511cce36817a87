package dev.duckstring.catchment;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * In-process notice that a root's status.json or run.json files changed: {@link StatusStore} and
 * {@link RunRecords} count each write, and the HTTP view, which runs in the daemon's process, waits
 * on the count to answer a long-poll (decision 42). The version is opaque: a random epoch per
 * process (so a restarted daemon never repeats one) and the count of writes.
 */
public final class RootChanges {
  private static final Map<Path, RootChanges> ROOTS = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String epoch;
  private long count;

  /** A counter of its own (tests), not shared with the root's writers. */
  public RootChanges(String epoch) {
    this.epoch = epoch;
  }

  /** The one counter of {@code layout}'s root in this process. */
  public static RootChanges of(CatchmentLayout layout) {
    return ROOTS.computeIfAbsent(
        layout.root().toAbsolutePath().normalize(),
        r -> new RootChanges(Long.toString(RANDOM.nextLong() >>> 1, 36)));
  }

  /** Counts one write of a status or run record. */
  public synchronized void changed() {
    count++;
    notifyAll();
  }

  /** The current version, e.g. {@code 3k9x0q1f2a-17}. */
  public synchronized String version() {
    return epoch + "-" + count;
  }

  /**
   * Waits while the version is {@code seen}, at most {@code timeoutNanos}, or until {@code stop}
   * says so after a {@link #wake}; returns the version then. An interrupt ends the wait early.
   */
  public synchronized String await(String seen, long timeoutNanos, BooleanSupplier stop) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      while (version().equals(seen) && !stop.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return version();
  }

  /** Wakes every waiter, so each checks its {@code stop} again. */
  public synchronized void wake() {
    notifyAll();
  }
}
