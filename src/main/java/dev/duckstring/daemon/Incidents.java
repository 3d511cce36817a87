package dev.duckstring.daemon;

import dev.duckstring.model.AlertEvent;
import dev.duckstring.model.AlertRule;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.TestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which alerts follow from the lines as they are at {@code now} (pure: no I/O, no clock). A line
 * has at most two open incidents: its state (failed, killed or blocked; the event follows the
 * state) and its data age (stale). Each rule that wants the event is told once, again after its
 * {@code renotify} while the incident lasts, and {@code recovered} when it ends.
 */
final class Incidents {
  /** Kinds of incident: a line's trouble state, its data age. */
  static final String STATE = "state";

  static final String STALE = "stale";

  /** An alert carries at most this much of an error (it must fit a pipe's buffer). */
  static final int MAX_ERROR = 4096;

  /**
   * One line as it is now.
   *
   * @param dataAt the freshness of its published data (null: nothing published)
   * @param ageFrom what its data age counts from: {@code dataAt}, else when its version was
   *     deployed (null: unknown, never stale)
   * @param sla the bound on its data age (null: none)
   * @param run the id of its newest run (null: none)
   * @param tests the data tests of its newest run that did not pass (decision 49)
   */
  record Observation(
      LineId line,
      String version,
      LineState state,
      String error,
      Instant dataAt,
      Instant ageFrom,
      Duration sla,
      String run,
      List<TestResult> tests) {
    Observation {
      tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** A line whose newest run has no failing data test. */
    Observation(
        LineId line,
        String version,
        LineState state,
        String error,
        Instant dataAt,
        Instant ageFrom,
        Duration sla,
        String run) {
      this(line, version, state, error, dataAt, ageFrom, sla, run, null);
    }

    /** When its data passed its bound, or null while it is within it (or has none). */
    Instant staleSince(Instant now) {
      if (sla == null || ageFrom == null) {
        return null;
      }
      Instant bound = ageFrom.plus(sla);
      return now.isAfter(bound) ? bound : null;
    }
  }

  /** What a rule was last told of an incident: the event, when, and the how-many-th repeat. */
  record Sent(AlertEvent event, Instant at, int repeat) {}

  /**
   * An open incident of {@code line} (alerts/state.json).
   *
   * @param kind {@link #STATE} or {@link #STALE}
   * @param event what it is now
   * @param since when it began
   * @param sent what each rule (by {@link AlertRule#id}) was told
   */
  record Incident(
      String line,
      String kind,
      AlertEvent event,
      Instant since,
      String error,
      Map<String, Sent> sent) {
    Incident {
      sent = sent == null ? Map.of() : Map.copyOf(sent);
    }
  }

  /** The open incidents: what alerts/state.json holds. */
  record Saved(List<Incident> incidents) {
    static final Saved NONE = new Saved(List.of());

    Saved {
      incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }
  }

  /** One alert for one rule: the JSON object it gets. */
  record Alert(AlertRule rule, Map<String, Object> payload) {
    String event() {
      return String.valueOf(payload.get("event"));
    }

    String line() {
      return String.valueOf(payload.get("line"));
    }
  }

  private final String catchment;
  private Map<String, Incident> open = new LinkedHashMap<>();

  Incidents(String catchment, Saved saved) {
    this.catchment = catchment;
    for (Incident i : saved.incidents()) {
      if (i.line() != null && i.kind() != null && i.event() != null && i.since() != null) {
        open.put(i.line() + " " + i.kind(), i);
      }
    }
  }

  /** True when no incident is open. */
  boolean none() {
    return open.isEmpty();
  }

  /** The open incidents, to save. */
  Saved saved() {
    return new Saved(List.copyOf(open.values()));
  }

  /**
   * The alerts due at {@code now} for {@code lines} under {@code rules}. Incidents of lines not
   * among {@code lines} (undeployed) end without a word.
   */
  List<Alert> observe(Collection<Observation> lines, List<AlertRule> rules, Instant now) {
    List<Alert> out = new ArrayList<>();
    Map<String, Incident> next = new LinkedHashMap<>();
    for (Observation o : lines) {
      step(o, STATE, AlertEvent.ofState(o.state()), now, rules, now, out, next);
      Instant stale = o.staleSince(now);
      step(o, STALE, stale == null ? null : AlertEvent.STALE, stale, rules, now, out, next);
    }
    open = next;
    return out;
  }

  private void step(
      Observation o,
      String kind,
      AlertEvent event,
      Instant since,
      List<AlertRule> rules,
      Instant now,
      List<Alert> out,
      Map<String, Incident> next) {
    String key = o.line() + " " + kind;
    Incident old = open.get(key);
    String pond = o.line().pond();
    if (event == null) {
      if (old != null) {
        for (AlertRule r : rules) {
          if (r.wants(AlertEvent.RECOVERED, pond) && old.sent().containsKey(r.id())) {
            out.add(alert(r, o, AlertEvent.RECOVERED, old, 0, now));
          }
        }
      }
      return;
    }
    String error = kind.equals(STATE) ? o.error() : null;
    Incident now0 =
        old == null
            ? new Incident(o.line().toString(), kind, event, since, error, Map.of())
            : new Incident(old.line(), kind, event, old.since(), error, old.sent());
    Map<String, Sent> sent = new TreeMap<>(now0.sent());
    for (AlertRule r : rules) {
      if (!r.wants(event, pond)) {
        continue;
      }
      Sent s = sent.get(r.id());
      int repeat;
      if (s == null || s.event() != event) {
        repeat = 0;
      } else if (!r.renotify().isZero() && !now.isBefore(s.at().plus(r.renotify()))) {
        repeat = s.repeat() + 1;
      } else {
        continue;
      }
      sent.put(r.id(), new Sent(event, now, repeat));
      out.add(alert(r, o, event, now0, repeat, now));
    }
    next.put(
        key, new Incident(now0.line(), kind, event, now0.since(), now0.error(), Map.copyOf(sent)));
  }

  /** The JSON object of one alert (docs/alerts.md lists the fields). */
  private Alert alert(
      AlertRule rule, Observation o, AlertEvent event, Incident incident, int repeat, Instant now) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("catchment", catchment);
    p.put("pond", o.line().pond());
    p.put("line", o.line().toString());
    p.put("major", o.line().major());
    p.put("version", o.version());
    p.put("event", event.word());
    p.put("incident", incident.event().word());
    p.put("state", o.state().word());
    String error = event == AlertEvent.RECOVERED ? null : incident.error();
    p.put(
        "error",
        error == null || error.length() <= MAX_ERROR
            ? error
            : error.substring(0, MAX_ERROR) + "...");
    p.put("run", o.run());
    p.put("tests", event == AlertEvent.RECOVERED ? List.of() : tests(o.tests()));
    p.put("data_at", o.dataAt() == null ? null : o.dataAt().toString());
    Duration age = o.ageFrom() == null ? null : Duration.between(o.ageFrom(), now);
    p.put("data_age_s", age == null ? null : age.toSeconds());
    p.put("data_age", age == null ? null : Durations.compact(Duration.ofSeconds(age.toSeconds())));
    p.put("sla", o.sla() == null ? null : Durations.compact(o.sla()));
    p.put("since", incident.since().toString());
    p.put("repeat", repeat);
    p.put("time", now.toString());
    p.put("rule", rule.id());
    return new Alert(rule, p);
  }

  /** The failing data tests as an alert carries them, each value of a row cut at 200 chars. */
  private static List<Map<String, Object>> tests(List<TestResult> failing) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TestResult t : failing) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("severity", t.severity().word());
      m.put("origin", t.origin());
      m.put("rows", t.rows());
      m.put("columns", t.columns());
      m.put("sample", t.sample().stream().map(Incidents::cut).toList());
      m.put("error", t.error());
      out.add(m);
    }
    return out;
  }

  private static List<String> cut(List<String> row) {
    List<String> out = new ArrayList<>();
    row.forEach(v -> out.add(v == null || v.length() <= 200 ? v : v.substring(0, 200) + "..."));
    return out;
  }
}
