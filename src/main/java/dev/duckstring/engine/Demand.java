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
    net.touch(id);
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
    net.touch(id);
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
    net.touch(id);
    List<LineId> required = net.requiredSources(id);
    for (LineId source : required.isEmpty() ? net.sources(id) : required) {
      addTarget(source, t);
    }
  }

  /**
   * An operator's tap at {@code now}: a pull, or, when the line is blocked, a pull held until it
   * unblocks (demand is never dropped without effect).
   */
  void tap(LineId id, Instant now) {
    if (net.blocked(id)) {
      net.line(id).heldPull = now;
      net.touch(id);
    } else {
      receivePull(id, now);
    }
  }

  /** An operator's pulse at {@code now}: a push target, or held while the line is blocked. */
  void pulse(LineId id, Instant now) {
    if (net.blocked(id)) {
      net.line(id).heldPush = now;
      net.touch(id);
    } else {
      addTarget(id, now);
    }
  }

  /** Applies, as of {@code now}, the demand held by every line that is no longer blocked. */
  boolean releaseHeld(Instant now) {
    boolean any = false;
    for (LineId id : net.watched()) {
      LineRuntime line = net.line(id);
      boolean pull = !line.heldPull.equals(Network.NEVER);
      boolean push = !line.heldPush.equals(Network.NEVER);
      if ((pull || push) && !net.blocked(id)) {
        line.heldPull = Network.NEVER;
        line.heldPush = Network.NEVER;
        net.touch(id);
        if (pull) {
          receivePull(id, now);
        }
        if (push) {
          addTarget(id, now);
        }
        any = true;
      }
    }
    return any;
  }

  /**
   * Sleep: drop the line's pull (held too), targets and trigger and its Ripples' pull; Ripple push
   * stays.
   */
  void stop(LineId id) {
    withdraw(id);
    net.touch(id);
    net.line(id).trigger = null;
    net.line(id).nextFire = null;
  }

  /** Drops the line's pull (held too), targets and its Ripples' pull; the trigger stays. */
  void withdraw(LineId id) {
    LineRuntime line = net.line(id);
    net.touch(id);
    line.hasPull = false;
    line.pullLocal = false;
    line.heldPull = Network.NEVER;
    line.heldPush = Network.NEVER;
    line.pullM = Network.NEVER;
    line.targets.clear();
    for (RippleRuntime r : line.ripples.values()) {
      r.hasPull = false;
    }
  }
}
