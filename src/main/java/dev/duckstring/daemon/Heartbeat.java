package dev.duckstring.daemon;

import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Lease;
import dev.duckstring.model.DuckstringException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The reactor's lease heartbeat: refreshes the lease every {@link #INTERVAL}, counted from the
 * lease's own last beat. A failed write (a full disk) is journaled once and retried at the next
 * beat; it never stops the daemon. A lost lease does ({@link Lease.Lost} propagates).
 */
final class Heartbeat {
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private final Lease lease;
  private final EventLog log;
  private final Clock clock;

  /**
   * From the lease's own last beat, not from when the reactor got going: a clock that moved in
   * between (a slow start) must not push the first heartbeat a whole interval late.
   */
  private Instant last;

  /** The last failure, journaled once until a heartbeat succeeds again. */
  private String problem;

  Heartbeat(Lease lease, EventLog log, Clock clock) {
    this.lease = lease;
    this.log = log;
    this.clock = clock;
    this.last = lease.lastBeat();
  }

  /** Beats when {@link #INTERVAL} has passed since the last beat at {@code now}. */
  void beatIfDue(Instant now) {
    if (Duration.between(last, now).compareTo(INTERVAL) < 0) {
      return;
    }
    last = now;
    try {
      lease.heartbeat(now);
      if (problem != null) {
        problem = null;
        Daemon.journal(log, clock, "heartbeat_recovered", Map.of());
      }
    } catch (DuckstringException e) {
      if (problem == null) {
        problem = String.valueOf(e.getMessage());
        Daemon.journal(log, clock, "heartbeat_failed", Map.of("error", problem));
      }
    }
  }
}
