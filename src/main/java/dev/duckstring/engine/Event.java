package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Instant;

/** What the daemon tells the engine. */
public sealed interface Event {
  /** One pull (tap). */
  record Tap(LineId line) implements Event {}

  /** One push to now (pulse). */
  record Pulse(LineId line) implements Event {}

  /** Attach a standing trigger, replacing any other. */
  record SetTrigger(LineId line, Trigger trigger) implements Event {}

  /** Drop the standing trigger; demand already held drains. */
  record RemoveTrigger(LineId line) implements Event {}

  /** Withdraw demand: clear pull and targets, drop the trigger; started work drains. */
  record Stop(LineId line) implements Event {}

  /** Operator clear or redeploy: forget the line's own failure and abandon its failed run. */
  record Clear(LineId line) implements Event {}

  /** Operator kill: stop the line's running runs (recorded killed) and park it until cleared. */
  record Kill(LineId line) implements Event {}

  /** Operator wake: clear, then run once if the Sources are newer (never pulls them). */
  record Wake(LineId line) implements Event {}

  /** Stop with {@code --upstream}: withdraw demand from the line and every ancestor. */
  record StopUpstream(LineId line) implements Event {}

  /**
   * Re-drive a line whose run failed for a passing reason (a full disk): forget the failure and
   * demand again the freshness the failed run was for, so that it runs again and its Sinks unblock.
   */
  record Retry(LineId line) implements Event {}

  /**
   * The line's on-change retry budget (pond.toml's {@code [retry] on_change}, or the operator's
   * override): after a failed run, up to {@code onChange} more runs, each when its Sources publish
   * newer data. The daemon sends it at start and whenever the budget changes.
   */
  record Budget(LineId line, int onChange) implements Event {}

  /** A Ripple finished run {@code f} successfully. */
  record RippleCompleted(LineId line, String ripple, Instant f) implements Event {}

  /** A Ripple of run {@code f} failed. */
  record RippleFailed(LineId line, String ripple, Instant f, String error) implements Event {}

  /** The daemon published run {@code f}; {@code changed} is false when the output is identical. */
  record Published(LineId line, Instant f, boolean changed) implements Event {}

  /** Publishing run {@code f} failed; the previous generation stays. */
  record PublishFailed(LineId line, Instant f, String error) implements Event {}

  /** Time passed: evaluate standing triggers. */
  record Tick() implements Event {}

  /**
   * Operator force: clear the line's failure and run it now at its current freshness, never as a
   * no-change pass (an Inlet stamps now). Nothing downstream runs because of it.
   */
  record Force(LineId line) implements Event {}

  /** Operator refresh: like {@link Force}, and the run is a rebuild without previous output. */
  record Refresh(LineId line) implements Event {}

  /**
   * Operator repair: refresh the line, then force every line downstream of it, each once its
   * Sources in the repair have finished; the lines repairing block demand until then.
   */
  record Repair(LineId line) implements Event {}
}
