package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The operator's re-running verbs (reference §5): force (run now at the line's freshness, never a
 * no-change pass), refresh (the same, as a rebuild without previous output) and repair (refresh a
 * line, then force each line downstream in order; the lines still to repair block demand).
 */
final class Reruns {
  private final Network net;
  private final RunEnds ends;

  Reruns(Network net, RunEnds ends) {
    this.net = net;
    this.ends = ends;
  }

  /** Event: clear the line's failure and hold a forced run; it starts once nothing runs. */
  void force(LineId id) {
    ends.clear(id);
    net.touch(id);
    net.line(id).force = true;
  }

  /** Event: force, and the forced run is a rebuild. */
  void refresh(LineId id) {
    force(id);
    net.line(id).rebuild = true;
  }

  /** Event: refresh {@code id} and mark it and everything downstream repairing (one at a time). */
  void repair(LineId id) {
    for (LineId other : net.order()) {
      if (net.line(other).repairing) {
        return;
      }
    }
    for (LineId line : downstream(id)) {
      net.line(line).repairing = true;
      net.touch(line);
    }
    net.invalidateBlocked();
    refresh(id);
  }

  /** Forces each repairing line none of whose Sources is still repairing, once. */
  void advance() {
    for (LineId id : net.watched()) {
      LineRuntime line = net.line(id);
      if (!line.repairing || line.force || !line.forcedF.equals(Network.NEVER)) {
        continue;
      }
      boolean ready = true;
      for (LineId source : net.sources(id)) {
        ready &= !net.line(source).repairing;
      }
      if (ready) {
        force(id);
      }
    }
  }

  /** The line and every line that reads it, directly or not. */
  private Set<LineId> downstream(LineId id) {
    Set<LineId> seen = new LinkedHashSet<>();
    Deque<LineId> todo = new ArrayDeque<>(Set.of(id));
    while (!todo.isEmpty()) {
      LineId next = todo.poll();
      if (seen.add(next)) {
        for (LineId sink : net.order()) {
          if (net.sources(sink).contains(next)) {
            todo.add(sink);
          }
        }
      }
    }
    return seen;
  }

  /**
   * A forced run started at {@code f} (after its StartRun): consumes the force, and when {@code f}
   * is not past the line's freshness its Ripples must execute again, so their freshness is reset.
   */
  static void started(Network net, LineId id, Instant f) {
    LineRuntime line = net.line(id);
    net.touch(id);
    line.force = false;
    line.forcedF = f;
    if (!f.isAfter(line.endF)) {
      for (RippleRuntime r : line.ripples.values()) {
        r.endF = Network.NEVER;
      }
    }
    if (line.rebuild) {
      line.rebuild = false;
      line.rebuildF = f;
      net.out.add(new Action.Rebuild(id, f));
    }
  }

  /** True when {@code done} is a forced run at or below the line's freshness, to publish. */
  static boolean republish(LineRuntime line, Instant done) {
    return isForced(line, done) && !done.isAfter(line.endF) && !line.publishing.contains(done);
  }

  /** True when {@code f} is the line's started forced run. */
  static boolean isForced(LineRuntime line, Instant f) {
    return !line.forcedF.equals(Network.NEVER) && f.equals(line.forcedF);
  }

  /** Run {@code f} completed: a forced run at or below it is done, and so is its repair. */
  static void completed(Network net, LineRuntime line, Instant f) {
    if (!f.isBefore(line.rebuildF)) {
      line.rebuildF = Network.NEVER;
    }
    if (!line.forcedF.equals(Network.NEVER) && !f.isBefore(line.forcedF)) {
      line.forcedF = Network.NEVER;
      if (line.repairing) {
        line.repairing = false;
        net.invalidateBlocked();
      }
    }
  }

  /** Run {@code f} failed: a forced run at {@code f} ends, and a repair is abandoned. */
  static void failed(Network net, LineRuntime line, Instant f) {
    if (!line.rebuildF.equals(Network.NEVER) && f.equals(line.rebuildF)) {
      line.rebuildF = Network.NEVER;
    }
    if (!isForced(line, f)) {
      return;
    }
    line.forcedF = Network.NEVER;
    if (line.repairing) {
      for (LineId id : net.order()) {
        LineRuntime other = net.line(id);
        if (other.repairing) {
          net.touch(id);
        }
        if (other.repairing && other.forcedF.equals(Network.NEVER)) {
          other.force = false;
        }
        other.repairing = false;
      }
      net.invalidateBlocked();
    }
  }
}
