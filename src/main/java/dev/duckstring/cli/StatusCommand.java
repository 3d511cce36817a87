package dev.duckstring.cli;

import dev.duckstring.catchment.DaemonLiveness;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.fs.Json;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code status}: the lines that run or hold demand (or all), aligned or as JSON. */
final class StatusCommand extends BaseCommand {
  private static final DateTimeFormatter FRESH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final OptionSpec<Void> all = parser.accepts("all", "show every Pond line, idle ones too");
  private final OptionSpec<Void> json = parser.accepts("json", "print JSON for machines");

  @Override
  public String name() {
    return "status";
  }

  @Override
  public String summary() {
    return "Show the Ponds that are running, hold demand, carry a trigger or failed (--all: every Pond).";
  }

  @Override
  public String usage() {
    return "duckstring status CATCHMENT [--all] [--json]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 1, 1, "CATCHMENT");
    List<LineStatus> lines = ReadSide.status(env, args.get(0));
    DaemonLiveness.View daemon = daemon(env, args.get(0));
    if (!options.has(all)) {
      lines = lines.stream().filter(LineStatus::isActive).toList();
    }
    if (options.has(json)) {
      env.out()
          .println(
              Json.write(lines.stream().map(s -> Json.withField(s, "daemon", daemon)).toList()));
      return 0;
    }
    if (lines.isEmpty()) {
      env.out()
          .println(
              options.has(all)
                  ? "nothing deployed"
                  : "nothing running or demanded (use --all to see every Pond)");
      return 0;
    }
    Instant now = env.clock().instant();
    // The retry budget shows only where one is set, so a Catchment without retries reads as before.
    boolean retries =
        lines.stream()
            .anyMatch(
                s -> s.retries() != null && (s.retries().immediate() + s.retries().onChange() > 0));
    List<List<String>> rows = new ArrayList<>();
    for (LineStatus s : lines) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  s.line(),
                  s.versionShown(),
                  state(s, daemon.alive()),
                  demand(s),
                  s.trigger() == null ? "-" : s.trigger(),
                  lastRun(s, now, daemon.alive()),
                  s.endF() == null ? "-" : FRESH.format(s.endF()),
                  s.endF() == null ? "never" : Durations.human(Duration.between(s.endF(), now)),
                  s.error() == null ? "" : s.error()));
      if (retries) {
        row.add(row.size() - 1, s.retries() == null ? "-" : s.retries().text());
      }
      rows.add(row);
    }
    List<String> header =
        new ArrayList<>(
            List.of(
                "POND",
                "VERSION",
                "STATE",
                "DEMAND",
                "TRIGGER",
                "LAST RUN",
                "FRESH AS OF",
                "DATA AGE",
                "ERROR"));
    if (retries) {
      header.add(header.size() - 1, "RETRIES");
    }
    TextTable.print(env.out(), header, rows, true);
    return 0;
  }

  /**
   * The daemon as {@code --json} shows it on every line. Status files outlive their daemon: when
   * none is alive, a note on stderr says the states are last known.
   */
  private static DaemonLiveness.View daemon(Env env, String catchment) {
    var e = Catchments.entry(env, catchment);
    if (e.isRemote()) {
      return DaemonLiveness.View.answeredOverHttp(); // the HTTP view runs inside the live daemon
    }
    DaemonLiveness d = DaemonNotes.liveness(env, Catchments.local(e));
    if (!d.alive()) {
      DaemonNotes.lastKnown(env, catchment, d);
    }
    return d.view();
  }

  /**
   * The STATE column: a run in flight of a daemon that is not alive shows as {@code running?} (and
   * so does its LAST RUN): it is what that daemon last wrote, and nothing runs it now.
   */
  private static String state(LineStatus s, boolean alive) {
    boolean inFlight = s.state() == LineState.RUNNING || s.state() == LineState.QUEUED;
    return s.state()
        + (alive || !inFlight ? "" : "?")
        + (s.runsInFlight() > 1 ? " x" + s.runsInFlight() : "");
  }

  private static String demand(LineStatus s) {
    List<String> d = new ArrayList<>();
    if (s.hasPull()) {
      d.add("pull");
    }
    if (!s.targets().isEmpty()) {
      d.add("push" + (s.targets().size() > 1 ? " x" + s.targets().size() : ""));
    }
    s.heldDemand().forEach(h -> d.add("held " + h)); // kept until the line unblocks
    return d.isEmpty() ? "-" : String.join("+", d);
  }

  private static String lastRun(LineStatus s, Instant now, boolean alive) {
    if (s.lastRun() == null) {
      return "-";
    }
    Instant at = s.lastRun().ended() != null ? s.lastRun().ended() : s.lastRun().started();
    boolean stale = !alive && s.lastRun().outcome() == RunOutcome.RUNNING;
    return s.lastRun().outcome()
        + (stale ? "?" : "")
        + " "
        + Durations.human(Duration.between(at, now))
        + " ago";
  }
}
