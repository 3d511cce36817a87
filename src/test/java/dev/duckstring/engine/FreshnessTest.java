package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Freshness across joins, optional Sources and unchanged Sources. */
final class FreshnessTest {
  private static final LineId S = id("s");
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId X = id("x");

  /** s -> a, s -> b, x reads a and b; b is slow (3 s). */
  static Sim diamond() {
    Graph graph =
        new Graphs()
            .line("s")
            .ripple("s1")
            .line("a")
            .source("s")
            .ripple("a1")
            .line("b")
            .source("s")
            .ripple("b1")
            .line("x")
            .source("a")
            .source("b")
            .ripple("x1")
            .build();
    return new Sim(graph).duration("b1", 3);
  }

  private static Set<Instant> runFs(Sim sim, LineId line) {
    Set<Instant> fs = new TreeSet<>();
    sim.actions(Action.StartRun.class, line).forEach(r -> fs.add(r.f()));
    return fs;
  }

  @Test
  void diamondJoinTakesOneConsistentFreshness() {
    Sim sim = diamond();
    sim.apply(new Event.Pulse(X));
    sim.runFor(20);
    for (LineId line : List.of(S, A, B, X)) {
      assertEquals(Set.of(Sim.T0), runFs(sim, line), line.toString());
      assertEquals(1, sim.view(line).runsCompleted(), line.toString());
    }
    sim.apply(new Event.SetTrigger(X, new Trigger.Wave()));
    sim.runFor(60);
    // Every join run reads one point in time: a generation of s, the min over its required Sources.
    assertTrue(runFs(sim, X).size() > 5);
    assertTrue(runFs(sim, S).containsAll(runFs(sim, X)));
    PondView x = sim.view(X);
    Instant joinF = x.endF();
    assertTrue(!joinF.isAfter(sim.view(A).endF()) && !joinF.isAfter(sim.view(B).endF()));
  }

  @Test
  void pulseOnJoinRunsItOnceWhileASourceIsWaved() {
    Sim sim = diamond();
    sim.apply(new Event.SetTrigger(B, new Trigger.Wave()));
    sim.runFor(2);
    sim.apply(new Event.Pulse(X));
    sim.runFor(30);
    assertEquals(1, sim.view(X).runsCompleted());
    assertTrue(sim.view(B).runsCompleted() > 5);
  }

  @Test
  void slowOptionalSourceDoesNotSlowTheMainPath() {
    Graph graph =
        new Graphs()
            .line("a")
            .ripple("a1")
            .line("o")
            .ripple("o1")
            .line("x")
            .source("a")
            .optionalSource("o")
            .ripple("x1")
            .build();
    Sim sim = new Sim(graph).duration("o1", 10);
    sim.apply(new Event.Pulse(X));
    sim.runFor(5);
    // Push reaches required Sources only: x is done after a (1 s) + x (1 s); o got nothing.
    assertEquals(List.of(Sim.at(2)), sim.completionTimes(X));
    assertEquals(0, sim.actions(Action.StartRun.class, id("o")).size());
    sim.apply(new Event.SetTrigger(X, new Trigger.Wave()));
    sim.runFor(40);
    // Under a Wave the slow optional Source runs at its own pace; x keeps a's pace.
    long oRuns = sim.view(id("o")).runsCompleted();
    assertTrue(oRuns >= 3 && oRuns <= 5, "o runs " + oRuns);
    Sim.gaps(sim.completionTimes(X)).stream()
        .skip(1)
        .forEach(g -> assertTrue(g <= 2.0, "x waited on its optional Source: " + g));
    assertTrue(sim.view(X).runsCompleted() >= 15);
  }

  @Test
  void unchangedSourcesMakeTheirSinksPass() {
    Graph graph =
        new Graphs()
            .line("a")
            .ripple("a1")
            .line("b")
            .source("a")
            .ripple("b1")
            .line("c")
            .source("b")
            .ripple("c1")
            .build();
    Sim sim = new Sim(graph);
    LineId c = id("c");
    sim.apply(new Event.Pulse(c));
    sim.runFor(10);
    sim.unchanged.add(A);
    sim.apply(new Event.Pulse(c));
    sim.runFor(10);
    Instant second = Sim.at(10);
    // The Inlet always executes; its unchanged output makes b and c pass without executing.
    assertEquals(2, sim.actions(Action.StartRipple.class, A).size());
    assertEquals(1, sim.actions(Action.StartRipple.class, B).size());
    assertEquals(1, sim.actions(Action.StartRipple.class, c).size());
    assertEquals(List.of(new Action.PassRun(B, second)), sim.actions(Action.PassRun.class, B));
    assertEquals(List.of(new Action.PassRun(c, second)), sim.actions(Action.PassRun.class, c));
    assertEquals(2, sim.actions(Action.StartRun.class, c).size());
    for (LineId line : List.of(A, B, c)) {
      assertEquals(second, sim.view(line).endF(), line.toString());
      assertEquals(Sim.T0, sim.view(line).changedF(), line.toString());
      assertEquals(2, sim.view(line).runsCompleted(), line.toString());
    }
    // A change upstream runs the Sinks again.
    sim.unchanged.clear();
    sim.apply(new Event.Pulse(c));
    sim.runFor(10);
    assertEquals(2, sim.actions(Action.StartRipple.class, c).size());
    assertEquals(Sim.at(20), sim.view(c).changedF());
  }
}
