package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Single rules: sourceF over optional Sources, the startF guard, nextWake, ignored events. */
final class RulesTest {
  private static final LineId A = id("a");
  private static final LineId X = id("x");

  @Test
  void onlyOptionalSourcesGiveTheFreshestOfThem() {
    Graph graph =
        new Graphs()
            .line("o1")
            .ripple("o1r")
            .line("o2")
            .ripple("o2r")
            .line("x")
            .optionalSource("o1")
            .optionalSource("o2")
            .ripple("x1")
            .build();
    Sim sim = new Sim(graph);
    sim.apply(new Event.Pulse(id("o2")));
    sim.runFor(5);
    sim.apply(new Event.Pulse(id("o1")));
    sim.runFor(5);
    // Both Sources already ran past x's startF, so the pull does not re-arm them.
    sim.apply(new Event.Tap(X));
    sim.runFor(5);
    assertEquals(List.of(new Action.StartRun(X, Sim.at(5))), sim.actions(Action.StartRun.class, X));
    // With no required Source a push reaches the optional ones (else it could never be met).
    sim.apply(new Event.Pulse(X));
    sim.runFor(5);
    assertEquals(Sim.at(15), sim.view(X).endF());
    assertEquals(Sim.at(15), sim.view(id("o1")).endF());
    assertEquals(Sim.at(15), sim.view(id("o2")).endF());
  }

  @Test
  void pullDoesNotRearmASourceAlreadyAhead() {
    Graph graph = new Graphs().line("a").ripple("a1").line("b").source("a").ripple("b1").build();
    Sim sim = new Sim(graph).duration("a1", 5);
    sim.apply(new Event.Pulse(A));
    sim.runFor(1);
    // a already started past b (T0 > NEVER): b's cold pull does not re-arm it; its run will do.
    sim.apply(new Event.Tap(id("b")));
    assertTrue(sim.view(id("b")).hasPull());
    assertTrue(!sim.view(A).hasPull());
    sim.runFor(20);
    assertEquals(Sim.T0, sim.view(id("b")).endF());
    // b's pull-start (at 5 s) re-armed a once: one more generation, minted at that start.
    assertEquals(
        List.of(new Action.StartRun(A, Sim.T0), new Action.StartRun(A, Sim.at(5))),
        sim.actions(Action.StartRun.class, A));
  }

  @Test
  void nextWakeFollowsTheStandingTriggers() {
    Graph graph = new Graphs().line("a").ripple("a1").build();
    Sim sim = new Sim(graph);
    assertEquals(Optional.empty(), sim.engine.nextWake(sim.now));
    sim.apply(new Event.SetTrigger(A, new Trigger.Tide(Duration.ofSeconds(30))));
    assertEquals(Optional.of(Sim.at(30)), sim.engine.nextWake(sim.now));
    sim.runFor(31);
    assertEquals(
        List.of(new Action.StartRun(A, Sim.T0), new Action.StartRun(A, Sim.at(30))),
        sim.actions(Action.StartRun.class, A));
    sim.apply(new Event.SetTrigger(A, new Trigger.Wave()));
    assertEquals(LineState.RUNNING, sim.view(A).state());
    assertEquals(Optional.empty(), sim.engine.nextWake(sim.now), "a running Wave needs no tick");
    sim.apply(new Event.RemoveTrigger(A));
    sim.runFor(5);
    assertEquals(LineState.IDLE, sim.view(A).state());
    assertEquals(Optional.empty(), sim.engine.nextWake(sim.now));
  }

  @Test
  void waveOnAnInstantInletDoesNotSpinWithinOneInstant() {
    Graph graph = new Graphs().line("a").ripple("a1").build();
    Sim sim = new Sim(graph).duration("a1", 0);
    sim.apply(new Event.SetTrigger(A, new Trigger.Wave()));
    sim.runUntil(Sim.T0);
    // The re-tap at T0 is covered by the run at T0; the next one needs time to pass.
    assertEquals(1, sim.view(A).runsCompleted());
    assertEquals(Optional.of(Sim.T0.plusNanos(1)), sim.engine.nextWake(sim.now));
  }

  @Test
  void staleAndUnknownEventsAreIgnored() {
    Graph graph = new Graphs().line("a").ripple("a1").build();
    Sim sim = new Sim(graph);
    assertEquals(List.of(), sim.apply(new Event.Tap(id("nope"))));
    assertEquals(List.of(), sim.apply(new Event.RippleCompleted(A, "a1", Sim.T0)));
    assertEquals(List.of(), sim.apply(new Event.Published(A, Sim.T0, true)));
    assertEquals(List.of(), sim.apply(new Event.RippleFailed(A, "zz", Sim.T0, "x")));
    assertEquals(LineState.IDLE, sim.view(A).state());
    assertEquals(null, sim.view(A).endF());
  }
}
