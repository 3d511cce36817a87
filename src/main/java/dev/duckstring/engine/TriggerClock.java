package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When standing triggers fire (Wave re-taps when idle, Tide keeps staleness under a bound, Cron
 * pulses) and when the daemon must next send a Tick for them.
 */
final class TriggerClock {
  /** Shortest re-check when a Tide bound cannot be met by firing (bound not above D). */
  static final Duration MIN_RECHECK = Duration.ofSeconds(1);

  private final Network net;
  private final Demand demand;
  private final CronSchedule cron;

  TriggerClock(Network net, Demand demand, CronSchedule cron) {
    this.net = net;
    this.demand = demand;
    this.cron = cron;
  }

  /** Attaches {@code trigger} (replacing any other) and evaluates it once, as a tick would. */
  void set(LineId id, Trigger trigger, Instant now) {
    LineRuntime line = net.line(id);
    net.touch(id);
    line.trigger = trigger;
    line.nextFire = trigger instanceof Trigger.Cron c ? cron.nextAfter(c, now) : null;
    evaluate(id, now);
  }

  /** Drops the standing trigger; demand already held drains. */
  void remove(LineId id) {
    LineRuntime line = net.line(id);
    net.touch(id);
    line.trigger = null;
    line.nextFire = null;
  }

  /** Evaluates every standing trigger at {@code now}. */
  void tick(Instant now) {
    for (LineId id : net.order()) {
      evaluate(id, now);
    }
  }

  private void evaluate(LineId id, Instant now) {
    LineRuntime line = net.line(id);
    Trigger trigger = line.trigger;
    if (trigger instanceof Trigger.Wave) {
      if (line.idle()) {
        demand.receivePull(id, now);
      }
    } else if (trigger instanceof Trigger.Tide tide) {
      if (!now.plus(line.d).minus(tide.bound()).isBefore(tideReference(line))) {
        demand.addTarget(id, now);
      }
    } else if (trigger instanceof Trigger.Cron c) {
      if (line.nextFire != null && !now.isBefore(line.nextFire)) {
        demand.addTarget(id, now);
        line.nextFire = cron.nextAfter(c, now);
        net.touch(id);
      }
    }
  }

  private static Instant tideReference(LineRuntime line) {
    return line.targets.isEmpty() ? line.startF : line.targets.last();
  }

  /** The earliest instant a Tick can change anything; empty when no trigger needs one. */
  Optional<Instant> nextWake(Instant now) {
    Instant best = null;
    for (LineId id : net.watched()) {
      Instant wake = wakeOf(id, now);
      if (wake != null && (best == null || wake.isBefore(best))) {
        best = wake;
      }
    }
    return Optional.ofNullable(best);
  }

  private Instant wakeOf(LineId id, Instant now) {
    LineRuntime line = net.line(id);
    if (line.trigger instanceof Trigger.Cron) {
      return line.nextFire;
    }
    if (net.blocked(id)) {
      return null;
    }
    if (line.trigger instanceof Trigger.Tide tide) {
      return tideDeadline(line, tide.bound(), now);
    }
    if (line.trigger instanceof Trigger.Wave && line.idle()) {
      // An Inlet's pull at an epoch it has already started is absorbed: wait for time to pass.
      return net.isInlet(id) && !now.isAfter(line.startF) ? line.startF.plusNanos(1) : now;
    }
    return null;
  }

  private static Instant tideDeadline(LineRuntime line, Duration bound, Instant now) {
    Instant ref = tideReference(line);
    if (ref.equals(Network.NEVER)) {
      return now;
    }
    Instant deadline = ref.plus(bound).minus(line.d);
    if (deadline.isAfter(now)) {
      return deadline;
    }
    return ref.isBefore(now) ? now : now.plus(MIN_RECHECK);
  }
}
