package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;

/**
 * What the engine asks the daemon to do, in order. Runs are identified by F; runs pipeline, and a
 * later run may overtake an earlier one inside the Pond, so a Publish or PassRun at F also
 * completes every started run of the line at or below F.
 */
public sealed interface Action {
  /** A Pond Run at freshness {@code f} begins (write its run record). */
  record StartRun(LineId line, Instant f) implements Action {}

  /** Execute one Ripple for run {@code f}; answer with RippleCompleted or RippleFailed. */
  record StartRipple(LineId line, String ripple, Instant f) implements Action {}

  /** All Ripples of run {@code f} are done: publish them; answer Published or PublishFailed. */
  record Publish(LineId line, Instant f) implements Action {}

  /** Run {@code f} completed without executing (no Source changed): record it, publish nothing. */
  record PassRun(LineId line, Instant f) implements Action {}

  /** Run {@code f} failed with {@code error}. */
  record RunFailed(LineId line, Instant f, String error) implements Action {}

  /**
   * Run {@code f} (started just before) is a rebuild: its Ripples get no previous output of their
   * own (refresh and repair); emitted again on resume while that run is in flight.
   */
  record Rebuild(LineId line, Instant f) implements Action {}

  /** Run {@code f} was killed by the operator: stop its running Ripples, record it killed. */
  record RunKilled(LineId line, Instant f) implements Action {}
}
