package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Random things that happen to an engine, for tests that compare states or engines after each: an
 * operator's event, a tick, an answer to a pending action, a new graph over the same names.
 */
final class RandomEvents {
  static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f", "g");

  private RandomEvents() {}

  /** A random graph over NAMES: each line reads up to two earlier ones, some optionally. */
  static Graph graph(Random rnd, int lines) {
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

  /** What {@link #next} returns: apply {@code event}, or install {@code graph}; or nothing. */
  record Step(Event event, Graph graph) {
    static final Step NOTHING = new Step(null, null);

    List<Action> on(Engine engine, Instant now) {
      if (event != null) {
        return engine.apply(event, now);
      }
      return graph != null ? engine.updateGraph(graph, now) : List.of();
    }
  }

  /** One random thing that happens: an operator's event, a tick, an answer to an action. */
  static Step next(Random rnd, Engine engine, List<Action> pending, Instant now) {
    LineId line = Graphs.id(NAMES.get(rnd.nextInt(5)));
    int roll = rnd.nextInt(30);
    if (roll < 12 && !pending.isEmpty()) {
      Action a = pending.remove(rnd.nextInt(pending.size()));
      Event answer = answer(rnd, a);
      return answer == null ? Step.NOTHING : new Step(answer, null);
    }
    if (roll == 12) {
      Graph g = graph(rnd, 4 + rnd.nextInt(3));
      return new Step(null, g);
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
      return new Step(new Event.Pulse(line), null);
    }
    return new Step(e, null);
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
