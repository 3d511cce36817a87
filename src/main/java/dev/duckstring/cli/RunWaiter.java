package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.DaemonLiveness;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.FileReads;
import dev.duckstring.http.RemoteCatchment;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The I/O around {@link RunFollow}: every {@link #POLL} it reads the root's status.json files, the
 * newest run.json of each line on the path, the rejected signals and the daemon's lease, then draws
 * the live view in place (a terminal) or prints one line per change (anything else).
 */
final class RunWaiter {
  static final Duration POLL = Duration.ofMillis(300);

  private RunWaiter() {}

  /**
   * Follows the run that {@code signal} (just dropped for {@code t}) causes; {@code upstream}: the
   * run needs the lines upstream. Returns 0 on success or pass, else throws the one-line reason.
   */
  static int follow(Env env, LineCommand.Target t, Path signal, boolean upstream, Duration timeout)
      throws InterruptedException {
    String file = signal.getFileName().toString();
    return follow(env, local(t), t.line(), file, upstream, timeout, t.catchment());
  }

  /** Where a snapshot comes from: the files of a local root, or the JSON API of a remote one. */
  interface Source {
    RunFollow.Snapshot read(List<LineId> path, String file, Instant now);
  }

  /** Follows signal {@code file} of {@code line} through {@code source}. */
  static int follow(
      Env env,
      Source source,
      LineId line,
      String file,
      boolean upstream,
      Duration timeout,
      String catchment)
      throws InterruptedException {
    RunFollow follow = new RunFollow(line, file, upstream);
    LiveLines live =
        env.interactive()
            ? new LiveLines(env.out(), LiveLines.columns(System.getenv("COLUMNS")))
            : null;
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    while (true) {
      Instant now = env.clock().instant();
      RunFollow.Snapshot seen = source.read(follow.path(), file, now);
      List<LineId> path = follow.pathIn(seen.lines());
      if (!path.equals(follow.path())) {
        seen = source.read(path, file, now); // the first look found the lines upstream
      }
      RunFollow.Step step = follow.step(seen);
      if (live != null) {
        live.draw(step.view());
      } else {
        step.changes().forEach(env.out()::println);
      }
      env.out().flush();
      if (step.done()) {
        if (step.exit() == 0) {
          env.out().println(step.result());
          return 0;
        }
        throw new DuckstringException(step.result());
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new DuckstringException(
            "timed out after "
                + Durations.compact(timeout)
                + " waiting for "
                + line
                + "; the run goes on (see 'duckstring status "
                + catchment
                + "')");
      }
      if (env.stop().await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DuckstringException("stopped waiting for " + line + "; the run goes on");
      }
    }
  }

  /** The files of the target's local root. */
  static Source local(LineCommand.Target t) {
    return (path, file, now) -> snapshot(t, path, file, now);
  }

  /**
   * The JSON API of {@code remote}: {@code /api/status} and {@code /api/runs}. It cannot see {@code
   * signals/rejected/}; a view that does not answer counts as no daemon.
   */
  static Source remote(RemoteCatchment remote, String url) {
    return (path, file, now) -> {
      List<LineStatus> lines;
      try {
        lines = remote.status();
      } catch (DuckstringException e) {
        return new RunFollow.Snapshot(List.of(), Map.of(), null, url + ": " + e.getMessage(), now);
      }
      Map<LineId, RunRecord> runs =
          runsOnPath(
              lines,
              path,
              file,
              (l, id) ->
                  remote.runs(l.pond(), 20).stream()
                      .filter(r -> r.id().equals(id) && r.line().equals(l.toString()))
                      .findFirst()
                      .orElse(null));
      return new RunFollow.Snapshot(lines, runs, null, null, now);
    };
  }

  /**
   * The run record to show of each line on {@code path}, found by {@code read} (line, run id; null
   * when there is none yet). A read that fails (a record being rewritten, a view that does not
   * answer) leaves the line out: the next poll asks again.
   */
  private static Map<LineId, RunRecord> runsOnPath(
      List<LineStatus> lines,
      List<LineId> path,
      String file,
      BiFunction<LineId, String, RunRecord> read) {
    Map<LineId, RunRecord> runs = new HashMap<>();
    for (LineStatus s : lines) {
      LineId l = LineId.parse(s.line());
      String id = runId(s, file);
      if (path.contains(l) && id != null) {
        try {
          RunRecord r = read.apply(l, id);
          if (r != null) {
            runs.put(l, r);
          }
        } catch (DuckstringException e) {
          // Asked again at the next poll.
        }
      }
    }
    return runs;
  }

  /** The run of line status {@code s} to show: the one signal {@code file} caused, else newest. */
  private static String runId(LineStatus s, String file) {
    String id = s.lastRun() == null ? null : s.lastRun().id();
    for (LineStatus.Receipt r : s.receipts()) {
      id = r.file().equals(file) && r.run() != null ? r.run() : id;
    }
    return id;
  }

  /** What the files say now about the lines on {@code path} and signal {@code file}. */
  static RunFollow.Snapshot snapshot(
      LineCommand.Target t, List<LineId> path, String file, Instant now) {
    CatchmentLayout layout = t.layout();
    List<LineStatus> lines = new StatusStore(layout).all();
    RunRecords records = new RunRecords(layout);
    Map<LineId, RunRecord> runs = runsOnPath(lines, path, file, records::read);
    DaemonLiveness d = DaemonLiveness.of(layout, now);
    return new RunFollow.Snapshot(
        lines, runs, rejected(layout, t.pond(), file), d.alive() ? null : d.describe(), now);
  }

  /** The reason the daemon wrote for rejecting {@code file}, or null when it did not. */
  private static String rejected(CatchmentLayout layout, String pond, String file) {
    Path dir = layout.rejectedSignals(pond);
    for (String name : Dirs.names(dir)) {
      if (name.endsWith("-" + file + ".reason")) {
        return new String(FileReads.readAll(dir.resolve(name)), StandardCharsets.UTF_8).trim();
      }
    }
    return null;
  }
}
