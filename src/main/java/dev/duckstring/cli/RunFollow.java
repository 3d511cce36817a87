package dev.duckstring.cli;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.LineStatus.Receipt;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.UtcText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --wait} shows and decides, fed snapshots of the files (or the JSON API) and nothing
 * else: the Ponds on the demanded path, the run the signal caused on each (decision 38), when the
 * wait is over and with what exit code.
 */
final class RunFollow {

  /**
   * What the reader saw: every line's status, the newest run record of lines on the path (by line),
   * the reason the signal was rejected (null: not rejected) and why no daemon serves the root
   * (null: one does), at {@code now} on the reader's clock (only for elapsed times and stamps).
   */
  record Snapshot(
      List<LineStatus> lines,
      Map<LineId, RunRecord> runs,
      String rejected,
      String daemonGone,
      Instant now) {}

  /**
   * The live view's lines, the plain lines for what changed since the last step, and, once the wait
   * is over, the exit code (0 or 1) and the one line that says how it ended.
   */
  record Step(List<String> view, List<String> changes, Integer exit, String result) {
    boolean done() {
      return exit != null;
    }
  }

  private final LineId line;
  private final String file;
  private final boolean upstream;
  private List<LineId> path;
  private Receipt receipt;
  private final Map<LineId, String> said = new HashMap<>();

  /**
   * Follows signal {@code file} dropped for {@code line}; {@code upstream}: the run needs the lines
   * upstream (pulse, tap), else only the line itself runs (force, refresh, repair).
   */
  RunFollow(LineId line, String file, boolean upstream) {
    this.line = line;
    this.file = file;
    this.upstream = upstream;
  }

  /** The lines on the demanded path, upstream first (the line alone until its status is seen). */
  List<LineId> path() {
    return path == null ? List.of(line) : path;
  }

  /**
   * The path as {@code lines} show it, with any line of the path found before (a line upstream may
   * show only in a later look, so the path is found again at every step and only grows).
   */
  List<LineId> pathIn(List<LineStatus> lines) {
    Map<LineId, LineStatus> byLine = new HashMap<>();
    lines.forEach(x -> byLine.put(LineId.parse(x.line()), x));
    if (!byLine.containsKey(line)) {
      return path();
    }
    Set<LineId> all = new LinkedHashSet<>(upstream ? upstreamFirst(byLine) : List.of(line));
    all.addAll(path());
    return List.copyOf(all);
  }

  Step step(Snapshot s) {
    Map<LineId, LineStatus> byLine = new HashMap<>();
    s.lines().forEach(x -> byLine.put(LineId.parse(x.line()), x));
    if (byLine.containsKey(line)) {
      path = pathIn(s.lines());
    }
    LineStatus mine = byLine.get(line);
    if (mine != null) {
      mine.receipts().stream().filter(r -> r.file().equals(file)).forEach(r -> receipt = r);
    }
    List<String> view = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    int done = 0;
    for (LineId l : path()) {
      Row row = row(l, byLine.get(l), s.runs().get(l), s.now());
      view.add(row.text());
      done += row.done() ? 1 : 0;
      if (!row.word().equals(said.put(l, row.word()))) {
        changes.add(UtcText.clock(s.now()) + " " + row.plain());
      }
    }
    view.add(bar(done, path().size()));
    return end(view, changes, byLine, s);
  }

  private Step end(
      List<String> view, List<String> changes, Map<LineId, LineStatus> byLine, Snapshot s) {
    if (s.rejected() != null) {
      return new Step(view, changes, 1, file + " was rejected: " + s.rejected());
    }
    if (receipt != null && receipt.ended()) {
      String o = receipt.outcome();
      if (o.equals(RunOutcome.SUCCESS.word()) || o.equals(RunOutcome.PASSED.word())) {
        String what = o.equals("passed") ? "passed (nothing it reads changed)" : "success";
        return new Step(view, changes, 0, line + " " + what + ", run " + receipt.run());
      }
      return new Step(view, changes, 1, failure(byLine, s.runs()));
    }
    if (s.daemonGone() != null) {
      String why = "no daemon serves the root ";
      String text =
          receipt == null
              ? why + "to take " + file + ": " + s.daemonGone() + "; it waits for the next start"
              : why + "while waiting: " + s.daemonGone();
      return new Step(view, changes, 1, text);
    }
    return new Step(view, changes, null, null);
  }

