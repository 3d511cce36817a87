package dev.duckstring.cli;

import dev.duckstring.catchment.Lease;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.fs.Json;
import dev.duckstring.model.Durations;
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
    warnIfNotServed(env, args.get(0));
    if (!options.has(all)) {
      lines = lines.stream().filter(LineStatus::isActive).toList();
    }
    if (options.has(json)) {
      env.out().println(Json.write(lines));
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
                  s.version(),
                  s.state() + (s.runsInFlight() > 1 ? " x" + s.runsInFlight() : ""),
                  demand(s),
                  s.trigger() == null ? "-" : s.trigger(),
                  lastRun(s, now),
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

  /** Status files outlive their daemon: say so when nobody serves the root. */
  private static void warnIfNotServed(Env env, String catchment) {
    var e = Catchments.entry(env, catchment);
    if (!e.isRemote() && Lease.read(Catchments.local(e)) == null) {
      env.err()
          .println(
              "note: no daemon serves '"
                  + catchment
                  + "'; this is the status it last wrote (start it with 'duckstring catchment start --name "
                  + catchment
                  + "')");
    }
  }

  private static String demand(LineStatus s) {
    List<String> d = new ArrayList<>();
    if (s.hasPull()) {
      d.add("pull");
    }
    if (!s.targets().isEmpty()) {
      d.add("push" + (s.targets().size() > 1 ? " x" + s.targets().size() : ""));
    }
    return d.isEmpty() ? "-" : String.join("+", d);
  }

  private static String lastRun(LineStatus s, Instant now) {
    if (s.lastRun() == null) {
      return "-";
    }
    Instant at = s.lastRun().ended() != null ? s.lastRun().ended() : s.lastRun().started();
    return s.lastRun().outcome() + " " + Durations.human(Duration.between(at, now)) + " ago";
  }
}
