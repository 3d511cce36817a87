package dev.duckstring.cli;

import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import java.util.List;
import joptsimple.OptionSet;

/**
 * {@code pulse} and {@code tap}: drop a one-shot signal file and return at once, or with {@code
 * --wait} follow the run it causes to its end.
 */
final class PulseCommand extends LineCommand {
  private final SignalKind kind;
  private final WaitOptions waits = new WaitOptions(parser);

  PulseCommand(SignalKind kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind.label();
  }

  @Override
  public String summary() {
    return kind == SignalKind.PULSE
        ? "Run POND and everything upstream of it once, with one freshness (push to now)."
        : "Pull POND once: it runs when its Sources have something newer (they re-arm as it starts).";
  }

  @Override
  public String usage() {
    return "duckstring " + name() + " CATCHMENT POND [--version V] [--wait [--timeout D]]";
  }

  @Override
  int execute(Target t, OptionSet options, List<String> extra, Env env)
      throws InterruptedException {
    boolean wait = waits.waiting(options);
    String refused = new LineHealth(t, env.clock().instant()).demandRefusal();
    if (refused != null) {
      // Nothing is dropped: a signal file dropped by hand (touch, cron) is held instead.
      throw new DuckstringException(refused);
    }
    if (!wait) {
      return dropSignal(t, kind, env);
    }
    return RunWaiter.follow(env, t, drop(t, kind, env), true, waits.timeout(options));
  }
}
