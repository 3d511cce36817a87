package dev.duckstring.daemon;

import dev.duckstring.model.RippleSpec;
import java.nio.file.Path;

/** Runs a command Ripple through the runner. */
final class Commands {
  private Commands() {}

  static long run(RippleJob job, RippleSpec spec, Path project, Path out) {
    throw new UnsupportedOperationException("command ripples land with the runner merge");
  }
}
