package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Instant;
import java.util.List;

/**
 * What status shows of a line. Instants are null for NEVER.
 *
 * @param targets outstanding push targets, ascending
 * @param runsInFlight Pond Runs started and not yet complete
 */
public record PondView(
    LineId line,
    State state,
    boolean hasPull,
    List<Instant> targets,
    Instant startF,
    Instant endF,
    Instant changedF,
    int runsInFlight,
    long runsCompleted,
    Trigger trigger,
    String error,
    List<LineId> missingSources,
    List<LineId> blockedBy) {

  /** Status precedence: failed > blocked > running > queued > idle. */
  public enum State {
    IDLE,
    QUEUED,
    RUNNING,
    FAILED,
    BLOCKED
  }
}
