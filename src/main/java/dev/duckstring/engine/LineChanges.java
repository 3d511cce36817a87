package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which lines' view or saved state may differ from when the daemon last asked (decision 60): the
 * lines an event or tick touched, the lines whose blocked state (or a required Source's) flipped,
 * or every line after a new graph.
 */
final class LineChanges {
  private final Set<LineId> touched = new HashSet<>();
  private boolean all = true;

  /** {@link Network#blocked} of every line at the last {@link #drain}. */
  private Map<LineId, Boolean> blockedSeen = Map.of();

  private boolean blockedStale = true;

  void touch(LineId id) {
    touched.add(id);
  }

  /** Every line may have changed (a new graph, a restore). */
  void all() {
    all = true;
  }

  /** Blocks are worked out again: some lines' blocked state may flip. */
  void blocksChanged() {
    blockedStale = true;
  }

  /**
   * The changed lines of {@code net} since the last call, by name. Costs the lines touched, and all
   * lines only after blocks were worked out again (a failure, a kill, a clear, a repair) or a new
   * graph.
   */
  Set<LineId> drain(Network net) {
    Set<LineId> result = new TreeSet<>();
    if (all) {
      result.addAll(net.order());
    } else {
      for (LineId id : touched) {
        if (net.present(id)) {
          result.add(id);
        }
      }
    }
    if (blockedStale || all) {
      Map<LineId, Boolean> now = new HashMap<>();
      for (LineId id : net.order()) {
        now.put(id, net.blocked(id));
      }
      for (LineId id : all ? Set.<LineId>of() : now.keySet()) {
        if (flipped(id, now) || net.requiredSources(id).stream().anyMatch(s -> flipped(s, now))) {
          result.add(id); // its state, or its blockedBy and error
        }
      }
      blockedSeen = now;
      blockedStale = false;
    }
    touched.clear();
    all = false;
    return result;
  }

  private boolean flipped(LineId id, Map<LineId, Boolean> now) {
    return !now.get(id).equals(blockedSeen.get(id));
  }
}
