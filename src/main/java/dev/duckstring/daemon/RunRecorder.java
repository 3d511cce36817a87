package dev.duckstring.daemon;

import dev.duckstring.catchment.GroupCommit;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecord.RippleRun;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Records the runs the daemon carries out: each in-flight run's record is kept in memory, written
 * (catchment.RunRecords) once per batch when it changed, and ended as published, passed, failed or
 * timed_out; an ended record is written durably in the batch's group commit (decision 58). A record
 * that cannot be written (a full disk) is reported and kept until a later {@link #stage} writes it.
 * A garbled run.json never stops the daemon: it is reported and treated as no record.
 */
final class RunRecorder {
  private final RunRecords store;
  private final WriteTrouble trouble;
  private final Consumer<String> garbled;
  private final Consumer<LineId> changed;

  /** Records whose newest version is not on disk yet, by key. */
  private final Map<String, RunRecord> unsaved = new LinkedHashMap<>();

  private final Map<String, RunRecord> open = new HashMap<>();
  private final Map<LineId, RunRecord> last = new HashMap<>();

  /**
   * {@code garbled} hears of each garbled run.json met: it counts as no record, and the run goes
   * on; {@code changed} hears of each line whose records changed (its status shows them).
   */
  RunRecorder(
      RunRecords store, WriteTrouble trouble, Consumer<String> garbled, Consumer<LineId> changed) {
    this.store = store;
    this.trouble = trouble;
    this.garbled = garbled;
    this.changed = changed;
  }

  private static String key(LineId line, Instant f) {
    return line + "/" + RunRecords.runId(f);
  }

  /** Run {@code f}'s record (reloaded after a restart) or null; a garbled one counts as none. */
  RunRecord get(LineId line, Instant f) {
    return open.computeIfAbsent(
        key(line, f), k -> unsaved.containsKey(k) ? unsaved.get(k) : readOrNull(line, f));
  }

  private RunRecord readOrNull(LineId line, Instant f) {
    try {
      return store.read(line, RunRecords.runId(f));
    } catch (DuckstringException e) {
      garbled.accept(e.getMessage() + "; it counts as no record");
      return null;
    }
  }

  void start(LineId line, String version, Instant f, Instant now) {
    RunRecord existing = get(line, f);
    if (existing != null && existing.running()) {
      return; // resumed after a restart
    }
    if (existing != null && unsaved.containsKey(key(line, f)) && save(line, existing)) {
      unsaved.remove(key(line, f)); // ended in this batch: on disk before it is set aside
    }
    if (existing != null && !unsaved.containsKey(key(line, f))) {
      // Another run at the same freshness (force, refresh, a retry): the earlier record is kept.
      try {
        store.setAside(line, existing);
      } catch (DuckstringException | UncheckedIOException e) {
        trouble.failed(e.getMessage()); // a full disk: the new record replaces it, as before
      }
    }
    put(line, RunRecord.started(line, version, f, now));
  }

  /** Ripple {@code ripple} starts an attempt (its first, or one more after a failed one). */
  void rippleStarted(LineId line, Instant f, String ripple, Instant now) {
    update(
        line,
        f,
        r -> {
          RippleRun running = running(r, ripple);
          return r.withRipple(
              running != null ? running.again(now) : RippleRun.started(ripple, now));
        });
  }

  /** An attempt of {@code d}'s Ripple ended; {@code retrying}: another attempt follows. */
  void rippleEnded(LineId line, Instant f, Msg.RippleDone d, boolean retrying) {
    update(
        line,
        f,
        r -> {
          RippleRun running = running(r, d.ripple());
          RippleRun ended =
              running != null
                  ? running.attemptEnded(
                      d.started(), d.ended(), d.rows(), d.bytes(), d.error(), retrying)
                  : RippleRun.ended(
                      d.ripple(), d.started(), d.ended(), d.rows(), d.bytes(), d.error());
          // A last attempt stopped at its time limit is recorded timed_out, not failed.
          return r.withRipple(d.error() == null || retrying ? ended : ended.withState(d.outcome()));
        });
  }

  private static RippleRun running(RunRecord r, String ripple) {
    RippleRun x = r.ripple(ripple);
    return x != null && x.state() == RunOutcome.RUNNING ? x : null;
  }

  /** The failed Ripple attempts recorded for run {@code f} (0 when it has no record). */
  int failedAttempts(LineId line, Instant f) {
    RunRecord r = get(line, f);
    return r == null ? 0 : r.failedAttempts();
  }

  /**
   * Run {@code f} published {@code generation} ({@code changed} false when identical to the one
   * before); the runs it overtook end as successes with it.
   */
  void published(LineId line, Instant f, String generation, boolean changed, Instant now) {
    finish(
        line,
        f,
        r -> r.ended(RunOutcome.SUCCESS, now).withGeneration(generation).withChanged(changed));
    finishOvertaken(line, f, r -> r.ended(RunOutcome.SUCCESS, now).withGeneration(generation));
  }

  /** Run {@code f} passed (no Source changed, nothing executed); so did the runs it overtook. */
  void passed(LineId line, Instant f, Instant now) {
    finish(line, f, r -> r.ended(RunOutcome.PASSED, now).withChanged(false));
    finishOvertaken(line, f, r -> r.ended(RunOutcome.PASSED, now));
  }

  /** Run {@code f} may not publish: it would make the schema {@code changes} (decision 44). */
  void refused(LineId line, Instant f, List<String> changes) {
    update(line, f, r -> r.withDiff(changes));
  }

  /** The data tests of run {@code f} gave {@code results} (decision 49). */
  void tests(LineId line, Instant f, List<TestResult> results) {
    update(line, f, r -> r.withTests(results));
  }

  /** Run {@code f} was killed by the operator. */
  void killed(LineId line, Instant f, Instant now) {
    finish(line, f, r -> r.ended(RunOutcome.KILLED, now).withError("killed by the operator"));
  }

  /**
   * Run {@code f} failed with {@code error}: as {@code timed_out} when that is the error of a
   * Ripple attempt of the run stopped at its time limit, else as {@code failed}.
   */
  void failed(LineId line, Instant f, String error, Instant now) {
    finish(line, f, r -> r.ended(failure(r, error), now).withError(error));
  }

  private static RunOutcome failure(RunRecord r, String error) {
    boolean timedOut =
        r.ripples().stream()
            .anyMatch(a -> a.state() == RunOutcome.TIMED_OUT && Objects.equals(a.error(), error));
    return timedOut ? RunOutcome.TIMED_OUT : RunOutcome.FAILED;
  }

  /** Ends run {@code f} as {@code end} says and removes it from memory. */
  private void finish(LineId line, Instant f, UnaryOperator<RunRecord> end) {
    RunRecord r = get(line, f);
    if (r == null) {
      return;
    }
    put(line, end.apply(r));
    open.remove(key(line, f));
    try {
      store.prune(line, RunRecords.KEEP);
    } catch (RuntimeException e) {
      // pruning old records is housekeeping: the next finished run tries again
    }
  }

  /**
   * Ends every open run of {@code line} below {@code f} as {@code end} says: the engine completes
   * overtaken pipelined runs together with the run that overtook them.
   */
  private void finishOvertaken(LineId line, Instant f, UnaryOperator<RunRecord> end) {
    String prefix = line + "/";
    String by = "overtaken by run " + RunRecords.runId(f);
    for (String key : List.copyOf(open.keySet())) {
      RunRecord r = open.get(key);
      if (key.startsWith(prefix) && r.f().isBefore(f) && r.running()) {
        finish(line, r.f(), x -> end.apply(x).withError(by));
      }
    }
  }

  private void update(LineId line, Instant f, UnaryOperator<RunRecord> change) {
    RunRecord r = get(line, f);
    if (r != null) {
      put(line, change.apply(r));
    }
  }

  /** Keeps {@code r} as the newest version of its record; {@link #stage} writes it. */
  private void put(LineId line, RunRecord r) {
    open.put(key(line, r.f()), r);
    unsaved.put(key(line, r.f()), r);
    last.merge(line, r, (a, b) -> b.f().isBefore(a.f()) ? a : b);
    changed.accept(line);
  }

  /**
   * Writes each record changed since the last call once (decision 58): a running one's progress
   * now, without waiting for the disk; an ended one is added to {@code commit}, to be written
   * durably with the batch's state. Returns the records staged, for {@link #committed}. A record
   * that cannot be written stays pending and is written again next time.
   */
  Map<Path, Staged> stage(GroupCommit commit) {
    Map<Path, Staged> staged = new LinkedHashMap<>();
    for (var e : List.copyOf(unsaved.entrySet())) {
      RunRecord r = e.getValue();
      LineId line = LineId.parse(r.line());
      if (!r.running()) {
        store.stage(line, r, commit);
        staged.put(store.file(line, r.id()), new Staged(e.getKey(), r));
      } else if (save(line, r)) {
        unsaved.remove(e.getKey());
      }
    }
    return staged;
  }

  /** A record added to a commit: its key, and the version of it the commit writes. */
  record Staged(String key, RunRecord record) {}

  /** The commit of {@code staged} ran; all but {@code failed} (and records changed since) saved. */
  void committed(Map<Path, Staged> staged, Set<Path> failed) {
    staged.forEach(
        (file, s) -> {
          if (!failed.contains(file)) {
            unsaved.remove(s.key(), s.record());
          }
        });
    if (!staged.isEmpty()) {
      store.changed();
    }
  }

  private boolean save(LineId line, RunRecord r) {
    try {
      store.write(line, r);
    } catch (DuckstringException | UncheckedIOException e) {
      trouble.failed(e.getMessage());
      return false;
    }
    return true;
  }

  /**
   * After a restart: deletes what a kill left of a run.json write in the records the saved {@code
   * state} (null: none) could have been writing, then seeds the newest run of {@code line} from its
   * records.
   */
  void remember(LineId line, EngineSnapshot.LineState state) {
    Instant oldest = null;
    if (state != null) {
      for (Instant f : state.runsInFlight()) {
        oldest = oldest == null || f.isBefore(oldest) ? f : oldest;
      }
      for (Instant f : state.publishing()) {
        oldest = oldest == null || f.isBefore(oldest) ? f : oldest;
      }
    }
    store.sweep(line, oldest);
    store
        .recent(line, 1, m -> garbled.accept(m + "; status shows the newest readable run"))
        .forEach(r -> last.put(line, r));
  }

  /** The newest run of each line. */
  Map<LineId, RunRecord> last() {
    return last;
  }
}
