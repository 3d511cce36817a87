package dev.duckstring.engine;

import java.time.Instant;
import java.util.TreeSet;

/** Mutable freshness and demand of one Ripple; NEVER is {@link Network#NEVER}. */
final class RippleRuntime {
  Instant startF = Network.NEVER;
  Instant endF = Network.NEVER;
  boolean hasPull;
  boolean running;
  final TreeSet<Instant> targets = new TreeSet<>();

  /** Adds push target {@code t} unless already reached or present. */
  void addTarget(Instant t) {
    if (t.isAfter(endF)) {
      targets.add(t);
    }
  }
}
