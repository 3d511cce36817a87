package dev.duckstring.model;

import java.util.Locale;

/**
 * What an alert rule can be told of: a line failed, was killed, is blocked, recovered, is stale.
 */
public enum AlertEvent {
  /** The line's own run failed (or timed out). */
  FAILED,
  /** The operator killed the line's run. */
  KILLED,
  /** A required Source failed, was killed or is missing. */
  BLOCKED,
  /** An incident (any of the others) ended. */
  RECOVERED,
  /** The published data is older than the line's SLA. */
  STALE;

  /** The word in catchment.toml, events.log and alert payloads. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The event spelled {@code word}, or null when there is none. */
  public static AlertEvent of(String word) {
    for (AlertEvent e : values()) {
      if (e.word().equals(word)) {
        return e;
      }
    }
    return null;
  }

  /** The event a line in {@code state} is in, or null when the state is no trouble. */
  public static AlertEvent ofState(LineState state) {
    return switch (state) {
      case FAILED -> FAILED;
      case KILLED -> KILLED;
      case BLOCKED -> BLOCKED;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return word();
  }
}
