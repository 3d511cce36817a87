package dev.duckstring.http;

import dev.duckstring.catchment.RootChanges;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * The long-poll of {@code /api/status?since=}: waits while the root's version is {@code since}, at
 * most {@link #WAIT}, with at most {@link #MAX_WAITING} requests waiting at once (more are answered
 * at once), and lets every waiter go when the view closes (decision 42).
 */
final class StatusPolls implements AutoCloseable {
  /** The longest a long-poll waits for a change. */
  static final Duration WAIT = Duration.ofSeconds(25);

  /** Long-polls that may wait at once, leaving the other connection threads to other requests. */
  static final int MAX_WAITING = 8;

  /** After a change, how long a waiter lets a burst of writes (run.json, then status.json) land. */
  static final long SETTLE_MS = 100;

  private final RootChanges changes;
  private final long waitNanos;
  private final Semaphore slots = new Semaphore(MAX_WAITING);
  private volatile boolean closed;

  StatusPolls(RootChanges changes, Duration wait) {
    this.changes = changes;
    this.waitNanos = wait.toNanos();
  }

  /** The current version. */
  String version() {
    return changes.version();
  }

  /**
   * The version to answer {@code since} with: at once when {@code since} is null or not the current
   * version, when the view is closing or {@link #MAX_WAITING} requests wait already; else once the
   * version changes or the wait ends.
   */
  String await(String since) {
    String now = changes.version();
    if (since == null || !since.equals(now) || closed || !slots.tryAcquire()) {
      return now;
    }
    try {
      String next = changes.await(since, waitNanos, () -> closed);
      if (!next.equals(since) && !closed) {
        Thread.sleep(SETTLE_MS);
        next = changes.version();
      }
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return changes.version();
    } finally {
      slots.release();
    }
  }

  /** Requests waiting now. */
  int waiting() {
    return MAX_WAITING - slots.availablePermits();
  }

  /** Lets every waiter answer now; later long-polls answer at once. */
  @Override
  public void close() {
    closed = true;
    changes.wake();
  }
}
