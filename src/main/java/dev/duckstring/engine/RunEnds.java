package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * Ending Pond Runs (reference §3, §5): Ripple completions and failures, publishing, the failure of
 * a run, and the operator's clear and retry of a failed line.
 */
final class RunEnds {
  private final Network net;
  private final Demand demand;

  RunEnds(Network net, Demand demand) {
    this.net = net;
    this.demand = demand;
  }

  /** Event: Ripple {@code name} finished run {@code f}; stale or duplicate reports are ignored. */
  void rippleCompleted(LineId id, String name, Instant f) {
    RippleRuntime r = ripple(id, name);
    if (r == null || !r.running || !r.startF.equals(f)) {
      return;
    }
    net.touch(id);
    r.endF = r.startF;
    r.running = false;
    maybePublish(id);
  }

  /** Event: Ripple {@code name} gave up on run {@code f}. */
  void rippleFailed(LineId id, String name, Instant f, String error) {
    RippleRuntime r = ripple(id, name);
    if (r == null || !r.running || !r.startF.equals(f)) {
      return;
    }
    net.touch(id);
    r.running = false;
    fail(id, f, error);
  }

  /**
   * Event: run {@code f} is published; the line's endF advances only now, and its published data is
   * now the work of the code run {@code f} started with (unknown if that was not kept).
   */
  void published(LineId id, Instant f, boolean changed, Instant now) {
    if (net.present(id)) {
      net.touch(id);
    }
    if (net.present(id)
        && net.line(id).publishing.remove(f)
        && (f.isAfter(net.line(id).endF) || Reruns.isForced(net.line(id), f))) {
      net.line(id).publishedCode = net.line(id).runCodes.get(f);
      completeRun(id, f, changed, now);
    }
  }

  /** Event: publishing run {@code f} failed, which fails the run. */
  void publishFailed(LineId id, Instant f, String error) {
    if (net.present(id) && net.line(id).publishing.remove(f)) {
      net.touch(id);
      fail(id, f, error);
    }
  }

  private RippleRuntime ripple(LineId id, String name) {
    return net.present(id) ? net.line(id).ripples.get(name) : null;
  }

  /** Publishes the run whose leaves all completed, if it is newer than what is published. */
  void maybePublish(LineId id) {
    LineRuntime line = net.line(id);
    List<String> leaves = net.leaves(id);
    Instant done = leaves.isEmpty() ? line.startF : null;
    for (String leaf : leaves) {
      Instant f = line.ripples.get(leaf).endF;
      done = done == null || f.isBefore(done) ? f : done;
    }
    Instant floor = line.publishing.isEmpty() ? line.endF : line.publishing.last();
    if (done.isAfter(Network.later(floor, line.endF)) || Reruns.republish(line, done)) {
      line.publishing.add(done);
      net.touch(id);
      net.out.add(new Action.Publish(id, done));
    }
  }

  /** Run {@code f} is complete: the line is fresh to {@code f}; a Wave pulls again. */
  void completeRun(LineId id, Instant f, boolean changed, Instant now) {
    LineRuntime line = net.line(id);
    net.touch(id);
    line.endF = f;
    line.startF = Network.later(line.startF, f);
    if (changed) {
      line.changedF = f;
    }
    line.targets.headSet(f, true).clear();
    line.inFlight.headSet(f, true).clear();
    line.runCodes.headMap(f, true).clear();
    line.runsCompleted++;
    Reruns.completed(net, line, f);
    if (line.failed && f.isAfter(line.failedF)) {
      clearFailure(line);
    }
    if (line.trigger instanceof Trigger.Wave) {
      demand.receivePull(id, now);
    }
  }

  private void fail(LineId id, Instant f, String error) {
    LineRuntime line = net.line(id);
    net.touch(id);
    line.failed = true;
    net.invalidateBlocked();
    line.failedF = Network.later(line.failedF, f);
    line.failures++;
    line.error = error;
    line.inFlight.remove(f);
    line.runCodes.remove(f);
    Reruns.failed(net, line, f);
    net.out.add(new Action.RunFailed(id, f, error));
  }

  /**
   * Operator clear (or redeploy): forget the failure or kill and abandon a run that will never end
   * (the failed run's phantom, or a run with nothing left running); blocks are worked out again.
   */
  void clear(LineId id) {
    if (!net.present(id) || !needsClear(net.line(id))) {
      return;
    }
    LineRuntime line = net.line(id);
    net.touch(id);
    clearFailure(line);
    line.killed = false;
    Instant keep = line.publishing.isEmpty() ? line.endF : line.publishing.last();
    line.startF = Network.later(line.endF, keep);
    line.inFlight.tailSet(line.startF, false).clear();
    line.runCodes.tailMap(line.startF, false).clear();
  }

  /** True when the line failed, was killed, or holds a started run with nothing running. */
  static boolean needsClear(LineRuntime line) {
    return line.failed || line.killed || !line.failedF.equals(Network.NEVER) || stuck(line);
  }

  private static boolean stuck(LineRuntime line) {
    return line.startF.isAfter(line.endF)
        && line.publishing.isEmpty()
        && line.ripples.values().stream().noneMatch(r -> r.running);
  }

  /**
   * Event: retry a failed line. Like {@link #clear}, and the failed run's freshness becomes a push
   * target again (its own target was consumed when it started), so the run is redone at that F (or
   * later) and what waited on it (Sinks' targets and pulls) is served. Ignored while a Ripple of
   * the line still runs (the caller retries later).
   */
  void retry(LineId id) {
    if (!net.present(id)
        || !net.line(id).failed
        || net.line(id).ripples.values().stream().anyMatch(r -> r.running)) {
      return;
    }
    Instant f = net.line(id).failedF;
    clear(id);
    demand.addTarget(id, f);
  }

  private void clearFailure(LineRuntime line) {
    line.failed = false;
    net.invalidateBlocked();
    line.failedF = Network.NEVER;
    line.failures = 0;
    line.error = null;
  }
}
