package dev.duckstring.daemon;

import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a run's end leaves to tidy, done once the batch has launched what comes next, off the hop's
 * path: older generations, staged outputs nothing needs, run records beyond {@link
 * RunRecords#KEEP}. Nothing depends on it being done at once: each prune only deletes what no
 * reader holds, and a prune left undone (a stop, a failure) is done by the line's next one.
 */
final class Housekeeping {
  private final Generations generations;
  private final Outputs outputs;
  private final RunRecords runs;
  private final Set<LineId> due = new LinkedHashSet<>();

  Housekeeping(Generations generations, Outputs outputs, RunRecords runs) {
    this.generations = generations;
    this.outputs = outputs;
    this.runs = runs;
  }

  /** A run of {@code line} ended: tidy it after this batch. */
  void after(LineId line) {
    due.add(line);
  }

  /** Tidies every line whose run ended since the last call (the reactor, after its launches). */
  void run() {
    for (LineId line : due) {
      generations.prune(line, outputs::inUse);
      outputs.prune(line);
      try {
        runs.prune(line, RunRecords.KEEP);
      } catch (RuntimeException e) {
        // housekeeping: the line's next run end tries again
      }
    }
    due.clear();
  }
}
