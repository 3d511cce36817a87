package dev.duckstring.cli;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineState;
import java.util.List;
import joptsimple.OptionSet;

/**
 * {@code kill}, {@code clear} and {@code wake}: check the line's last status, then drop the signal
 * file the daemon acts on (it checks again against the engine and rejects what does not apply).
 */
final class ControlCommand extends LineCommand {
  private final SignalKind kind;

  ControlCommand(SignalKind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.label();
  }

  @Override
  public String summary() {
    return switch (kind) {
      case KILL ->
          "Stop POND's running Ripples (whole process trees); it stays killed, blocking its Sinks, until clear or wake.";
      case CLEAR ->
          "Reset a failed or killed POND (or a run that will never end); it runs at the next demand.";
      case WAKE ->
          "Clear POND, then run it once if its Sources have newer data (never pulls them).";
      default -> throw new IllegalStateException(kind.label());
    };
  }

  @Override
  public String usage() {
    return "duckstring " + name() + " CATCHMENT POND [--version V]";
  }

  @Override
  int execute(Target t, OptionSet options, List<String> extra, Env env) {
    LineHealth health = new LineHealth(t, env.clock().instant());
    String refused = refusal(health, health.status());
    if (refused != null) {
      throw new DuckstringException(refused);
    }
    return dropSignal(t, kind, env);
  }

  /** Why the verb does not apply to the line's last status, or null. */
  private String refusal(LineHealth health, LineStatus s) {
    LineState state = s == null ? LineState.IDLE : s.state();
    String line = health.line().toString();
    return switch (kind) {
      case KILL ->
          state == LineState.RUNNING || (s != null && s.runsInFlight() > 0)
              ? null
              : line + " is not running (" + state.word() + "); there is nothing to kill";
      case CLEAR ->
          switch (state) {
            case FAILED, KILLED, RUNNING, UNKNOWN ->
                null; // running: the daemon knows if it is stuck
            case BLOCKED -> health.blocked(s) + " (clear that line instead)";
            default -> line + " is " + state.word() + ", not failed or killed; nothing to clear";
          };
      case WAKE -> state == LineState.BLOCKED ? health.blocked(s) : null;
      default -> null;
    };
  }
}
