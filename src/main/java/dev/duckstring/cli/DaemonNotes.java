package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.DaemonLiveness;

/**
 * What the CLI says when no live daemon serves a root (docs/decisions.md §37): {@code status} marks
 * its states last known, and every verb that drops a file for the daemon says that it waits for the
 * next start. Notes go to stderr, so what scripts read on stdout is unchanged.
 */
final class DaemonNotes {
  private DaemonNotes() {}

  /** The daemon of {@code layout}'s root, judged now. */
  static DaemonLiveness liveness(Env env, CatchmentLayout layout) {
    return DaemonLiveness.of(layout, env.clock().instant());
  }

  /** {@code no daemon serves 'dev': pid 1234 on host1 is gone (last heartbeat 3m05s ago)}. */
  static String notServed(String catchment, DaemonLiveness d) {
    return "no daemon serves '"
        + catchment
        + "'"
        + (d.verdict() == DaemonLiveness.Verdict.NONE ? "" : ": " + d.describe());
  }

  /** After a verb dropped its file: says it waits for the next start, unless a daemon is alive. */
  static void afterDrop(Env env, String catchment, CatchmentLayout layout) {
    DaemonLiveness d = liveness(env, layout);
    if (!d.alive()) {
      env.err()
          .println(
              "note: "
                  + notServed(catchment, d)
                  + "; it waits for the next 'duckstring catchment start --name "
                  + catchment
                  + "'");
    }
  }

  /** Before status shows a dead daemon's view: the states are last known. */
  static void lastKnown(Env env, String catchment, DaemonLiveness d) {
    env.err()
        .println(
            "note: "
                + notServed(catchment, d)
                + "; the states below are last known and nothing runs now (start it with"
                + " 'duckstring catchment start --name "
                + catchment
                + "')");
  }
}
