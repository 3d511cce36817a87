package dev.duckstring.catchment;

import java.time.Instant;
import java.util.List;

/**
 * status.json of one line, written by the daemon after every change; read by status and HTTP.
 * Freshness instants are null for NEVER.
 */
public record LineStatus(
    String line,
    String pond,
    int major,
    String version,
    List<String> versions,
    List<String> sources,
    String state,
    boolean hasPull,
    List<Instant> targets,
    Instant startF,
    Instant endF,
    Instant changedF,
    int runsInFlight,
    long runsCompleted,
    String trigger,
    String error,
    List<String> missingSources,
    List<String> blockedBy,
    LastRun lastRun,
    Instant updatedAt) {

  /** The latest run of the line as one line of status. */
  public record LastRun(String id, String outcome, Instant started, Instant ended) {}

  /**
   * True when status without --all shows this line: running or holding demand or failed, or with
   * an error to show (a bad trigger file).
   */
  public boolean isActive() {
    return runsInFlight > 0
        || hasPull
        || !targets.isEmpty()
        || trigger != null
        || !"idle".equals(state)
        || error != null;
  }
}
