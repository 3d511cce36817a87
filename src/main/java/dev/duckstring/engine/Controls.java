package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.TreeSet;

/** The operator's verbs on a line (reference §5): kill, wake and stop along every ancestor. */
final class Controls {
  private final Network net;
  private final Demand demand;
  private final RunEnds ends;

  Controls(Network net, Demand demand, RunEnds ends) {
    this.net = net;
    this.demand = demand;
    this.ends = ends;
  }

  /**
   * Kill: the line's started runs end killed (the daemon stops their Ripples), all its demand goes
   * (Ripple push too), and it is parked killed: it blocks its required Sinks and takes no demand
   * until cleared or woken. A line with nothing running is left as it is. A run whose Ripples are
   * done but whose publish is not answered yet (the daemon runs its data tests, decision 49) is
   * killed too: its late answer is ignored.
   */
  void kill(LineId id) {
    LineRuntime line = net.line(id);
    if (!line.busy()) {
      return;
    }
    line.killed = true;
    net.touch(id);
    net.invalidateBlocked();
    demand.withdraw(id); // a standing trigger stays: it asks again once the line is cleared
    for (RippleRuntime r : line.ripples.values()) {
      r.running = false;
      r.targets.clear();
    }
    TreeSet<Instant> killed = new TreeSet<>(line.publishing);
    killed.addAll(line.inFlight.tailSet(line.endF, false));
    killed.forEach(f -> net.out.add(new Action.RunKilled(id, f)));
    line.inFlight.removeAll(killed);
    line.publishing.clear();
    line.startF = line.endF;
  }

  /**
   * Wake: clear the line's failure or kill, then pull it once, locally: it runs when its Sources
   * are newer than its last run, and never pulls them (a line already current stays as it is).
   */
  void wake(LineId id, Instant now) {
    ends.clear(id);
    LineRuntime line = net.line(id);
    net.touch(id);
    if (net.blocked(id)) {
      line.heldPull = now; // blocked by a Source: applied when that one is cleared
      return;
    }
    line.hasPull = true;
    line.pullLocal = true;
    line.pullM = Network.later(line.pullM, now);
  }

  /**
   * Stop with {@code --upstream}: stop the line, and withdraw the demand every ancestor holds. An
   * ancestor's own standing trigger is its operator's file and stays (stop that line to drop it).
   */
  void stopUpstream(LineId id) {
    demand.stop(id);
    for (LineId ancestor : net.ancestors(id)) {
      demand.withdraw(ancestor);
    }
  }
}
