package dev.duckstring.daemon;

import dev.duckstring.catchment.EventLog;
import java.time.Clock;
import java.util.Map;

/**
 * Failed writes of the daemon's own files (state, status, run records, events.log), reported once
 * per spell: a {@code write_failed} event when the first one fails, {@code write_recovered} when a
 * whole batch writes again. What failed stays pending and is written again after the next batch.
 */
final class WriteTrouble {
  private final EventLog log;
  private final Clock clock;

  /** The first failure of the current spell, null while writes work. */
  private volatile String problem;

  private boolean failedThisBatch;

  WriteTrouble(EventLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** A write failed; {@code error} is its one-line message. Safe from any thread. */
  synchronized void failed(String error) {
    failedThisBatch = true;
    if (problem == null) {
      problem = error;
      log.append(
          clock.instant(),
          "write_failed",
          Map.of("error", String.valueOf(error), "retry", "after each batch until it works"));
    }
  }

  /**
   * Ends a batch of writes: if none failed, the spell is over once {@code write_recovered} is
   * appended to events.log (while that append fails too, the spell goes on).
   */
  synchronized void settle() {
    boolean failed = failedThisBatch;
    failedThisBatch = false;
    if (failed || problem == null) {
      return;
    }
    log.append(clock.instant(), "write_recovered", Map.of("error", problem));
    if (log.failure() == null) {
      problem = null;
    }
  }

  /** The current write problem (the daemon's own files or events.log), or null. */
  String problem() {
    String p = problem;
    return p != null ? p : log.failure();
  }
}
