package dev.duckstring.catchment;

import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * run.json: one Pond Run of a line at freshness {@code f}, written by the daemon as it progresses.
 * Build one with {@link #started} and the {@code ended}/{@code with} copies.
 *
 * @param state running, success, passed (no Source changed), failed, or timed_out (failed because a
 *     Ripple ran past its time limit)
 * @param generation the published generation this run produced (success only)
 */
public record RunRecord(
    String id,
    String line,
    String version,
    Instant f,
    RunOutcome state,
    Instant started,
    Instant ended,
    String generation,
    Boolean changed,
    String error,
    List<RippleRun> ripples) {
  public RunRecord {
    ripples = List.copyOf(ripples);
  }

  /**
   * The record of {@code line}'s run at {@code f} of {@code version}, running since {@code now}.
   */
  public static RunRecord started(LineId line, String version, Instant f, Instant now) {
    return new RunRecord(
        RunRecords.runId(f),
        line.toString(),
        version,
        f,
        RunOutcome.RUNNING,
        now,
        null,
        null,
        null,
        null,
        List.of());
  }

  /** True while the run has not ended. */
  public boolean running() {
    return state == RunOutcome.RUNNING;
  }

  /** This run, ended at {@code now} with {@code outcome} (no generation, change or error yet). */
  public RunRecord ended(RunOutcome outcome, Instant now) {
    return new RunRecord(id, line, version, f, outcome, started, now, null, null, null, ripples);
  }

  /** This run, having published {@code generation}. */
  public RunRecord withGeneration(String generation) {
    return new RunRecord(
        id, line, version, f, state, started, ended, generation, changed, error, ripples);
  }

  /** This run, whose output {@code changed} (false: identical to the generation before). */
  public RunRecord withChanged(boolean changed) {
    return new RunRecord(
        id, line, version, f, state, started, ended, generation, changed, error, ripples);
  }

  /** This run with {@code error}. */
  public RunRecord withError(String error) {
    return new RunRecord(
        id, line, version, f, state, started, ended, generation, changed, error, ripples);
  }

  /** This run with {@code attempt}, replacing the running attempt of the same Ripple if any. */
  public RunRecord withRipple(RippleRun attempt) {
    List<RippleRun> all = new ArrayList<>();
    boolean replaced = false;
    for (RippleRun x : ripples) {
      if (x.name().equals(attempt.name()) && x.state() == RunOutcome.RUNNING) {
        all.add(attempt);
        replaced = true;
      } else {
        all.add(x);
      }
    }
    if (!replaced) {
      all.add(attempt);
    }
    return new RunRecord(
        id, line, version, f, state, started, ended, generation, changed, error, all);
  }

  /** One Ripple attempt within the run. */
  public record RippleRun(
      String name,
      RunOutcome state,
      Instant started,
      Instant ended,
      Long durationMs,
      Long rows,
      Long bytes,
      String error) {
    /** Ripple {@code name}, running since {@code now}. */
    public static RippleRun started(String name, Instant now) {
      return new RippleRun(name, RunOutcome.RUNNING, now, null, null, null, null, null);
    }

    /**
     * Ripple {@code name}'s attempt from {@code started} to {@code ended}: a success when {@code
     * error} is null, else failed; {@code rows} and {@code bytes} as the runner counted them.
     */
    public static RippleRun ended(
        String name, Instant started, Instant ended, Long rows, Long bytes, String error) {
      return new RippleRun(
          name,
          error == null ? RunOutcome.SUCCESS : RunOutcome.FAILED,
          started,
          ended,
          Duration.between(started, ended).toMillis(),
          rows,
          bytes,
          error);
    }

    /** This attempt recorded as {@code outcome} (an ended attempt: failed or timed_out). */
    public RippleRun withState(RunOutcome outcome) {
      return new RippleRun(name, outcome, started, ended, durationMs, rows, bytes, error);
    }
  }
}
