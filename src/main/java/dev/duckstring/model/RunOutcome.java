package dev.duckstring.model;

import java.util.Locale;

/**
 * Where a Pond Run, or one Ripple of it, stands: run.json and status write the lower-case word
 * ({@code running}, {@code success}, {@code passed}, {@code failed}, {@code killed}, {@code
 * timed_out}).
 */
public enum RunOutcome {
  /** Started and not ended. */
  RUNNING,
  /** Executed and published (a Ripple: finished without error). */
  SUCCESS,
  /** Ended without executing: no Source changed since the previous run. */
  PASSED,
  /** Ended with an error. */
  FAILED,
  /** Stopped by the operator. */
  KILLED,
  /** Stopped for running past its timeout. */
  TIMED_OUT,
  /**
   * A word this build does not know (a file written by a newer one); never written by this build.
   */
  UNKNOWN;

  /** The word in files and answers. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome spelled {@code word}; a word this build does not know is {@link #UNKNOWN}. */
  public static RunOutcome of(String word) {
    for (RunOutcome o : values()) {
      if (o.word().equals(word)) {
        return o;
      }
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return word();
  }
}
