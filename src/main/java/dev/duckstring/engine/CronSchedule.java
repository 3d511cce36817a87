package dev.duckstring.engine;

import dev.duckstring.model.Trigger;
import java.time.Instant;

/** Computes cron fire times; supplied by the daemon so the engine stays free of libraries. */
@FunctionalInterface
public interface CronSchedule {
  /** The first fire time strictly after {@code after}. */
  Instant nextAfter(Trigger.Cron cron, Instant after);
}
