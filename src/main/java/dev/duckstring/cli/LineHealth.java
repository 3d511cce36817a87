package dev.duckstring.cli;

import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the CLI tells an operator before it drops a signal for a line that cannot take it, read from
 * the status.json of the line and of the lines upstream that block it: the state, the line at the
 * root of a block, and the verb that unblocks it.
 */
final class LineHealth {
  private final LineCommand.Target t;
  private final StatusStore store;
  private final Instant now;

  /** The state words for which demand is refused (read in full to say why). */
  private static final Set<String> REFUSING =
      Set.of(LineState.FAILED.word(), LineState.KILLED.word(), LineState.BLOCKED.word());

  LineHealth(LineCommand.Target t, Instant now) {
    this.t = t;
    this.store = new StatusStore(t.layout());
    this.now = now;
  }

  /** The target line. */
  LineId line() {
    return t.line();
  }

  /** The status of the target line as last written, or null when there is none yet. */
  LineStatus status() {
    return store.read(t.line());
  }

  /** Why demand (pulse, tap) cannot run the line now, or null when it can. */
  String demandRefusal() {
    Map<String, String> glance = store.glance(t.line());
    if (glance != null
        && glance.get("version") != null
        && !REFUSING.contains(glance.get("state"))) {
      return null; // the common case, decided without gson's reflective read of the whole record
    }
    LineStatus s = status();
    if (s == null) {
      return null;
    }
    if (s.version() == null && !s.yankedVersions().isEmpty()) {
      return t.line() + " runs nothing: " + s.error(); // decision 45
    }
    return switch (s.state()) {
      case FAILED, KILLED -> t.line() + " is " + describe(s) + "; " + cure(t.line(), s.state());
      case BLOCKED -> blocked(s);
      default -> null;
    };
  }

  /** The refusal of a blocked line: the line at the root of the block and how to clear it. */
  String blocked(LineStatus s) {
    LineId root = t.line();
    LineStatus at = s;
    Set<LineId> seen = new HashSet<>();
    while (at != null && !at.blockedBy().isEmpty() && seen.add(root)) {
      LineId next = LineId.parse(at.blockedBy().get(0));
      LineStatus up = store.read(next);
      if (up == null) {
        break;
      }
      root = next;
      at = up;
    }
    if (root.equals(t.line()) || at == null) {
      return t.line() + " is blocked (" + s.error() + "); deploy what it is missing";
    }
    return t.line()
        + " is blocked by "
        + root
        + " ("
        + describe(at)
        + "); "
        + cure(root, at.state());
  }

  /** {@code failed 12m ago: error} or {@code killed 3m ago}. */
  private String describe(LineStatus s) {
    StringBuilder b = new StringBuilder(s.state().word());
    if (s.lastRun() != null) {
      Instant at = s.lastRun().ended() != null ? s.lastRun().ended() : s.lastRun().started();
      if (at != null) {
        b.append(' ').append(Durations.human(Duration.between(at, now))).append(" ago");
      }
    }
    if (s.state() == LineState.FAILED && s.error() != null) {
      b.append(": ").append(s.error());
    } else if (s.state() == LineState.BLOCKED && s.error() != null) {
      b.append(": ").append(s.error());
    }
    return b.toString();
  }

  private String cure(LineId line, LineState state) {
    String verb = "duckstring clear " + t.catchment() + " " + line.pond() + version(line);
    return state == LineState.KILLED
        ? "run '" + verb + "' (or wake)"
        : "fix it and deploy, or run '" + verb + "'";
  }

  /** {@code --version N} when the Pond has more than one major deployed. */
  private String version(LineId line) {
    return new Deployments(t.layout()).majors(line.pond()).size() > 1
        ? " --version " + line.major()
        : "";
  }
}
