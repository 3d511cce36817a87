package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lines one settle after a run's progress looks at (decision 65), in the full pass's order: the
 * lines touched since the last settle, their Sinks, and the Inlets that hold demand.
 */
final class SettleQueue {
  private final Network net;
  private final TreeMap<Integer, LineId> queue = new TreeMap<>();

  /** Touched behind the line being looked at: the next round looks at them. */
  private final Set<LineId> carried = new HashSet<>();

  private int at = -1;

  SettleQueue(Network net) {
    this.net = net;
  }

  /** Starts a round; returns its first line, or null when there is nothing to look at. */
  LineId round() {
    queue.clear();
    at = -1;
    add(Set.copyOf(carried), null);
    carried.clear();
    add(net.takeUnsettled(), null);
    for (LineId inlet : net.inlets()) {
      LineRuntime line = net.line(inlet);
      if (line.force || line.hasPull || !line.targets.isEmpty()) {
        queue.put(net.position(inlet), inlet);
      }
    }
    return next();
  }

  /** Queues what the last line looked at touched; returns the next line of the round, or null. */
  LineId next() {
    add(net.takeUnsettled(), carried);
    Map.Entry<Integer, LineId> e = queue.pollFirstEntry();
    if (e == null) {
      return null;
    }
    at = e.getKey();
    return e.getValue();
  }

  /** The settle ends: what was touched after it was looked at is marked for the next one. */
  void leave() {
    for (LineId id : carried) {
      net.unsettle(id);
    }
    carried.clear();
  }

  /**
   * Queues each of {@code touched} and its Sinks: after the current line, else into {@code later}.
   */
  private void add(Set<LineId> touched, Set<LineId> later) {
    for (LineId id : touched) {
      if (net.present(id)) {
        put(id, later);
        for (LineId sink : net.sinks(id)) {
          put(sink, later);
        }
      }
    }
  }

  private void put(LineId id, Set<LineId> later) {
    int position = net.position(id);
    if (position > at) {
      queue.put(position, id);
    } else if (later != null) {
      later.add(id);
    }
  }
}
