package dev.duckstring.daemon;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.daemon.GraphBuilder.Built;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RetryBudget;
import java.time.Instant;
import java.util.List;

/** The parts of a line's status that {@link StatusWriter} builds from their arguments alone. */
final class StatusParts {
  private StatusParts() {}

  /** A Sink's "missing source" error says when the Source is missing because it is all yanked. */
  static String yankedSource(String error, PondView v, Built built) {
    for (LineId source : v.missingSources()) {
      String why = built.idle().get(source);
      if (why != null && error != null && error.startsWith("missing source")) {
        return error + ": " + why;
      }
    }
    return error;
  }

  /** The status of a line whose selected version cannot be loaded: failed with why. */
  static LineStatus broken(
      LineId line, String error, List<String> versions, RunRecord run, Instant now) {
    String newest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
    return LineStatus.of(line, newest, versions, List.of())
        .withState(LineState.FAILED)
        .withError(error)
        .withRuns(0, 0, LineStatus.LastRun.of(run))
        .withUpdatedAt(now);
  }

  /**
   * The budget in effect and what is left: of the running run's attempts, of the failure's runs.
   */
  static LineStatus.Retries retries(RetryBudget b, PondView v, RunRecord run, String override) {
    int spent = run != null && run.running() ? run.failedAttempts() : 0;
    return new LineStatus.Retries(
        b.immediate(),
        Math.max(0, b.immediate() - spent),
        b.onChange(),
        Math.min(b.onChange(), v.onChangeLeft()),
        override);
  }

  static List<String> names(List<LineId> lines) {
    return lines.stream().map(LineId::toString).toList();
  }
}
