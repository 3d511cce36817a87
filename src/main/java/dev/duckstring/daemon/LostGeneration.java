package dev.duckstring.daemon;

import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.model.LineId;

/**
 * A line whose {@code data/CURRENT} names a missing generation has no data: its restored state
 * forgets what it published, so its next run is a real run (never a no-change pass) and its Sinks
 * wait for it.
 */
final class LostGeneration {
  private LostGeneration() {}

  /** The journaled one-line problem. */
  static String message(LineId line, String generation) {
    return "data/CURRENT of "
        + line
        + " names generation "
        + generation
        + ", which is missing; the line has no published data until its next run";
  }

  /**
   * {@code s} without published freshness ({@code endF}, {@code changedF} back to NEVER, no code
   * made its data). {@code startF} goes back to NEVER too when no run is in flight, so the next run
   * compares its Sources with nothing and runs; an in-flight run keeps its F and publishes as
   * usual.
   */
  static EngineSnapshot.LineState forget(EngineSnapshot.LineState s) {
    boolean busy = !s.runsInFlight().isEmpty() || !s.publishing().isEmpty();
    return s.withRuns(
        busy ? s.startF() : null,
        null,
        null,
        s.runsInFlight(),
        s.publishing(),
        s.runsCompleted(),
        null,
        s.runCodes());
  }
}
