package dev.duckstring.cli;

import dev.duckstring.manifest.SignalKind;
import java.util.List;
import joptsimple.OptionSet;

/** {@code force}, {@code refresh} and {@code repair}: drop the re-running signal and return. */
final class RerunCommand extends LineCommand {
  private final SignalKind kind;

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
    return "duckstring " + name() + " CATCHMENT POND [--version V]";
  }

  @Override
  int execute(Target t, OptionSet options, List<String> extra, Env env) {
    return dropSignal(t, kind, env);
  }
}
