package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Starting Pond Runs and Ripples (reference §3, §5): every line and Ripple whose demand its Sources
 * can meet starts, and a run no Source changed for passes without executing, unless the line's code
 * is not the code that made its published data (a new version or a redeploy): that is a real run.
 */
final class RunStarts {
  private static final int MAX_STEPS = 1_000_000;

  private final Network net;
  private final Demand demand;
  private final RunEnds ends;
  private long looked;

  RunStarts(Network net, Demand demand, RunEnds ends) {
    this.net = net;
    this.demand = demand;
    this.ends = ends;
  }

  /**
   * Starts every startable line and Ripple until nothing more can start, looking at every line
   * (decision 65: after a new graph or a restore, and for every event but a run's progress).
   */
  void settle(Instant now) {
    settle(now, true);
  }

  /**
   * As {@link #settle(Instant)}; with {@code everyLine} false it looks only where a start can have
   * become possible since the last settle (decision 65): the lines touched since, their Sinks, and
   * the Inlets with demand (an Inlet's Source freshness is the clock). In the same order, with the
   * same result: every other line could not start at the last settle and nothing it reads changed.
   */
  void settle(Instant now, boolean everyLine) {
    boolean all = everyLine || !net.settledAll;
    int steps = 0;
    boolean changed = true;
    SettleQueue queue = new SettleQueue(net);
    while (changed) {
      changed = demand.releaseHeld(now);
      if (all) {
        net.takeUnsettled(); // what this round touches stays for the next settle to look at
        for (LineId id : net.order()) {
          changed |= step(id, now);
        }
      } else {
        for (LineId id = queue.round(); id != null; id = queue.next()) {
          changed |= step(id, now);
        }
      }
      if (++steps > MAX_STEPS) {
        throw new IllegalStateException("engine did not settle at " + now);
      }
    }
    if (all) {
      net.settledAll = true;
    }
    queue.leave();
  }

  /** How many times a settle looked at a line (tests show a hop looks at few). */
  long looked() {
    return looked;
  }

  /** Starts {@code id}'s run and Ripples where they can start; true when something started. */
  private boolean step(LineId id, Instant now) {
    looked++;
    boolean started = false;
    if (canStart(id, now)) {
      startRun(id, now);
      started = true;
    }
    for (Map.Entry<String, RippleRuntime> e : net.line(id).ripples.entrySet()) {
      if (canStartRipple(id, e.getValue(), e.getKey())) {
        startRipple(id, e.getKey(), now);
        started = true;
      }
    }
    return started;
  }

  private boolean canStart(LineId id, Instant now) {
    LineRuntime line = net.line(id);
    if (line.killed) {
      return false; // parked until cleared: no demand, no retry
    }
    if (line.repairing && !line.force) {
      return false;
    }
    if (net.isInlet(id) && line.hasPull && !line.pullM.isAfter(line.startF)) {
      // The pull's epoch is already covered by the run started at startF: absorb it.
      line.hasPull = false;
      line.pullM = Network.NEVER;
      net.touch(id);
    }
    Instant sourceF = net.sourceF(id, now);
    if (sourceF == null) {
      return false;
    }
    if (line.force) {
      return !line.busy();
    }
    boolean pushed = !line.targets.isEmpty() && !sourceF.isBefore(line.targets.first());
    boolean pulled = line.hasPull && sourceF.isAfter(line.startF);
    boolean normal = !line.failed && (pushed || pulled);
    // Retry on change (reference §3): only when a Source published past the failed run; an Inlet
    // has no Source to wait for (its sourceF is now), so it never retries this way.
    boolean retry =
        !line.failedF.equals(Network.NEVER)
            && line.failures <= line.sourceRetries
            && !net.isInlet(id)
            && sourceF.isAfter(line.startF);
    if (!normal && !retry) {
      return false;
    }
    // Never start a second run at a freshness already started (targets it covers wait for it).
    return runF(id, sourceF).isAfter(line.startF);
  }

