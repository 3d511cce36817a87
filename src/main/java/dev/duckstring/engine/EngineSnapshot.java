package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The engine's whole state as plain records, persisted per line by the daemon (state.json). Every
 * Instant is null for NEVER; lists of instants are ascending.
 */
public record EngineSnapshot(Map<LineId, LineState> lines) {
  public EngineSnapshot {
    lines = Map.copyOf(lines);
  }

  /**
   * One line's state.
   *
   * @param d staleness offset inherited from Sources (zero for an Inlet)
   * @param pullM the demand epoch of the held pull (null when none)
   * @param failedF the freshest failed run (null when not failed)
   * @param sourceRetries extra runs allowed on Source change after a failure
   * @param runsInFlight started runs (not passes) neither completed nor failed
   * @param publishing runs whose Ripples completed, awaiting Published
   * @param trigger the standing trigger with its next fire time, or null
   * @param ripples each Ripple's state by name
   * @param code the code that made the published data (endF); null when unknown (a state saved by a
   *     build before issue 10: the line's next run is a real run) or nothing is published
   * @param runCodes the code each started run began with (absent in older states: unknown)
   * @param rerun the pending or running force, refresh or repair, or null when none
   * @param killed parked by the operator's kill
   * @param pullLocal the held pull is a wake's (never pulls the Sources)
   * @param heldPull when a pull was held while blocked (null when none)
   * @param heldPush when a push was held while blocked (null when none)
   */
  public record LineState(
      Instant startF,
      Instant endF,
      Instant changedF,
      Duration d,
      boolean hasPull,
      Instant pullM,
      List<Instant> targets,
      boolean failed,
      Instant failedF,
      int failures,
      String error,
      int sourceRetries,
      List<Instant> runsInFlight,
      List<Instant> publishing,
      long runsStarted,
      long runsCompleted,
      Trigger.Saved trigger,
      Map<String, RippleState> ripples,
      Graph.Code code,
      List<RunCode> runCodes,
      Rerun rerun,
      boolean killed,
      boolean pullLocal,
      Instant heldPull,
      Instant heldPush) {
    public LineState {
      targets = List.copyOf(targets);
      runsInFlight = List.copyOf(runsInFlight);
      publishing = List.copyOf(publishing);
      ripples = Map.copyOf(ripples);
      runCodes = runCodes == null ? List.of() : List.copyOf(runCodes);
    }

    /**
     * This state with its published freshness and runs replaced: {@code startF}, {@code endF},
     * {@code changedF}, the runs in flight and publishing, the completed count and the codes.
     */
    public LineState withRuns(
        Instant startF,
        Instant endF,
        Instant changedF,
        List<Instant> runsInFlight,
        List<Instant> publishing,
        long runsCompleted,
        Graph.Code code,
        List<RunCode> runCodes) {
      return new LineState(
          startF,
          endF,
          changedF,
          d,
          hasPull,
          pullM,
          targets,
          failed,
          failedF,
          failures,
          error,
          sourceRetries,
          runsInFlight,
          publishing,
          runsStarted,
          runsCompleted,
          trigger,
          ripples,
          code,
          runCodes,
          rerun,
          killed,
          pullLocal,
          heldPull,
          heldPush);
    }

    /** This state with {@code code} as the maker of the published data, and {@code runCodes}. */
    public LineState withCode(Graph.Code code, List<RunCode> runCodes) {
      return withRuns(
          startF, endF, changedF, runsInFlight, publishing, runsCompleted, code, runCodes);
    }
  }

  /** The code run {@code f} started with. */
  public record RunCode(Instant f, Graph.Code code) {}

  /** One Ripple's state; {@code running} means started for {@code startF} and not finished. */
  public record RippleState(
      Instant startF, Instant endF, boolean hasPull, List<Instant> targets, boolean running) {
    public RippleState {
      targets = List.copyOf(targets);
    }
  }

  /**
   * A line's operator re-run (force, refresh, repair).
   *
   * @param force a forced run waits to start
   * @param rebuild the next forced run is a rebuild
   * @param forcedF the started forced run, or null
   * @param rebuildF the started rebuild run, or null
   * @param repairing in a repair not yet finished for this line
   */
  public record Rerun(
      boolean force, boolean rebuild, Instant forcedF, Instant rebuildF, boolean repairing) {}
}
