package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.RippleProcesses;
import dev.duckstring.catchment.RippleProcesses.Entry;
import dev.duckstring.catchment.RippleProcesses.Found;
import dev.duckstring.runner.ProcessGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up sweep: stops the process groups of command Ripples that a daemon which died left
 * running, found by the {@code <ripple>.pid} files in the run directories (decision 22).
 */
final class Orphans {
  /** How long an orphan group gets between SIGTERM and SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private Orphans() {}

  /**
   * Stops every recorded group whose leader is still the recorded process (same host, same boot,
   * same start time), journals {@code orphan_killed} for each, and deletes the files of groups that
   * are gone. A file of another host is kept and journaled as {@code orphan_unreachable}. Returns
   * the number of groups stopped.
   */
  static int sweep(CatchmentLayout layout, EventLog log, Clock clock, Duration grace) {
    String host = RippleProcesses.host();
    String boot = ProcessGroup.bootId();
    List<Found> live = new ArrayList<>();
    List<ProcessGroup> groups = new ArrayList<>();
    for (Found f : new RippleProcesses(layout).all()) {
      Entry e = f.entry();
      if (e == null) {
        log.append(
            clock.instant(),
            "orphan_unreadable",
            Map.of("file", layout.root().relativize(f.file()).toString(), "error", f.problem()));
        RippleProcesses.delete(f.file());
        continue;
      }
      if (!host.equals(e.host())) {
        log.append(
            clock.instant(),
            "orphan_unreachable",
            Map.of(
                "line",
                e.line(),
                "run",
                e.run(),
                "ripple",
                e.ripple(),
                "pgid",
                e.pgid(),
                "host",
                e.host()));
        continue; // only a daemon on that host can stop it
      }
      ProcessGroup g = new ProcessGroup(e.pgid(), e.startTicks());
      if (boot.equals(e.boot()) && g.leaderMatches()) {
        live.add(f);
        groups.add(g);
      } else {
        RippleProcesses.delete(f.file()); // gone; the pid may belong to someone else now
      }
    }
    if (groups.isEmpty()) {
      return 0;
    }
    ProcessGroup.terminate(groups, grace);
    for (Found f : live) {
      Entry e = f.entry();
      log.append(
          clock.instant(),
          "orphan_killed",
          Map.of("line", e.line(), "run", e.run(), "ripple", e.ripple(), "pgid", e.pgid()));
      RippleProcesses.delete(f.file());
    }
    return groups.size();
  }
}
