package dev.duckstring.daemon;

import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Instant;

/** Messages to the reactor thread: scan hints, finished Ripples, stop. */
sealed interface Msg {
  /** Something under {@code pond} changed (null: rescan everything). */
  record Rescan(String pond) implements Msg {}

  /** A Ripple finished in a worker. {@code error} is null on success. */
  record RippleDone(
      LineId line,
      String ripple,
      Instant f,
      Path output,
      Instant started,
      Instant ended,
      Long rows,
      Long bytes,
      String error)
      implements Msg {}

  /** Stop the loop. */
  record Shutdown(String reason) implements Msg {}
}
