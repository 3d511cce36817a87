package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.GroupCommit;
import dev.duckstring.engine.Engine;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a batch writes of the lines that changed in it (decision 60): their state, in the batch's
 * group commit, and their status. The lines come from the engine ({@link Engine#changed}), the run
 * records and the published contracts, so a batch costs what changed in it, not what is deployed.
 */
final class BatchWrites {
  private final BatchCommit commit;
  private final StateFiles states;
  private final StatusWriter status;
  private final RunRecorder runs;

  /** Lines whose state may not be on disk yet: changed, or their write failed (a full disk). */
  private final Set<LineId> unsaved = new TreeSet<>();

  /** A test's audit: every line's state, written the full way into a shadow root; else null. */
  private StateFiles shadow;

  BatchWrites(BatchCommit commit, StateFiles states, StatusWriter status, RunRecorder runs) {
    this.commit = commit;
    this.states = states;
    this.status = status;
    this.runs = runs;
  }

  /**
   * Starts the batch's group commit with the state of the lines changed since the last one
   * (decision 61: it ends on its own thread); {@code then} hears, once it is settled, whether every
   * state file was written (a line whose write failed stays pending, and so do its signals).
   */
  void persist(Engine engine, Consumer<Boolean> then) {
    collect(engine);
    Map<LineId, EngineSnapshot.LineState> lines = engine.states(unsaved);
    // Their status shows the contract once it is on disk: status waits for the commit to settle.
    status.changed(commit.contracts().pending());
    commit.start(lines, then);
    // start() settled the commit before this one: the lines it saved hold their state now; the
    // lines just staged stay here until a later persist finds them saved.
    unsaved.removeIf(line -> states.holds(line, lines.get(line)));
    if (shadow != null) {
      GroupCommit all = new GroupCommit();
      shadow.saved(
          shadow.stage(engine.snapshot().lines(), all), all.commit(states.pool(), e -> {}));
    }
  }

  /** Writes the status of the lines whose status may have changed since the last call. */
  void status(Engine engine, GraphBuilder.Built built, BudgetFiles budgets, Instant now) {
    collect(engine);
    status.write(engine::views, built, runs.last(), budgets, now);
  }

  private void collect(Engine engine) {
    Set<LineId> changed = engine.changed();
    unsaved.addAll(changed);
    status.changed(changed); // and the RunRecorder tells it of the lines whose records changed
  }

  /**
   * A test's audit: every batch also writes every line's state and status the full way into {@code
   * other}.
   */
  void shadow(CatchmentLayout other) {
    shadow = new StateFiles(other, states.pool());
    status.shadow(other);
  }
}
