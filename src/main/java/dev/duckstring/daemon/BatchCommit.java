package dev.duckstring.daemon;

import dev.duckstring.catchment.GroupCommit;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The reactor batch's group commit (decision 58): the ended run records, the published schema
 * contracts and the last force of each publish's {@code data/}, then the changed state files; each
 * phase written, forced to disk together and renamed, once per batch.
 */
final class BatchCommit {
  private final GroupCommit files = new GroupCommit();
  private final RunRecorder runs;
  private final ContractGate contracts;
  private final StateFiles states;
  private final WriteTrouble trouble;
  private final Clock clock;

  BatchCommit(
      RunRecorder runs,
      ContractGate contracts,
      StateFiles states,
      WriteTrouble trouble,
      Clock clock) {
    this.runs = runs;
    this.contracts = contracts;
    this.states = states;
    this.trouble = trouble;
    this.clock = clock;
  }

  /** What the batch's publishes add to (see {@code Generations.publish}). */
  GroupCommit files() {
    return files;
  }

  /** The contract gate whose published contracts this commit writes. */
  ContractGate contracts() {
    return contracts;
  }

  /**
   * Commits the batch with the engine's state {@code lines}; false when some state file could not
   * be written (it stays pending, and so do the signals it holds).
   */
  boolean run(Map<LineId, EngineSnapshot.LineState> lines) {
    Map<Path, String> records = runs.stage(files);
    contracts.stage(files);
    Map<LineId, EngineSnapshot.LineState> changed = states.stage(lines, files);
    Set<Path> failed = files.commit(states.pool(), trouble::failed);
    runs.committed(records, failed);
    contracts.committed(failed, clock.instant());
    return states.saved(changed, failed);
  }
}
