package dev.duckstring.engine;

import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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

  /** Parked by the operator's kill: blocks required Sinks, takes no demand until cleared. */
  boolean killed;

  /** The held pull is a wake's: it runs the line once and never pulls its Sources. */
  boolean pullLocal;

  /** A pull that arrived while the line was blocked (its time; NEVER: none), applied on unblock. */
  Instant heldPull = Network.NEVER;

  /** A push that arrived while the line was blocked (its time; NEVER: none), applied on unblock. */
  Instant heldPush = Network.NEVER;

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

  /** The code the line runs now (from the graph). */
  Graph.Code code = Graph.Code.UNNAMED;

  /** The code that made the published data (endF); null when unknown or nothing is published. */
  Graph.Code publishedCode;

  /** The code each started run (not a pass) began with, by F, until it completes or fails. */
  final TreeMap<Instant, Graph.Code> runCodes = new TreeMap<>();

  /** A forced run (force, refresh, repair) waits to start. */
  boolean force;

  /** The next forced run is a rebuild (refresh). */
  boolean rebuild;

  /** The F of the started forced run not yet complete, else NEVER. */
  Instant forcedF = Network.NEVER;

  /** The F of the started rebuild run not yet complete, else NEVER. */
  Instant rebuildF = Network.NEVER;

  /** In a repair: waiting for its Sources in the repair, or running its forced run. */
  boolean repairing;

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
