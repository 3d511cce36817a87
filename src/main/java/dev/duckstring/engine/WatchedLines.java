package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lines the engine's per-event walks look for (decision 65): demand held back, a repair, a
 * standing trigger. Kept up to date from the lines touched since it was last asked, since every
 * change of those fields touches its line.
 */
final class WatchedLines {
  private final Set<LineId> touched = new HashSet<>();
  private final TreeMap<Integer, LineId> watched = new TreeMap<>();
  private boolean all = true;

  /** {@code id}'s state changed: whether it is watched is worked out again. */
  void touch(LineId id) {
    touched.add(id);
  }

  /** A new graph or a restored state: every line is worked out again. */
  void all() {
    all = true;
  }

  /** The watched lines of {@code net}, in its order; stale ones may be among them, never missed. */
  List<LineId> of(Network net) {
    if (all) {
      watched.clear();
      net.order().forEach(id -> consider(net, id));
      all = false;
    } else {
      touched.forEach(id -> consider(net, id));
    }
    touched.clear();
    return List.copyOf(watched.values());
  }

  private void consider(Network net, LineId id) {
    int position = net.position(id);
    if (position < 0) {
      return; // not in the graph: a new graph works every line out again
    }
    LineRuntime line = net.line(id);
    boolean watch =
        !line.heldPull.equals(Network.NEVER)
            || !line.heldPush.equals(Network.NEVER)
            || line.repairing
            || line.trigger != null;
    if (watch) {
      watched.put(position, id);
    } else {
      watched.remove(position);
    }
  }
}
