package dev.duckstring.engine;

import java.time.Duration;

/** A standing trigger held by a Pond line (at most one; a new one replaces it). */
public sealed interface Trigger {
  /** Standing pull: re-tap at every completion and whenever idle. */
  record Wave() implements Trigger {}

  /** Keep staleness under {@code bound}. */
  record Tide(Duration bound) implements Trigger {}

  /** Push a target of now at each time the cron expression fires (UTC, or local if asked). */
  record Cron(String expression, boolean local) implements Trigger {}
}