  /** The failing Pond, Ripple and error: the first line on the path whose run failed or stopped. */
  private String failure(Map<LineId, LineStatus> byLine, Map<LineId, RunRecord> runs) {
    for (LineId l : path()) {
      RunRecord run = runs.get(l);
      boolean counts = run != null && counts(run);
      LineStatus st = byLine.get(l);
      boolean broke =
          st != null && (st.state() == LineState.FAILED || st.state() == LineState.KILLED);
      if ((counts && !run.running() && !ok(run.state())) || (broke && run != null)) {
        return l + " " + run.state().word() + ripple(run) + " (run " + run.id() + ")";
      }
      if (broke) {
        return l + " " + st.state().word() + (st.error() == null ? "" : ": " + st.error());
      }
    }
    LineStatus st = byLine.get(line);
    String why = st == null || st.error() == null ? "" : ": " + st.error();
    return line + " did not run: it is " + receipt.outcome() + why;
  }

  /** {@code in Ripple r: error} from the Ripple that failed, else the run's error. */
  private static String ripple(RunRecord run) {
    for (RunRecord.RippleRun r : run.ripples()) {
      if (r.error() != null && r.state() != RunOutcome.RUNNING && !ok(r.state())) {
        return " in Ripple " + r.name() + ": " + r.error();
      }
    }
    return run.error() == null ? "" : ": " + run.error();
  }

  /** True when {@code run} is one the signal caused (the daemon's rule, decision 38). */
  private boolean counts(RunRecord run) {
    if (receipt == null) {
      return false;
    }
    if (line.equals(LineId.parse(run.line())) && receipt.run() != null) {
      return receipt.run().equals(run.id());
    }
    boolean after = !run.started().isBefore(receipt.at());
    return after && (!receipt.kind().equals("pulse") || !run.f().isBefore(receipt.at()));
  }

  private record Row(LineId line, String word, String text, String plain, boolean done) {}

  private Row row(LineId l, LineStatus st, RunRecord run, Instant now) {
    if (run != null && counts(run)) {
      Instant to = run.ended() != null ? run.ended() : now;
      String took = elapsed(Duration.between(run.started(), to));
      long rows = 0;
      String current = "";
      for (RunRecord.RippleRun r : run.ripples()) {
        rows += r.rows() == null ? 0 : r.rows();
        current = r.state() == RunOutcome.RUNNING ? "ripple " + r.name() : current;
      }
      String w = run.state().word();
      String text = String.format("%-24s %-10s %7s %10s  %s", l, w, took, rows + " rows", current);
      String plain =
          run.running()
              ? l + " " + w
              : l + " " + w + " " + took + " " + rows + " rows" + ripple(run);
      return new Row(l, w, text.stripTrailing(), plain, ok(run.state()));
    }
    String w = receipt == null ? "sent" : "waiting";
    if (receipt != null
        && st != null
        && (st.state() == LineState.FAILED
            || st.state() == LineState.KILLED
            || st.state() == LineState.BLOCKED)) {
      w = st.state().word();
    }
    return new Row(l, w, String.format("%-24s %s", l, w), l + " " + w, false);
  }

  private static boolean ok(RunOutcome o) {
    return o == RunOutcome.SUCCESS || o == RunOutcome.PASSED;
  }

  /** {@code 482ms}, {@code 1.2s}, {@code 3m05s}: short enough for a column. */
  static String elapsed(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return Durations.compact(Duration.ofSeconds(ms / 1000));
  }

  /** {@code [#####-----] 2/3 ponds}. */
  static String bar(int done, int of) {
    int width = 10;
    int full = of == 0 ? 0 : done * width / of;
    return "[" + "#".repeat(full) + "-".repeat(width - full) + "] " + done + "/" + of + " ponds";
  }

  /** The line and every line upstream of it (by status.json's sources), upstream first. */
  private List<LineId> upstreamFirst(Map<LineId, LineStatus> byLine) {
    Set<LineId> out = new LinkedHashSet<>();
    visit(line, byLine, out, new LinkedHashSet<>());
    return List.copyOf(out);
  }

  private static void visit(
      LineId l, Map<LineId, LineStatus> byLine, Set<LineId> out, Set<LineId> onStack) {
    if (out.contains(l) || !onStack.add(l)) {
      return;
    }
    LineStatus st = byLine.get(l);
    if (st != null) {
      for (String spec : st.sources()) {
        LineId up = source(spec);
        if (up != null && byLine.containsKey(up)) {
          visit(up, byLine, out, onStack);
        }
      }
    }
    out.add(l);
  }

  /** {@code inlet 1.0.0?} (status.json's form of a Source pin) as the line it wires to. */
  static LineId source(String spec) {
    String[] parts = spec.trim().split("\\s+");
    if (parts.length != 2) {
      return null;
    }
    String major = parts[1].replaceAll("^(\\d+).*$", "$1");
    return major.matches("\\d+") ? new LineId(parts[0], Integer.parseInt(major)) : null;
  }
}
