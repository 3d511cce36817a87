package dev.duckstring.manifest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of signal file a Pond's inbox accepts; the file name up to its first '.' names it. */
public enum SignalKind {
  /** Push a target of now through the lineage: every Pond runs once, one freshness. */
  PULSE,
  /** Pull once. */
  TAP,
  /** The seed's word for a pull; the same as tap. */
  DEMAND,
  /** Withdraw demand and the standing trigger; started work drains. */
  STOP,
  /** Run now at the line's freshness, never as a no-change pass; nothing downstream runs. */
  FORCE,
  /** Force, as a rebuild: the run gets no previous output of its own. */
  REFRESH,
  /** Refresh the line, then re-run every line downstream of it in order. */
  REPAIR,
  /** Like stop, for the line and every line upstream of it ({@code stop-upstream}). */
  STOP_UPSTREAM,
  /** Stop the line's running Ripples (process trees too); it is parked killed until cleared. */
  KILL,
  /** Reset a failed or killed line (or abandon a run that will never end); it runs on demand. */
  CLEAR,
  /** Clear, then run once if the Sources are newer (never pulls them). */
  WAKE,
  /**
   * Delete the line's schema contract: the next run that publishes captures it anew (decision 44).
   */
  SCHEMA_RESET;

  /** The word that starts the file name: the lower-case name, '-' for '_'. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind named by a signal file name ({@code pulse}, {@code pulse.cron-0215}), if known. */
  public static Optional<SignalKind> ofFileName(String fileName) {
    int dot = fileName.indexOf('.');
    String word = dot < 0 ? fileName : fileName.substring(0, dot);
    return Arrays.stream(values()).filter(k -> k.label().equals(word)).findFirst();
  }

  /** The known labels, for error messages. */
  public static String labels() {
    return String.join(", ", Arrays.stream(values()).map(SignalKind::label).toList());
  }
}
