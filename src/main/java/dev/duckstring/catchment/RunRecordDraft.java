package dev.duckstring.catchment;

import dev.duckstring.catchment.RunRecord.RippleRun;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import java.time.Instant;
import java.util.List;

/** A changeable copy of a {@link RunRecord}, only for its {@code with} methods. */
final class RunRecordDraft {
  String id;
  String line;
  String version;
  Instant f;
  RunOutcome state;
  Instant started;
  Instant ended;
  String generation;
  Boolean changed;
  String error;
  List<RippleRun> ripples;
  List<String> diff;
  List<TestResult> tests;

  RunRecordDraft(RunRecord r) {
    id = r.id();
    line = r.line();
    version = r.version();
    f = r.f();
    state = r.state();
    started = r.started();
    ended = r.ended();
    generation = r.generation();
    changed = r.changed();
    error = r.error();
    ripples = r.ripples();
    diff = r.diff();
    tests = r.tests();
  }

  /** Ends the run as {@code outcome} at {@code now}, without generation, change or error yet. */
  void end(RunOutcome outcome, Instant now) {
    state = outcome;
    ended = now;
    generation = null;
    changed = null;
    error = null;
  }

  RunRecord build() {
    return new RunRecord(
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
        diff,
        tests);
  }
}
