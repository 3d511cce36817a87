package dev.duckstring.daemon;

import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import java.nio.file.Path;
import java.time.Instant;

/** Messages to the reactor thread: scan hints, finished Ripples, stop. */
sealed interface Msg {
  /** Something under {@code pond} changed (null: rescan everything). */
  record Rescan(String pond) implements Msg {}

  /**
   * A Ripple finished in a worker. {@code error} is null on success; {@code unreadable} names the
   * Ripple's previous output when the failure was that it could not be read (else null); {@code
   * outcome} is success, failed, or timed_out when it was stopped at its time limit.
   */
  record RippleDone(
      LineId line,
      String ripple,
      Instant f,
      Path output,
      Instant started,
      Instant ended,
      Long rows,
      Long bytes,
      String error,
      Path unreadable,
      RunOutcome outcome)
      implements Msg {}

  /** Stop the loop. */
  record Shutdown(String reason) implements Msg {}
}