  /** The run's F: sourceF, except an Inlet stamps the minted demand epoch. */
  private Instant runF(LineId id, Instant sourceF) {
    LineRuntime line = net.line(id);
    if (!net.isInlet(id)) {
      return sourceF;
    }
    Instant minted = line.targets.isEmpty() ? Network.NEVER : line.targets.last();
    if (line.hasPull) {
      minted = Network.later(minted, line.pullM);
    }
    return minted.equals(Network.NEVER) ? sourceF : minted;
  }

  private void startRun(LineId id, Instant now) {
    LineRuntime line = net.line(id);
    net.touch(id);
    Instant priorF = line.startF;
    boolean forced = line.force;
    boolean settled = !line.busy();
    Instant f = runF(id, net.sourceF(id, now));
    if (line.hasPull && !line.pullLocal && !net.blocked(id)) {
      for (LineId source : net.sources(id)) {
        demand.receivePull(source, now);
      }
    }
    line.startF = f;
    line.hasPull = false;
    line.pullLocal = false;
    line.pullM = Network.NEVER;
    line.targets.headSet(f, true).clear();
    line.d = inheritedD(id, f, line.d);
    line.runsStarted++;
    net.out.add(new Action.StartRun(id, f));
    if (forced) {
      Reruns.started(net, id, f);
    }
    // A retry of a failed line always executes: what is published is older than priorF.
    if (!forced
        && !net.isInlet(id)
        && settled
        && !line.failed
        && !sourcesChangedSince(id, priorF)
        && line.code.equals(line.publishedCode)) {
      pass(id, f, now);
      return;
    }
    line.inFlight.add(f);
    line.runCodes.put(f, line.code);
    for (RippleRuntime r : line.ripples.values()) {
      r.addTarget(f);
    }
    ends.maybePublish(id);
  }

  private Duration inheritedD(LineId id, Instant f, Duration current) {
    List<LineId> sources = net.sources(id);
    if (sources.isEmpty()) {
      return Duration.ZERO;
    }
    Duration best = null;
    for (LineId source : sources) {
      LineRuntime s = net.line(source);
      if (s.endF.equals(f) && (best == null || s.d.compareTo(best) > 0)) {
        best = s.d;
      }
    }
    return best == null ? current : best;
  }

  /** Strict change test over every Source: max(changedF, or endF if never changed) > priorF. */
  private boolean sourcesChangedSince(LineId id, Instant priorF) {
    for (LineId source : net.sources(id)) {
      LineRuntime s = net.line(source);
      Instant changed = s.changedF.equals(Network.NEVER) ? s.endF : s.changedF;
      if (changed.isAfter(priorF)) {
        return true;
      }
    }
    return false;
  }

  private void pass(LineId id, Instant f, Instant now) {
    LineRuntime line = net.line(id);
    net.out.add(new Action.PassRun(id, f));
    for (RippleRuntime r : line.ripples.values()) {
      r.startF = f;
      r.endF = f;
      r.targets.headSet(f, true).clear();
    }
    ends.completeRun(id, f, false, now);
  }

  private boolean canStartRipple(LineId id, RippleRuntime r, String name) {
    if (r.running) {
      return false;
    }
    Instant sourceF = rippleSourceF(id, name);
    boolean pushed = !r.targets.isEmpty() && !sourceF.isBefore(r.targets.first());
    return pushed || (r.hasPull && sourceF.isAfter(r.startF));
  }

  private Instant rippleSourceF(LineId id, String ripple) {
    List<String> parents = net.parents(id, ripple);
    LineRuntime line = net.line(id);
    if (parents.isEmpty()) {
      return line.startF;
    }
    Instant min = null;
    for (String parent : parents) {
      Instant f = line.ripples.get(parent).endF;
      min = min == null || f.isBefore(min) ? f : min;
    }
    return min;
  }

  private void startRipple(LineId id, String name, Instant now) {
    RippleRuntime r = net.line(id).ripples.get(name);
    net.touch(id);
    Instant f = rippleSourceF(id, name);
    r.startF = f;
    r.running = true;
    if (r.hasPull) {
      for (String parent : net.parents(id, name)) {
        demand.rippleSetHasPull(id, parent, now);
      }
      r.hasPull = false;
    }
    r.targets.headSet(f, true).clear();
    net.out.add(new Action.StartRipple(id, name, f));
  }
}
