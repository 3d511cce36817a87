package dev.duckstring.catchment;

import java.time.Instant;
import java.util.List;

/**
 * run.json: one Pond Run of a line at freshness {@code f}, written by the daemon as it progresses.
 *
 * @param state running, success, passed (no Source changed) or failed
 * @param generation the published generation this run produced (success only)
 */
public record RunRecord(
    String id,
    String line,
    String version,
    Instant f,
    String state,
    Instant started,
    Instant ended,
    String generation,
    Boolean changed,
    String error,
    List<RippleRun> ripples) {
  public RunRecord {
    ripples = List.copyOf(ripples);
  }

  /** One Ripple attempt within the run. */
  public record RippleRun(
      String name,
      String state,
      Instant started,
      Instant ended,
      Long durationMs,
      Long rows,
      Long bytes,
      String error) {}
}
