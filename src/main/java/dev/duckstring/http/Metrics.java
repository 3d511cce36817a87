package dev.duckstring.http;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /metrics} in the Prometheus text format (version 0.0.4): per line state, staleness,
 * demand, runs, failures and durations, every name prefixed {@code duckstring_}.
 */
final class Metrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The engine's states, each exported as a 0/1 series so alerts can match on them. */
  static final List<LineState> STATES =
      List.of(
          LineState.IDLE,
          LineState.QUEUED,
          LineState.RUNNING,
          LineState.FAILED,
          LineState.BLOCKED,
          LineState.KILLED);

  /** The run outcomes always exported, each line's count 0 when it has none. */
  static final List<RunOutcome> OUTCOMES =
      List.of(
          RunOutcome.SUCCESS,
          RunOutcome.PASSED,
          RunOutcome.FAILED,
          RunOutcome.RUNNING,
          RunOutcome.KILLED);

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** One metric family: its help, type and samples in order. */
  private record Family(String help, String type, List<String> samples) {}

  /**
   * Renders the metrics of {@code lines} and their recorded {@code runs} (by line) at {@code now}.
   */
  static String render(List<LineStatus> lines, Map<String, List<RunRecord>> runs, Instant now) {
    Metrics m = new Metrics();
    m.sample("up", "gauge", "1 while the Catchment's HTTP view answers.", Map.of(), 1);
    m.sample("lines", "gauge", "Pond lines with a status.", Map.of(), lines.size());
    for (LineStatus s : lines) {
      Map<String, String> l = Map.of("line", s.line());
      m.sample(
          "line_info",
          "gauge",
          "Always 1; labels carry the line's Pond, running version and state.",
          labels(
              "line", s.line(), "pond", s.pond(), "version", s.version(), "state", word(s.state())),
          1);
      for (LineState state : STATES) {
        m.sample(
            "line_state",
            "gauge",
            "1 for the line's current state (idle, queued, running, failed, blocked, killed), else 0.",
            labels("line", s.line(), "state", state.word()),
            state == s.state() ? 1 : 0);
      }
      Double stale = s.stalenessSeconds(now);
      m.sample(
          "line_staleness_seconds",
          "gauge",
          "Seconds since the line's data was fresh (+Inf when it never was).",
          l,
          stale == null ? Double.POSITIVE_INFINITY : stale);
      if (s.endF() != null) {
        m.sample(
            "line_freshness_timestamp_seconds",
            "gauge",
            "The freshness of the line's published data, as a Unix time.",
            l,
            s.endF().toEpochMilli() / 1000.0);
      }
      m.sample(
          "line_runs_in_flight",
          "gauge",
          "Pond Runs of the line in progress.",
          l,
          s.runsInFlight());
      m.sample(
          "line_runs_completed_total",
          "counter",
          "Pond Runs the line has completed, as the engine counts them.",
          l,
          s.runsCompleted());
      m.sample(
          "line_demand",
          "gauge",
          "Demand the line holds: pull (standing) and push (pending targets).",
          labels("line", s.line(), "kind", "pull"),
          s.hasPull() ? 1 : 0);
      m.sample(
          "line_demand", "gauge", "", labels("line", s.line(), "kind", "push"), s.targets().size());
      m.sample(
          "line_trigger",
          "gauge",
          "1 when a standing trigger (wave or tide) is set on the line.",
          labels("line", s.line(), "trigger", s.trigger() == null ? "" : s.trigger()),
          s.trigger() == null ? 0 : 1);
      m.runs(s.line(), runs.getOrDefault(s.line(), List.of()));
    }
    return m.text();
  }

  private void runs(String line, List<RunRecord> runs) {
    Map<String, Integer> byState = new TreeMap<>();
    for (RunOutcome outcome : OUTCOMES) {
      byState.put(outcome.word(), 0);
    }
    double sum = 0;
    int finished = 0;
    for (RunRecord r : runs) {
      byState.merge(
          r.state() == null ? RunOutcome.UNKNOWN.word() : r.state().word(), 1, Integer::sum);
      if (r.started() != null && r.ended() != null) {
        sum += Duration.between(r.started(), r.ended()).toMillis() / 1000.0;
        finished++;
      }
    }
    for (Map.Entry<String, Integer> e : byState.entrySet()) {
      sample(
          "runs_recorded",
          "gauge",
          "Run records kept for the line (the newest ones), by outcome (success, passed, failed, running, killed).",
          labels("line", line, "state", e.getKey()),
          e.getValue());
    }
    sample(
        "run_failures_recorded",
        "gauge",
        "Run records kept for the line that failed.",
        Map.of("line", line),
        byState.get(RunOutcome.FAILED.word())
            + byState.getOrDefault(RunOutcome.TIMED_OUT.word(), 0));
    // Gauges, not counters: old run records are pruned, so these can go down.
    sample(
        "recorded_run_duration_seconds_sum",
        "gauge",
        "Seconds the line's kept, finished run records took in all.",
        Map.of("line", line),
        sum);
    sample(
        "recorded_run_duration_seconds_count",
        "gauge",
        "The line's kept, finished run records.",
        Map.of("line", line),
        finished);
    RunRecord last = runs.stream().filter(r -> r.ended() != null).findFirst().orElse(null);
    if (last != null) {
      sample(
          "last_run_duration_seconds",
          "gauge",
          "Seconds the line's newest finished Pond Run took.",
          Map.of("line", line),
          Duration.between(last.started(), last.ended()).toMillis() / 1000.0);
      for (RunRecord.RippleRun rr : last.ripples()) {
        if (rr.durationMs() != null) {
          sample(
              "ripple_last_duration_seconds",
              "gauge",
              "Seconds each Ripple took in the line's newest finished Pond Run.",
              labels("line", line, "ripple", rr.name()),
              rr.durationMs() / 1000.0);
        }
        if (rr.rows() != null) {
          sample(
              "ripple_last_rows",
              "gauge",
              "Rows each Ripple wrote in the line's newest finished Pond Run.",
              labels("line", line, "ripple", rr.name()),
              rr.rows());
        }
      }
    }
  }

  private void sample(
      String name, String type, String help, Map<String, String> labels, double value) {
    sample(name, "", type, help, labels, value);
  }

  private void sample(
      String name,
      String suffix,
      String type,
      String help,
      Map<String, String> labels,
      double value) {
    Family f =
        families.computeIfAbsent(
            "duckstring_" + name, k -> new Family(help, type, new ArrayList<>()));
    f.samples().add("duckstring_" + name + suffix + format(labels) + " " + number(value));
  }

  private String text() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Family> e : families.entrySet()) {
      b.append("# HELP ").append(e.getKey()).append(' ').append(e.getValue().help()).append('\n');
      b.append("# TYPE ").append(e.getKey()).append(' ').append(e.getValue().type()).append('\n');
      e.getValue().samples().forEach(s -> b.append(s).append('\n'));
    }
    return b.toString();
  }

  private static String word(LineState state) {
    return state == null ? null : state.word();
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1] == null ? "" : kv[i + 1]);
    }
    return m;
  }

  private static String format(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      parts.add(e.getKey() + "=\"" + escape(e.getValue()) + "\"");
    }
    return "{" + String.join(",", parts) + "}";
  }

  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (Double.isNaN(v)) {
      return "NaN";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
