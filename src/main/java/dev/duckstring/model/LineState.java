package dev.duckstring.model;

import java.util.Locale;

/**
 * What a Pond line is doing, as status shows it; status.json writes the lower-case word. When
 * several hold, the first of failed, killed, repairing, blocked, running, queued, idle is shown.
 */
public enum LineState {
  /** Nothing runs and no demand is held. */
  IDLE,
  /** Demand is held and waits for its Sources. */
  QUEUED,
  /** A Pond Run is in progress. */
  RUNNING,
  /** The line's own run failed. */
  FAILED,
  /** A required Source (or one of its Sources) failed, was killed or is missing. */
  BLOCKED,
  /** The operator killed its run; parked until cleared or woken. */
  KILLED,
  /**
   * A word this build does not know (a file written by a newer one); never written by this build.
   */
  UNKNOWN,
  /** In a repair: waits for its Sources in the repair to finish, or runs its forced run. */
  REPAIRING;

  /** The word in files and answers. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state spelled {@code word}; a word this build does not know is {@link #UNKNOWN}. */
  public static LineState of(String word) {
    for (LineState s : values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  @Override
  public String toString() {
    return word();
  }
}
