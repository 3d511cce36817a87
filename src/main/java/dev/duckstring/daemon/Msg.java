package dev.duckstring.daemon;

import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Messages to the reactor thread: scan hints, finished Ripples, data tests and commits, stop. */
sealed interface Msg {
  /** Something under {@code pond} changed (null: rescan everything). */
  record Rescan(String pond) implements Msg {}

  /**
   * A Ripple finished in a worker. {@code error} is null on success; {@code unreadable} names the
   * Ripple's previous output when the failure was that it could not be read (else null); {@code
   * outcome} is success, failed, or timed_out when it was stopped at its time limit. {@code schema}
   * is the output's tables and columns as the schema contract reads them, read by the worker (null
   * when it could not be read there: the contract check reads it then). {@code forced}: the worker
   * forced the output to disk itself (a large one, decision 62); else the publish or the batch's
   * commit does.
   */
  record RippleDone(
      LineId line,
      String ripple,
      Instant f,
      Path output,
      Instant started,
      Instant ended,
      Long rows,
      Long bytes,
      String error,
      Path unreadable,
      RunOutcome outcome,
      Map<String, Map<String, String>> schema,
      boolean forced)
      implements Msg {}

  /**
   * The data tests of run {@code f} ended in a worker (decision 49): {@code results} one per test,
   * or {@code error} when they could not all run (stopped by a kill or the time limit, the version
   * tree unusable), then {@code results} is empty.
   */
  record TestsDone(
      LineId line,
      Instant f,
      List<TestResult> results,
      Instant started,
      Instant ended,
      String error)
      implements Msg {
    public TestsDone {
      results = List.copyOf(results);
    }
  }

  /** A group commit reached the disk: the reactor applies its outcome (decision 61). */
  record Committed() implements Msg {}

  /** Stop the loop. */
  record Shutdown(String reason) implements Msg {}
}
