package dev.duckstring.daemon;

import dev.duckstring.catchment.EventLog;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether an operator's verb applies to a line as the engine sees it: {@code kill} needs a run in
 * progress, {@code clear} a failed or killed line (or a run that will never end), and neither
 * {@code clear} nor {@code wake} unblocks a line that another line blocks. A refused signal is
 * moved aside with the reason and changes nothing; a repair while one is in progress is journaled.
 */
final class ControlChecks {
  private ControlChecks() {}

  /** Why {@code event} does not apply, or null when it does (every other event applies). */
  static String refusal(Event event, Map<LineId, PondView> views, Predicate<LineId> needsClear) {
    if (event instanceof Event.Kill k) {
      PondView v = views.get(k.line());
      return v == null || v.runsInFlight() > 0 || v.state() == LineState.RUNNING
          ? null
          : k.line() + " is not running (" + v.state() + "); there is nothing to kill";
    }
    if (event instanceof Event.Clear c) {
      if (needsClear.test(c.line())) {
        return null;
      }
      return blockedElsewhere(c.line(), views, "clear")
          .orElse(
              c.line()
                  + " is "
                  + state(views, c.line())
                  + ", not failed or killed; nothing to clear");
    }
    if (event instanceof Event.Wake w && !needsClear.test(w.line())) {
      return blockedElsewhere(w.line(), views, "wake").orElse(null);
    }
    return null;
  }

  private static String state(Map<LineId, PondView> views, LineId line) {
    PondView v = views.get(line);
    return v == null ? "unknown" : v.state().word();
  }

  /** The refusal for a line blocked by another line's failure, kill or absence. */
  private static Optional<String> blockedElsewhere(
      LineId line, Map<LineId, PondView> views, String verb) {
    PondView v = views.get(line);
    if (v == null || v.state() != LineState.BLOCKED) {
      return Optional.empty();
    }
    LineId root = line;
    PondView at = v;
    while (at != null && !at.blockedBy().isEmpty()) {
      root = at.blockedBy().get(0);
      at = views.get(root);
    }
    if (root.equals(line)) {
      return Optional.of(
          line + " is blocked (" + v.error() + "); " + verb + " does not unblock it");
    }
    return Optional.of(
        line
            + " is blocked by "
            + root
            + " ("
            + state(views, root)
            + "); "
            + verb
            + " "
            + root.pond()
            + " instead");
  }

  /**
   * Journals {@code repair_ignored} when a repair is in progress already (another line is
   * repairing): the engine ignores {@code r} then.
   */
  static void journalRepairInProgress(
      Event.Repair r, Map<LineId, PondView> views, EventLog log, Instant now) {
    views.values().stream()
        .filter(v -> v.state() == LineState.REPAIRING)
        .findFirst()
        .ifPresent(
            v ->
                log.append(
                    now,
                    "repair_ignored",
                    Map.of(
                        "line",
                        r.line().toString(),
                        "reason",
                        "a repair is in progress (" + v.line() + " is repairing)")));
  }
}
