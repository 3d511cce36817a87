package dev.duckstring.cli;

import dev.duckstring.catchment.DaemonLiveness;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.Lineage;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.UtcText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code status}: the lines that run or hold demand (or all, or the lineage of the Ponds named),
 * aligned or as JSON, once or {@code --watch}ed; exit 1 when a line shown is failed, killed or
 * blocked (docs/decisions.md §39).
 */
final class StatusCommand extends BaseCommand {
  private final OptionSpec<Void> all = parser.accepts("all", "show every Pond line, idle ones too");
  private final OptionSpec<Void> json = parser.accepts("json", "print JSON for machines");
  private final OptionSpec<Void> watch =
      parser.accepts(
          "watch",
          "redraw the table in place until Ctrl+C (off a terminal: print it again when it changes;"
              + " with --json: one JSON line per change)");
  private final OptionSpec<String> interval =
      parser
          .accepts("interval", "how often --watch looks (default 2s)")
          .withRequiredArg()
          .describedAs("DURATION");

  @Override
  public String name() {
    return "status";
  }

  @Override
  public String summary() {
    return "Show the Ponds that run, hold demand, carry a trigger or failed (--all: every Pond;"
        + " POND: it and its upstream); exit 1 when one shown is failed, killed or blocked.";
  }

  @Override
  public String usage() {
    return "duckstring status CATCHMENT [POND|POND@MAJOR ...] [--all] [--json] [--watch [--interval"
        + " 2s]]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws Exception {
    expect(args, 1, Integer.MAX_VALUE, "CATCHMENT [POND ...]");
    String catchment = args.get(0);
    List<String> ponds = List.copyOf(args.subList(1, args.size()));
    Duration every = interval(options);
    List<LineStatus> lines;
    try {
      lines =
          select(ReadSide.status(env, catchment), known(env, catchment), ponds, options.has(all));
    } catch (BadPond e) {
      env.err().println("duckstring status: " + e.getMessage()); // one line, no usage block
      return Cli.USAGE;
    }
    if (options.has(watch)) {
      return StatusWatch.run(env, every, catchment, ponds, options.has(all), options.has(json));
    }
    DaemonLiveness.View daemon = daemon(env, catchment);
    if (options.has(json)) {
      env.out().println(Json.write(json(lines, daemon)));
    } else {
      for (String line :
          table(lines, options.has(all), !ponds.isEmpty(), daemon.alive(), env.clock().instant())) {
        env.out().println(line);
      }
    }
    return exitCode(lines);
  }

  /** A POND argument that names nothing: a usage error of one line. */
  static final class BadPond extends Exception {
    private static final long serialVersionUID = 1L;

    BadPond(String message) {
      super(message);
    }
  }

  /**
   * The lines status shows: with POND arguments, those lines and their upstream (idle or not); else
   * every line with {@code all}, the active ones without.
   */
  static List<LineStatus> select(
      List<LineStatus> lines, Collection<String> known, List<String> ponds, boolean all)
      throws BadPond {
    if (!ponds.isEmpty()) {
      try {
        return Lineage.upstream(lines, known, ponds);
      } catch (DuckstringException e) {
        throw new BadPond(e.getMessage());
      }
    }
    if (all) {
      return lines;
    }
    List<LineStatus> active = new ArrayList<>(); // loops, not streams (decision 59)
    for (LineStatus s : lines) {
      if (s.isActive()) {
        active.add(s);
      }
    }
    return Collections.unmodifiableList(active);
  }

  /** The Pond names deployed on a local root (none known for an HTTP registration). */
  static Collection<String> known(Env env, String catchment) {
    var e = Catchments.entry(env, catchment);
    return e.isRemote() ? List.of() : new Deployments(Catchments.local(e)).ponds();
  }

  /** 1 when any line shown is failed, killed or blocked (so {@code status || alert} works). */
  static int exitCode(List<LineStatus> shown) {
    for (LineStatus s : shown) {
      if (TROUBLE.contains(s.state())) {
        return Cli.FAILURE;
      }
    }
    return Cli.OK;
  }

  private static final Set<LineState> TROUBLE =
      EnumSet.of(LineState.FAILED, LineState.KILLED, LineState.BLOCKED);

  private Duration interval(OptionSet options) {
    if (!options.has(interval)) {
      return Duration.ofSeconds(2);
    }
    if (!options.has(watch)) {
      throw new UsageException("--interval needs --watch");
    }
    String text = options.valueOf(interval);
    String problem = Durations.problem(text);
    if (problem != null) {
      throw new UsageException("--interval '" + text + "' " + problem);
    }
    return Durations.parse("--interval", text);
  }

  /** What {@code --json} prints: the records, each with the {@code daemon} field. */
  static List<Object> json(List<LineStatus> lines, DaemonLiveness.View daemon) {
    return lines.stream().map(s -> Json.withField(s, "daemon", daemon)).toList();
  }

  /** The table as lines (or the one line saying there is nothing to show). */
  static List<String> table(
      List<LineStatus> lines, boolean all, boolean filtered, boolean alive, Instant now) {
    if (lines.isEmpty()) {
      return List.of(
          filtered
              ? "no status written yet for the Ponds named (the daemon writes it when it starts)"
              : all
                  ? "nothing deployed"
                  : "nothing running or demanded (use --all to see every Pond)");
    }
    // The retry budget shows only where one is set, so a Catchment without retries reads as before.
    boolean retries = false;
    for (LineStatus s : lines) {
      retries |= s.retries() != null && s.retries().immediate() + s.retries().onChange() > 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (LineStatus s : lines) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  s.line(),
                  s.versionShown(),
                  state(s, alive),
                  demand(s),
                  s.trigger() == null ? "-" : s.trigger(),
                  lastRun(s, now, alive),
                  s.endF() == null ? "-" : UtcText.seconds(s.endF()),
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
    List<String> out = new ArrayList<>(TextTable.lines(header, rows, true));
    for (LineStatus s : lines) {
      if (s.deprecated() != null) { // a note under the table, so the columns stay as they were
        out.add("note: " + s.line() + " is deprecated: " + s.deprecated());
      }
      out.addAll(TestLines.status(s.line(), s.lastRun() == null ? null : s.lastRun().tests()));
    }
    return out;
  }

  /**
   * The daemon as {@code --json} shows it on every line. Status files outlive their daemon: when
   * none is alive, a note on stderr says the states are last known.
   */
  static DaemonLiveness.View daemon(Env env, String catchment) {
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
    for (String h : s.heldDemand()) {
      d.add("held " + h); // kept until the line unblocks
    }
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
