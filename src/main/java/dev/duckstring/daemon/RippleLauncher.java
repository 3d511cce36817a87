package dev.duckstring.daemon;

import dev.duckstring.model.LineId;
import java.time.Instant;

/**
 * Starts Ripples (and data tests) off the reactor thread; results come back as {@link
 * Msg.RippleDone} (and {@link Msg.TestsDone}). No method has a default, so a wrapper (such as
 * {@link RippleRetries#tracking}) cannot silently drop one.
 */
interface RippleLauncher {
  void launch(RippleJob job);

  /**
   * Runs the data tests of a run before its publish (decision 49); they report back with a {@link
   * Msg.TestsDone}, and {@link #cancel} stops them.
   */
  void test(TestJob job);

  /** Run {@code f} of {@code line} has ended: per-run resources may go. */
  void runEnded(LineId line, Instant f);

  /**
   * Stops every Ripple of {@code line} running or waiting to run (a command's process group too);
   * each still reports back, failed.
   */
  void cancel(LineId line);
}
