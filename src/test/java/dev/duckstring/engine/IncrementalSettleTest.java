package dev.duckstring.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decision 65: after a run's progress a settle looks only where it touched, and starts exactly what
 * a settle over every line starts, in the same order.
 */
class IncrementalSettleTest {
  @Test
  void startsWhatASettleOverEveryLineStarts() {
    long progress = 0;
    for (long seed = 1; seed <= 200; seed++) {
      Random rnd = new Random(seed);
      Graph graph = RandomEvents.graph(rnd, 5);
      Engine engine = new Engine(graph, Sim::everyTenSeconds);
      Engine everyLine = new Engine(graph, Sim::everyTenSeconds).settlingEveryLine();
      List<Action> pending = new ArrayList<>();
      Instant now = Sim.T0;
      for (int step = 0; step < 400; step++) {
        now = now.plus(Duration.ofMillis(1 + rnd.nextInt(4000)));
        RandomEvents.Step next = RandomEvents.next(rnd, engine, pending, now);
        List<Action> actions = next.on(engine, now);
        String what = "seed " + seed + " step " + step + " " + next;
        assertEquals(next.on(everyLine, now), actions, what);
        assertEquals(everyLine.snapshot(), engine.snapshot(), what);
        assertEquals(everyLine.nextWake(now), engine.nextWake(now), what);
        pending.addAll(actions);
        if (next.event() instanceof Event.RippleCompleted
            || next.event() instanceof Event.RippleFailed
            || next.event() instanceof Event.Published
            || next.event() instanceof Event.PublishFailed) {
          progress++;
        }
      }
    }
    assertTrue(progress > 12_000, "the incremental settles ran " + progress + " times");
  }

  @Test
  void aHopOnALongChainLooksAtAFewLinesAndRunsTheChainAsBefore() {
    int n = 300;
    Graphs g = new Graphs();
    g.line("p0").ripple("t");
    for (int i = 1; i < n; i++) {
      g.line("p" + i).source("p" + (i - 1)).ripple("t");
    }
    Sim sim = new Sim(g.build());
    Sim everyLine = new Sim(new Engine(g.build(), Sim::everyTenSeconds).settlingEveryLine());
    LineId outlet = Graphs.id("p" + (n - 1));
    for (Sim s : List.of(sim, everyLine)) {
      s.duration("t", 0.01);
      s.apply(new Event.Pulse(outlet));
    }
    long before = sim.engine.linesLookedAt();
    long beforeEveryLine = everyLine.engine.linesLookedAt();
    sim.runFor(n * 0.01 + 5);
    everyLine.runFor(n * 0.01 + 5);

    assertEquals(everyLine.log, sim.log);
    assertEquals(1, sim.completionTimes(outlet).size(), "the Outlet published once");
    long perHop = (sim.engine.linesLookedAt() - before) / n;
    long perHopEveryLine = (everyLine.engine.linesLookedAt() - beforeEveryLine) / n;
    assertTrue(perHop <= 8, "a hop looked at " + perHop + " lines");
    assertTrue(perHopEveryLine >= n, "every line each time: " + perHopEveryLine);
  }
}
