package dev.duckstring.engine;

import static org.junit.jupiter.api.Assertions.fail;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A virtual-clock driver: executes StartRipple actions with fixed per-Ripple durations and answers
 * Publish at once with Published (changed unless the line is marked unchanged).
 */
final class Sim {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** One action with the virtual time it was emitted at. */
  record Timed(Instant at, Action action) {}

  private record Due(Instant at, long seq, Event event) {}

  final Engine engine;
  Instant now = T0;
  final Map<String, Duration> durations = new HashMap<>();
  final Set<LineId> unchanged = new HashSet<>();

  /** Ripple name to the executions (1-based) that fail. */
  final Map<String, Set<Integer>> failures = new HashMap<>();

  boolean autoPublish = true;
  final List<Timed> log = new ArrayList<>();
  private final Map<String, Integer> executions = new HashMap<>();
  private final PriorityQueue<Due> due =
      new PriorityQueue<>(
          (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private long seq;

  Sim(Engine engine) {
    this.engine = engine;
  }

  Sim(Graph graph) {
    this(new Engine(graph, Sim::everyTenSeconds));
  }

  /** A test cron: fires on every multiple of ten seconds. */
  static Instant everyTenSeconds(Trigger.Cron cron, Instant after) {
    long s = Math.floorDiv(after.getEpochSecond(), 10) * 10 + 10;
    return Instant.ofEpochSecond(s);
  }

  Sim duration(String ripple, double seconds) {
    durations.put(ripple, Duration.ofMillis(Math.round(seconds * 1000)));
    return this;
  }

  /** Applies {@code event} now, then everything it causes at this instant; returns the actions. */
  List<Action> apply(Event event) {
    List<Action> all = new ArrayList<>();
    Deque<Event> queue = new ArrayDeque<>(List.of(event));
    while (!queue.isEmpty()) {
      List<Action> actions = engine.apply(queue.poll(), now);
      handle(actions, queue);
      all.addAll(actions);
    }
    return all;
  }

  /** Carries out actions from elsewhere (resume, updateGraph) as if the engine had emitted them. */
  void carryOut(List<Action> actions) {
    Deque<Event> queue = new ArrayDeque<>();
    handle(actions, queue);
    while (!queue.isEmpty()) {
      handle(engine.apply(queue.poll(), now), queue);
    }
  }

  private void handle(List<Action> actions, Deque<Event> queue) {
    for (Action action : actions) {
      log.add(new Timed(now, action));
      if (action instanceof Action.StartRipple) {
        Action.StartRipple s = (Action.StartRipple) action;
        int n = executions.merge(s.ripple(), 1, Integer::sum);
        Instant at = now.plus(durations.getOrDefault(s.ripple(), Duration.ofSeconds(1)));
        Event done =
            failures.getOrDefault(s.ripple(), Set.of()).contains(n)
                ? new Event.RippleFailed(s.line(), s.ripple(), s.f(), "boom in " + s.ripple())
                : new Event.RippleCompleted(s.line(), s.ripple(), s.f());
        due.add(new Due(at, seq++, done));
      } else if (action instanceof Action.Publish && autoPublish) {
        Action.Publish p = (Action.Publish) action;
        queue.add(new Event.Published(p.line(), p.f(), !unchanged.contains(p.line())));
      }
    }
  }

  /** Advances virtual time to {@code end}, delivering completions and ticks as they fall due. */
  void runUntil(Instant end) {
    int sameInstant = 0;
    int steps = 0;
    while (true) {
      if (++steps > 200_000) {
        fail("simulation runs away at " + now);
      }
      Instant next = due.isEmpty() ? null : due.peek().at;
      Instant wake = engine.nextWake(now).orElse(null);
      if (wake != null && wake.isBefore(now)) {
        wake = now;
      }
      if (wake != null && (next == null || wake.isBefore(next))) {
        next = wake;
      }
      if (next == null || next.isAfter(end)) {
        now = end;
        return;
      }
      sameInstant = next.equals(now) ? sameInstant + 1 : 0;
      if (sameInstant > 10_000) {
        fail("simulation does not advance at " + now);
      }
      now = next;
      while (!due.isEmpty() && !due.peek().at.isAfter(now)) {
        apply(due.poll().event);
      }
      if (wake != null && !wake.isAfter(now)) {
        apply(new Event.Tick());
      }
    }
  }

  void runFor(double seconds) {
    runUntil(now.plusMillis(Math.round(seconds * 1000)));
  }

  /** A copy driving {@code other} with this simulator's clock, settings and pending completions. */
  Sim fork(Engine other) {
    Sim copy = new Sim(other);
    copy.now = now;
    copy.durations.putAll(durations);
    copy.unchanged.addAll(unchanged);
    copy.failures.putAll(failures);
    copy.executions.putAll(executions);
    copy.autoPublish = autoPublish;
    copy.due.addAll(due);
    copy.seq = seq;
    return copy;
  }

  /** Drops pending completions (a crash: the workers' reports are lost). */
  void forgetPending() {
    due.clear();
  }

  PondView view(LineId line) {
    return engine.views(now).get(line);
  }

  <T extends Action> List<T> actions(Class<T> type, LineId line) {
    List<T> result = new ArrayList<>();
    for (Timed t : log) {
      if (type.isInstance(t.action()) && line.equals(lineOf(t.action()))) {
        result.add(type.cast(t.action()));
      }
    }
    return result;
  }

  /** Times at which {@code line}'s endF advanced (Publish answered, or a pass). */
  List<Instant> completionTimes(LineId line) {
    List<Instant> result = new ArrayList<>();
    for (Timed t : log) {
      boolean done = t.action() instanceof Action.Publish || t.action() instanceof Action.PassRun;
      if (done && line.equals(lineOf(t.action()))) {
        result.add(t.at());
      }
    }
    return result;
  }

  static LineId lineOf(Action action) {
    if (action instanceof Action.StartRun) {
      return ((Action.StartRun) action).line();
    } else if (action instanceof Action.StartRipple) {
      return ((Action.StartRipple) action).line();
    } else if (action instanceof Action.Publish) {
      return ((Action.Publish) action).line();
    } else if (action instanceof Action.PassRun) {
      return ((Action.PassRun) action).line();
    } else if (action instanceof Action.Rebuild) {
      return ((Action.Rebuild) action).line();
    } else if (action instanceof Action.RunKilled k) {
      return k.line();
    }
    return ((Action.RunFailed) action).line();
  }

  /** Gaps in seconds between consecutive instants. */
  static List<Double> gaps(List<Instant> times) {
    List<Double> result = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      result.add(Duration.between(times.get(i - 1), times.get(i)).toMillis() / 1000.0);
    }
    return result;
  }

  static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }
}
