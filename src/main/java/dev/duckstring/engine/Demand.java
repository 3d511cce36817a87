package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.List;

/** Pull and push propagation (reference §3): cold-start pull cascade and push targets. */
final class Demand {
  private final Network net;

  Demand(Network net) {
    this.net = net;
  }

  /** A pull at demand epoch {@code m}: a cold line wakes every Ripple, a running one its leaves. */
  void receivePull(LineId id, Instant m) {
    if (!net.present(id) || net.blocked(id)) {
      return;
    }
    LineRuntime line = net.line(id);
    if (line.startF.equals(line.endF)) {
      setHasPull(id, m);
      for (String ripple : line.ripples.keySet()) {
        rippleSetHasPull(id, ripple, m);
      }
    } else {
      for (String leaf : net.leaves(id)) {
        rippleSetHasPull(id, leaf, m);
      }
    }
  }

  /** Sets the line's pull and passes it to Sources not already ahead of it. */
  void setHasPull(LineId id, Instant m) {
    LineRuntime line = net.line(id);
    line.pullM = Network.later(line.pullM, m);
    if (line.hasPull) {
      return;
    }
    line.hasPull = true;
    for (LineId source : net.sources(id)) {
      if (!net.line(source).startF.isAfter(line.startF)) {
        receivePull(source, m);
      }
    }
  }

  /** Sets a Ripple's pull: a root pulls its Pond, others their parents not already ahead. */
  void rippleSetHasPull(LineId id, String ripple, Instant m) {
    RippleRuntime r = net.line(id).ripples.get(ripple);
    if (r.hasPull) {
      return;
    }
    r.hasPull = true;
    List<String> parents = net.parents(id, ripple);
    if (parents.isEmpty()) {
      setHasPull(id, m);
      return;
    }
    for (String parent : parents) {
      if (!net.line(id).ripples.get(parent).startF.isAfter(r.startF)) {
        rippleSetHasPull(id, parent, m);
      }
    }
  }

  /**
   * Push target {@code t}: a set, propagated to required Sources only (to the optional ones when
   * there is no required Source, or the target could never be met); blocked lines refuse it.
   */
  void addTarget(LineId id, Instant t) {
    if (!net.present(id) || net.blocked(id)) {
      return;
    }
    LineRuntime line = net.line(id);
    if (!t.isAfter(line.endF) || !line.targets.add(t)) {
      return;
    }
    List<LineId> required = net.requiredSources(id);
    for (LineId source : required.isEmpty() ? net.sources(id) : required) {
      addTarget(source, t);
    }
  }

  /** Sleep: drop the line's pull, targets and trigger and its Ripples' pull; Ripple push stays. */
  void stop(LineId id) {
    LineRuntime line = net.line(id);
    line.hasPull = false;
    line.pullM = Network.NEVER;
    line.targets.clear();
    line.trigger = null;
    line.nextFire = null;
    for (RippleRuntime r : line.ripples.values()) {
      r.hasPull = false;
    }
  }
}
