package dev.duckstring.daemon;

import dev.duckstring.catchment.EventLog;
import dev.duckstring.model.LineId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Immediate retries: the job of every Ripple launched, kept until its last attempt, the Ripple
 * attempts each run has spent, and the failed Ripples waiting out their pause (1 s, 2 s, 4 s ... at
 * most {@link #MAX_PAUSE}) before they run again. The engine is not told of a failure that is
 * retried; the pause is a due time the reactor's loop waits for, never a sleep. Reactor thread
 * only.
 */
final class RippleRetries {
  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration MAX_PAUSE = Duration.ofSeconds(60);

  private record Key(LineId line, String ripple, Instant f) {}

  private record Run(LineId line, Instant f) {}

  /** A failed Ripple waiting to run again at {@code due}. */
  record Pending(RippleJob job, Instant due, int attempt) {}

  private final Map<Key, RippleJob> jobs = new HashMap<>();
  private final Map<Run, Integer> spent = new HashMap<>();
  private final List<Pending> pending = new ArrayList<>();

  /** {@code launcher}, telling these retries of every job it launches and every run that ends. */
  RippleLauncher tracking(RippleLauncher launcher) {
    return new RippleLauncher() {
      @Override
      public void launch(RippleJob job) {
        launched(job);
        launcher.launch(job);
      }

      @Override
      public void test(TestJob job) {
        launcher.test(job);
      }

      @Override
      public void runEnded(LineId line, Instant f) {
        RippleRetries.this.runEnded(line, f);
        launcher.runEnded(line, f);
      }

      @Override
      public void cancel(LineId line) {
        launcher.cancel(line);
      }
    };
  }

  /** {@code job} was handed to the workers. */
  void launched(RippleJob job) {
    jobs.put(key(job.line(), job.ripple(), job.f()), job);
  }

  /**
   * An attempt of Ripple {@code ripple} of run {@code f} failed: when the run has spent fewer than
   * {@code budget} retries ({@code recorded}: the failed attempts its run record shows before this
   * one, which counts after a restart), schedules the next attempt and returns it; else empty.
   */
  Optional<Pending> failed(
      LineId line, String ripple, Instant f, int budget, int recorded, Instant now) {
    RippleJob job = jobs.get(key(line, ripple, f));
    Run run = new Run(line, f);
    int used = spent.getOrDefault(run, recorded);
    if (job == null || used >= budget) {
      return Optional.empty();
    }
    spent.put(run, used + 1);
    Pending p = new Pending(job, now.plus(pause(used)), used + 2);
    pending.add(p);
    return Optional.of(p);
  }

  /** Ripple {@code ripple} of run {@code f} had its last attempt. */
  void finished(LineId line, String ripple, Instant f) {
    jobs.remove(key(line, ripple, f));
  }

  /** Run {@code f} of {@code line} ended: its count of retries goes. */
  void runEnded(LineId line, Instant f) {
    spent.keySet().removeIf(r -> r.line().equals(line) && !r.f().isAfter(f));
  }

  /** The pending attempts due at {@code now}, removed from the waiting list. */
  List<Pending> due(Instant now) {
    List<Pending> out = new ArrayList<>();
    pending.removeIf(
        p -> {
          if (p.due().isAfter(now)) {
            return false;
          }
          out.add(p);
          return true;
        });
    return out;
  }

  /** When the next pending attempt is due, if any. */
  Optional<Instant> nextDue() {
    return pending.stream().map(Pending::due).min(Instant::compareTo);
  }

  /** 1 s, 2 s, 4 s ... after the {@code retry}-th retry (from 0), capped at {@link #MAX_PAUSE}. */
  static Duration pause(int retry) {
    Duration d = FIRST_PAUSE.multipliedBy(1L << Math.min(retry, 6));
    return d.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : d;
  }

  private static Key key(LineId line, String ripple, Instant f) {
    return new Key(line, ripple, f);
  }

  /** Journals {@code d}'s failed attempt as {@code ripple_retry}: the next attempt, its pause. */
  static void journal(EventLog log, Msg.RippleDone d, Pending p, Instant now) {
    log.append(
        now,
        "ripple_retry",
        Map.of(
            "line", d.line().toString(),
            "ripple", d.ripple(),
            "f", d.f().toString(),
            "attempt", p.attempt(),
            "pause_ms", Duration.between(now, p.due()).toMillis(),
            "error", d.error()));
  }

  /** Journals {@code d}'s last attempt, which failed, as {@code ripple_failed}. */
  static void journalFailed(EventLog log, Msg.RippleDone d, Instant now) {
    log.append(
        now,
        "ripple_failed",
        Map.of(
            "line", d.line().toString(),
            "ripple", d.ripple(),
            "f", d.f().toString(),
            "error", d.error()));
  }
}
