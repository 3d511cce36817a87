package dev.duckstring.engine;

import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Mutable freshness, demand, fault and trigger state of one Pond line. */
final class LineRuntime {
  Instant startF = Network.NEVER;
  Instant endF = Network.NEVER;
  Instant changedF = Network.NEVER;
  Duration d = Duration.ZERO;
  boolean hasPull;
  Instant pullM = Network.NEVER;
  final TreeSet<Instant> targets = new TreeSet<>();
  boolean failed;
  Instant failedF = Network.NEVER;
  int failures;
  String error;

  /**
   * Extra Pond Runs allowed when sourceF moves past startF after a failure (the on-change retry
   * budget, set by {@link Event.Budget}; the daemon sends it again at each start).
   */
  int sourceRetries;

  /** On-change retries left in the current failure episode (the whole budget when none). */
  int sourceRetriesLeft() {
    return Math.max(0, sourceRetries - Math.max(0, failures - 1));
  }

  /** Started (dispatched, not passed) runs not yet completed or failed. */
  final TreeSet<Instant> inFlight = new TreeSet<>();

  /** Runs whose leaves completed, awaiting Published. */
  final TreeSet<Instant> publishing = new TreeSet<>();

  long runsStarted;
  long runsCompleted;
  Trigger trigger;

  /** The engine's own state of the trigger: a cron tide's next fire time (null otherwise). */
  Instant nextFire;

  final Map<String, RippleRuntime> ripples = new LinkedHashMap<>();

  /** True when a run is started and not complete (including a pending publish). */
  boolean busy() {
    return startF.isAfter(endF)
        || !publishing.isEmpty()
        || ripples.values().stream().anyMatch(r -> r.running);
  }

  /** True when nothing runs and no demand is held. */
  boolean idle() {
    return !busy() && !hasPull && targets.isEmpty();
  }
}
