package dev.duckstring.catchment;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * status.json of one line, written by the daemon after every change; read by status and HTTP. The
 * one status record: {@code status --json}, {@code /api/status} and {@code /api/ponds/{p}} show it
 * as written. Freshness instants are null for NEVER. Build one with {@link #of} and the {@code
 * with} copies.
 */
public record LineStatus(
    String line,
    String pond,
    int major,
    String version,
    List<String> versions,
    List<String> sources,
    LineState state,
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
  public record LastRun(String id, RunOutcome outcome, Instant started, Instant ended) {
    /** The status line of {@code run}, or null when there is none. */
    public static LastRun of(RunRecord run) {
      return run == null ? null : new LastRun(run.id(), run.state(), run.started(), run.ended());
    }
  }

  /**
   * {@code line} running {@code version} (of the deployed {@code versions}) with {@code sources}
   * ("pond spec"): idle, never fresh, no demand, runs, trigger or error yet.
   */
  public static LineStatus of(LineId line, String version, List<String> versions, List<String> sources) {
    return new LineStatus(
        line.toString(), line.pond(), line.major(), version, versions, sources, LineState.IDLE, false,
        List.of(), null, null, null, 0, 0, null, null, List.of(), List.of(), null, null);
  }

  /** This status in {@code state}. */
  public LineStatus withState(LineState state) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status with {@code error}, why it failed or is blocked (null: none). */
  public LineStatus withError(String error) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status holding a pull ({@code hasPull}) and push {@code targets}. */
  public LineStatus withDemand(boolean hasPull, List<Instant> targets) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status with freshness {@code startF}, {@code endF} and {@code changedF}. */
  public LineStatus withFreshness(Instant startF, Instant endF, Instant changedF) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status with runs in flight and completed, and the newest run. */
  public LineStatus withRuns(int runsInFlight, long runsCompleted, LastRun lastRun) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status with the standing trigger as status shows it (null: none). */
  public LineStatus withTrigger(String trigger) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status with the Sources that are missing and the required ones blocking it. */
  public LineStatus withBlocks(List<String> missingSources, List<String> blockedBy) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** This status as of {@code updatedAt}. */
  public LineStatus withUpdatedAt(Instant updatedAt) {
    return new LineStatus(
        line, pond, major, version, versions, sources, state, hasPull, targets, startF, endF,
        changedF, runsInFlight, runsCompleted, trigger, error, missingSources, blockedBy, lastRun,
        updatedAt);
  }

  /** True when status without --all shows this line: running or holding demand or failed. */
  public boolean isActive() {
    return runsInFlight > 0
        || hasPull
        || !targets.isEmpty()
        || trigger != null
        || state != LineState.IDLE;
  }

  /** Seconds since the line's data was fresh at {@code now}, or null when it never was. */
  public Double stalenessSeconds(Instant now) {
    return endF == null ? null : Duration.between(endF, now).toMillis() / 1000.0;
  }
}
