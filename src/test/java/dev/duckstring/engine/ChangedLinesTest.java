package dev.duckstring.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#changed} names every line whose view or saved state changed (decision 60): random
 * events, ticks, Ripple ends, publishes and graph changes on the virtual clock, each followed by a
 * full comparison with the views and states before it.
 */
class ChangedLinesTest {
  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f", "g");

  /** A random graph over NAMES: each line reads up to two earlier ones, some optionally. */
  private static Graph graph(Random rnd, int lines) {
    Graphs g = new Graphs();
    for (int i = 0; i < lines; i++) {
      g.line(NAMES.get(i)).ripple("r1").ripple("r2", "r1");
      for (int s = 0; s < i; s++) {
        int roll = rnd.nextInt(6);
        if (roll == 0) {
          g.source(NAMES.get(s));
        } else if (roll == 1) {
          g.optionalSource(NAMES.get(s));
        }
      }
      if (rnd.nextInt(10) == 0) {
        g.source("gone"); // a missing Source
      }
    }
    return g.build();
  }

  private long named;
  private long lines;

  @Test
  void everyLineWhoseViewOrStateChangedIsNamed() {
    for (long seed = 1; seed <= 60; seed++) {
      run(seed);
    }
    // Not every line every time: what is named is what changed, about (blocks flip whole chains).
    assertTrue(named * 2 < lines, named + " lines named of " + lines);
  }

  private void run(long seed) {
    Random rnd = new Random(seed);
    Instant now = Sim.T0;
    Engine engine = new Engine(graph(rnd, 5), Sim::everyTenSeconds);
    List<Action> pending = new ArrayList<>();
    Map<LineId, Object> before = full(engine);
    assertEquals(before.keySet(), engine.changed(), "a new engine: every line");
    for (int step = 0; step < 400; step++) {
      now = now.plus(Duration.ofMillis(1 + rnd.nextInt(4000)));
      Instant at = now;
      Supplier<List<Action>> event = next(rnd, engine, pending, at);
      String what = "seed " + seed + " step " + step;
      pending.addAll(event.get());
      Map<LineId, Object> after = full(engine);
      Set<LineId> changed = engine.changed();
      named += changed.size();
      lines += after.size();
      Set<LineId> differ = new TreeSet<>();
      for (LineId id : after.keySet()) {
        if (!Objects.equals(before.get(id), after.get(id))) {
          differ.add(id);
        }
      }
      Set<LineId> missed = new TreeSet<>(differ);
      missed.removeAll(changed);
      assertTrue(missed.isEmpty(), what + ": changed but not named: " + missed);
      before = after;
    }
  }

  /** The view and saved state of every line (the views' instant plays no part). */
  private static Map<LineId, Object> full(Engine engine) {
    Map<LineId, Object> all = new HashMap<>();
    Map<LineId, EngineSnapshot.LineState> states = engine.snapshot().lines();
    engine.views(Sim.T0).forEach((id, v) -> all.put(id, List.of(v, states.get(id))));
    return all;
  }

  /** One random thing that happens: an operator's event, a tick, an answer to an action. */
  private static Supplier<List<Action>> next(
      Random rnd, Engine engine, List<Action> pending, Instant now) {
    LineId line = Graphs.id(NAMES.get(rnd.nextInt(5)));
    int roll = rnd.nextInt(30);
    if (roll < 12 && !pending.isEmpty()) {
      Action a = pending.remove(rnd.nextInt(pending.size()));
      Event answer = answer(rnd, a);
      return answer == null ? List::of : () -> engine.apply(answer, now);
    }
    if (roll == 12) {
      Graph g = graph(rnd, 4 + rnd.nextInt(3));
      return () -> engine.updateGraph(g, now);
    }
    Event e =
        switch (roll % 17) {
          case 0 -> new Event.Tap(line);
          case 1 -> new Event.Pulse(line);
          case 2 -> new Event.Kill(line);
          case 3 -> new Event.Wake(line);
          case 4 -> new Event.Stop(line);
          case 5 -> new Event.StopUpstream(line);
          case 6 -> new Event.Clear(line);
          case 7 -> new Event.Retry(line);
          case 8 -> new Event.Force(line);
          case 9 -> new Event.Refresh(line);
          case 10 -> new Event.Repair(line);
          case 11 -> new Event.SetTrigger(line, trigger(rnd));
          case 12 -> new Event.RemoveTrigger(line);
          case 13 -> new Event.Budget(line, rnd.nextInt(3));
          default -> new Event.Tick();
        };
    boolean rerun =
        e instanceof Event.Force || e instanceof Event.Refresh || e instanceof Event.Repair;
    if (rerun && engine.views(now).values().stream().anyMatch(v -> v.endF() == null)) {
      // A forced run over a Source that never published runs at NEVER, which no state can hold.
      return () -> engine.apply(new Event.Pulse(line), now);
    }
    return () -> engine.apply(e, now);
  }

  private static Trigger trigger(Random rnd) {
    return switch (rnd.nextInt(3)) {
      case 0 -> new Trigger.Wave();
      case 1 -> new Trigger.Tide(Duration.ofSeconds(5 + rnd.nextInt(20)));
      default -> new Trigger.Cron("* * * * *", false);
    };
  }

  private static Event answer(Random rnd, Action a) {
    boolean fails = rnd.nextInt(6) == 0;
    if (a instanceof Action.StartRipple s) {
      return fails
          ? new Event.RippleFailed(s.line(), s.ripple(), s.f(), "boom")
          : new Event.RippleCompleted(s.line(), s.ripple(), s.f());
    }
    if (a instanceof Action.Publish p) {
      return fails
          ? new Event.PublishFailed(p.line(), p.f(), "no room")
          : new Event.Published(p.line(), p.f(), rnd.nextBoolean());
    }
    return null;
  }
}
