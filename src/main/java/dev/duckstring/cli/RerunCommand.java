package dev.duckstring.cli;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineState;
import java.util.List;
import joptsimple.OptionSet;

/**
 * {@code force}, {@code refresh} and {@code repair}: drop the re-running signal and return, or with
 * {@code --wait} follow the named line's re-run to its end.
 */
final class RerunCommand extends LineCommand {
  private final SignalKind kind;
  private final WaitOptions waits = new WaitOptions(parser);

  RerunCommand(SignalKind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.label();
  }

  @Override
  public String summary() {
    return switch (kind) {
      case FORCE ->
          "Run POND now at its freshness, even if nothing changed (an Inlet stamps now);"
              + " clears its failure; nothing downstream runs.";
      case REFRESH ->
          "Rebuild POND from scratch (no Ripple gets its previous output), then run it as force"
              + " does.";
      default ->
          "Refresh POND, then re-run every Pond downstream of it in order, each as a real run;"
              + " they are 'repairing' (and refuse demand) until their turn is done.";
    };
  }

  @Override
  public String usage() {
    return "duckstring " + name() + " CATCHMENT POND [--version V] [--wait [--timeout D]]";
  }

  @Override
  int execute(Target t, OptionSet options, List<String> extra, Env env)
      throws InterruptedException {
    if (!waits.waiting(options)) {
      return dropSignal(t, kind, env);
    }
    // Waiting for a run that a blocked line cannot start would never end: refuse, drop nothing.
    LineHealth health = new LineHealth(t, env.clock().instant());
    LineStatus s = health.status();
    if (s != null && s.state() == LineState.BLOCKED) {
      throw new DuckstringException(health.blocked(s));
    }
    return RunWaiter.follow(env, t, drop(t, kind, env), false, waits.timeout(options));
  }
}
