package dev.duckstring.catchment;

import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * run.json: one Pond Run of a line at freshness {@code f}, written by the daemon as it progresses.
 * Build one with {@link #started} and the {@code ended}/{@code with} copies.
 *
 * @param state running, success, passed (no Source changed), failed, or timed_out (failed because a
 *     Ripple ran past its time limit)
 * @param generation the published generation this run produced (success only)
 * @param diff the schema contract changes that refused this run's publish (decision 44), else empty
 * @param tests the outcome of each of the Pond's data tests, run before the publish (decision 49);
 *     empty when the Pond has none, the run did not get that far, or the record is older
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
    List<RippleRun> ripples,
    List<String> diff,
    List<TestResult> tests) {
  public RunRecord {
    ripples = List.copyOf(ripples);
    diff = diff == null ? List.of() : List.copyOf(diff);
    tests = tests == null ? List.of() : List.copyOf(tests);
  }

  /** A record without a schema diff (decision 44) nor data test results (decision 49). */
  public RunRecord(
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
    this(
        id,
        line,
        version,
        f,
        state,
        started,
        ended,
        generation,
        changed,
        error,
        ripples,
        null,
        null);
  }

  /** The record of {@code line}'s run at {@code f} of {@code version}, running from now. */
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
    return with(d -> d.end(outcome, now));
  }

  /** This run, having published {@code generation}. */
  public RunRecord withGeneration(String generation) {
    return with(d -> d.generation = generation);
  }

  /** This run, whose output {@code changed} (false: identical to the generation before). */
  public RunRecord withChanged(boolean changed) {
    return with(d -> d.changed = changed);
  }

  /** This run under another id (a record set aside: {@link RunRecords#setAside}). */
  public RunRecord withId(String id) {
    return with(d -> d.id = id);
  }

  /**
   * This run with {@code diff}: what it would have broken of the schema contract, one {@code
   * daily.amount: dropped} line per change (decision 44).
   */
  public RunRecord withDiff(List<String> diff) {
    return with(d -> d.diff = diff);
  }

  /** This run with the results of its data tests (decision 49). */
  public RunRecord withTests(List<TestResult> tests) {
    return with(d -> d.tests = tests);
  }

  /** This run with {@code error}. */
  public RunRecord withError(String error) {
    return with(d -> d.error = error);
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
    return with(d -> d.ripples = all);
  }

  private RunRecord with(Consumer<RunRecordDraft> change) {
    RunRecordDraft d = new RunRecordDraft(this);
    change.accept(d);
    return d.build();
  }

  /** The Ripple attempts of this run that failed (each one retried, or the run's last). */
  public int failedAttempts() {
    int n = 0;
    for (RippleRun r : ripples) {
      for (Attempt a : r.attempts()) {
        n += a.state() == RunOutcome.FAILED ? 1 : 0;
      }
    }
    return n;
  }

  /** The Ripple of this run named {@code name}, or null. */
  public RippleRun ripple(String name) {
    for (RippleRun r : ripples) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }

  /**
   * One Ripple within the run: from its first attempt's start to its last attempt's end, with the
   * last attempt's outcome, counts and error; {@code attempts} lists every attempt (an immediate
   * retry adds one), empty in records written before retries existed.
   */
  public record RippleRun(
      String name,
      RunOutcome state,
      Instant started,
      Instant ended,
      Long durationMs,
      Long rows,
      Long bytes,
      String error,
      List<Attempt> attempts) {
    public RippleRun {
      attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** Ripple {@code name}, running its first attempt since {@code now}. */
    public static RippleRun started(String name, Instant now) {
      return new RippleRun(
          name,
          RunOutcome.RUNNING,
          now,
          null,
          null,
          null,
          null,
          null,
          List.of(Attempt.started(1, now)));
    }

    /**
     * Ripple {@code name}'s single attempt from {@code started} to {@code ended}: a success when
     * {@code error} is null, else failed; {@code rows} and {@code bytes} as the runner counted
     * them.
     */
    public static RippleRun ended(
        String name, Instant started, Instant ended, Long rows, Long bytes, String error) {
      return started(name, started).attemptEnded(started, ended, rows, bytes, error, false);
    }

    /**
     * This Ripple starting another attempt at {@code now}: after a failed attempt, the next one;
     * while one is marked running (a restart re-runs it), that one starts again.
     */
    public RippleRun again(Instant now) {
      List<Attempt> all = new ArrayList<>(attempts);
      all.add(Attempt.started(reopen(all), now));
      return new RippleRun(name, RunOutcome.RUNNING, started, null, null, null, null, error, all);
    }

    /**
     * This Ripple's running attempt ended from {@code from} to {@code to} (a success when {@code
     * error} is null); {@code retrying} keeps the Ripple running: another attempt follows.
     */
    public RippleRun attemptEnded(
        Instant from, Instant to, Long rows, Long bytes, String error, boolean retrying) {
      List<Attempt> all = new ArrayList<>(attempts);
      all.add(Attempt.ended(reopen(all), from, to, error));
      Instant first = all.size() == 1 || started == null ? from : started;
      if (retrying) {
        return new RippleRun(name, RunOutcome.RUNNING, first, null, null, null, null, error, all);
      }
      return new RippleRun(
          name,
          error == null ? RunOutcome.SUCCESS : RunOutcome.FAILED,
          first,
          to,
          Duration.between(first, to).toMillis(),
          rows,
          bytes,
          error,
          all);
    }

    /** The number of the next attempt, taking the running one out of {@code all} to redo it. */
    private static int reopen(List<Attempt> all) {
      boolean running = !all.isEmpty() && all.get(all.size() - 1).state() == RunOutcome.RUNNING;
      return running ? all.remove(all.size() - 1).attempt() : all.size() + 1;
    }

    /** This ended Ripple recorded as {@code outcome} (failed, timed_out), its last attempt too. */
    public RippleRun withState(RunOutcome outcome) {
      List<Attempt> all = new ArrayList<>(attempts);
      if (!all.isEmpty()) {
        Attempt last = all.remove(all.size() - 1);
        all.add(
            new Attempt(
                last.attempt(),
                outcome,
                last.started(),
                last.ended(),
                last.durationMs(),
                last.error()));
      }
      return new RippleRun(name, outcome, started, ended, durationMs, rows, bytes, error, all);
    }
  }

  /** One attempt of a Ripple: its number (from 1), outcome, times, duration and error. */
  public record Attempt(
      int attempt,
      RunOutcome state,
      Instant started,
      Instant ended,
      Long durationMs,
      String error) {
    static Attempt started(int n, Instant now) {
      return new Attempt(n, RunOutcome.RUNNING, now, null, null, null);
    }

    static Attempt ended(int n, Instant from, Instant to, String error) {
      return new Attempt(
          n,
          error == null ? RunOutcome.SUCCESS : RunOutcome.FAILED,
          from,
          to,
          Duration.between(from, to).toMillis(),
          error);
    }
  }
}
