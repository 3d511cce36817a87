package dev.duckstring.cli;

import dev.duckstring.catchment.DaemonLiveness;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.fs.Json;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.UtcText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code status --watch} (docs/decisions.md §39): looks every interval until Ctrl+C (or {@link
 * Env#stop}); on a terminal it redraws a header and the table in place ({@link LiveLines}), off one
 * it prints them again, after a blank line, only when the lines or the daemon changed; with {@code
 * --json} it prints one JSON line per change. Exits as the last look says.
 */
final class StatusWatch {
  private StatusWatch() {}

  /**
   * One look: what to print, what counts as a change ({@code key}: the records without their write
   * time, and the daemon's verdict), the exit code it gives, and a problem reading the status
   * (null: none).
   */
  record Frame(List<String> lines, String key, int code, String problem) {}

  static int run(
      Env env, Duration every, String catchment, List<String> ponds, boolean all, boolean json)
      throws InterruptedException {
    LiveLines live =
        env.interactive() && !json
            ? new LiveLines(env.out(), LiveLines.columns(System.getenv("COLUMNS")))
            : null;
    String last = null;
    int code;
    do {
      Frame f = look(env, catchment, ponds, all, json);
      code = f.code();
      if (live != null) {
        live.draw(f.lines());
      } else if (!f.key().equals(last)) {
        if (last != null && !json) {
          env.out().println(); // a blank line between two tables
        }
        f.lines().forEach(env.out()::println);
        if (json && f.problem() != null) {
          env.err().println("duckstring status: " + f.problem());
        }
        env.out().flush();
        last = f.key();
      }
      if (env.out().checkError()) {
        break; // nobody reads any more (a closed pipe)
      }
    } while (!env.stop().await(every.toMillis(), TimeUnit.MILLISECONDS));
    return code;
  }

  /** One look at the Catchment, as {@code status} with the same arguments would show it. */
  static Frame look(Env env, String catchment, List<String> ponds, boolean all, boolean json) {
    Instant now = env.clock().instant();
    Registrations.Entry e = Catchments.entry(env, catchment);
    DaemonLiveness d = e.isRemote() ? null : DaemonNotes.liveness(env, Catchments.local(e));
    String head = catchment + "  " + UtcText.seconds(now) + "  ";
    List<LineStatus> lines;
    try {
      lines =
          StatusCommand.select(
              ReadSide.status(env, catchment), StatusCommand.known(env, catchment), ponds, all);
    } catch (DuckstringException | StatusCommand.BadPond x) {
      String problem = "cannot read the status: " + x.getMessage();
      return new Frame(
          json ? List.of() : List.of(head + problem), "problem " + problem, Cli.FAILURE, problem);
    }
    DaemonLiveness.View view = d == null ? DaemonLiveness.View.answeredOverHttp() : d.view();
    String key =
        (d == null ? "http" : d.verdict().word())
            + Json.line(lines.stream().map(s -> s.withUpdatedAt(null)).toList());
    int code = StatusCommand.exitCode(lines);
    if (json) {
      return new Frame(List.of(Json.line(StatusCommand.json(lines, view))), key, code, null);
    }
    List<String> out = new ArrayList<>();
    out.add(head + daemon(catchment, e, d));
    out.add("");
    out.addAll(StatusCommand.table(lines, all, !ponds.isEmpty(), view.alive(), now));
    return new Frame(out, key, code, null);
  }

  /** The daemon in the header: alive, not serving the root, or answering over HTTP. */
  private static String daemon(String catchment, Registrations.Entry e, DaemonLiveness d) {
    if (d == null) {
      return "answered over HTTP by " + e.path();
    }
    return d.alive()
        ? "daemon alive: " + d.describe()
        : DaemonNotes.notServed(catchment, d) + "; the states are last known";
  }
}
