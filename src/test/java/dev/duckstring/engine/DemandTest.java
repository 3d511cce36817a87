package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Tap and Pulse on cold graphs: run counts, freshness coherence and where demand reaches. */
final class DemandTest {
  private static final LineId P1 = id("p1");
  private static final LineId P2 = id("p2");

  /** p1 (r1, r2 -> r3) -> p2 (s1), every Ripple 1 s. */
  static Graph chain() {
    return new Graphs()
        .line("p1")
        .ripple("r1")
        .ripple("r2")
        .ripple("r3", "r1", "r2")
        .line("p2")
        .source("p1")
        .ripple("s1")
        .build();
  }

  @Test
  void tapOnColdChainRunsInletThreeTimesAndSinkOnce() {
    Sim sim = new Sim(chain());
    sim.apply(new Event.Tap(P2));
    sim.runFor(30);
    assertEquals(3, sim.view(P1).runsCompleted());
    assertEquals(1, sim.view(P2).runsCompleted());
    assertEquals(3, sim.actions(Action.StartRun.class, P1).size());
    assertEquals(1, sim.actions(Action.StartRun.class, P2).size());
    // The Tap's epoch is the first generation everywhere; p2 reads p1's first published run.
    assertEquals(Sim.T0, sim.actions(Action.StartRun.class, P1).get(0).f());
    assertEquals(Sim.T0, sim.view(P2).endF());
    assertEquals(LineState.IDLE, sim.view(P1).state());
    assertEquals(LineState.IDLE, sim.view(P2).state());
    assertEquals(Sim.at(30), sim.now);
  }

  @Test
  void pulseRunsEachLineOnceAtOneFreshness() {
    Sim sim = new Sim(chain());
    sim.runFor(5);
    sim.apply(new Event.Pulse(P2));
    sim.runFor(30);
    assertEquals(
        List.of(new Action.StartRun(P1, Sim.at(5))), sim.actions(Action.StartRun.class, P1));
    assertEquals(
        List.of(new Action.StartRun(P2, Sim.at(5))), sim.actions(Action.StartRun.class, P2));
    assertEquals(Sim.at(5), sim.view(P1).endF());
    assertEquals(Sim.at(5), sim.view(P2).endF());
    assertEquals(Sim.at(5), sim.view(P2).changedF());
    Set<Instant> ripples = new TreeSet<>();
    sim.actions(Action.StartRipple.class, P1).forEach(s -> ripples.add(s.f()));
    sim.actions(Action.StartRipple.class, P2).forEach(s -> ripples.add(s.f()));
    assertEquals(Set.of(Sim.at(5)), ripples);
    assertEquals(
        4,
        sim.actions(Action.StartRipple.class, P1).size()
            + sim.actions(Action.StartRipple.class, P2).size());
  }

  @Test
  void deployRunsNothingAndUndemandedBranchNeverRuns() {
    Graph graph =
        new Graphs()
            .line("a")
            .ripple("a1")
            .line("b")
            .source("a")
            .ripple("b1")
            .line("c")
            .source("a")
            .ripple("c1")
            .line("d")
            .source("b")
            .ripple("d1")
            .build();
    Engine engine = new Engine(new Graphs().line("a").ripple("a1").build(), Sim::everyTenSeconds);
    assertEquals(List.of(), engine.updateGraph(graph, Sim.T0));
    Sim sim = new Sim(engine);
    sim.runFor(10);
    assertTrue(sim.log.isEmpty());
    sim.apply(new Event.Tap(id("d")));
    sim.runFor(30);
    assertEquals(0, sim.actions(Action.StartRun.class, id("c")).size());
    assertEquals(0, sim.view(id("c")).runsCompleted());
    assertEquals(1, sim.view(id("d")).runsCompleted());
    assertTrue(sim.view(id("a")).runsCompleted() >= 1);
  }

  @Test
  void missingSourceBlocksUntilItIsDeployed() {
    Graph without = new Graphs().line("x").source("y").ripple("x1").build();
    Sim sim = new Sim(without);
    sim.apply(new Event.Tap(id("x")));
    PondView x = sim.view(id("x"));
    assertEquals(LineState.BLOCKED, x.state());
    assertEquals(List.of(id("y")), x.missingSources());
    assertEquals("missing source y@1", x.error());
    assertTrue(!x.hasPull());
    assertEquals(List.of("pull"), x.held(), "the tap is held, not dropped");
    Graph with = new Graphs().line("y").ripple("y1").line("x").source("y").ripple("x1").build();
    sim.carryOut(sim.engine.updateGraph(with, sim.now));
    assertEquals(List.of(), sim.view(id("x")).held());
    sim.runFor(10);
    assertEquals(Sim.T0, sim.view(id("x")).endF(), "the held tap ran once y was deployed");
  }

  @Test
  void aLineThatBrieflyLeavesTheGraphKeepsItsFreshness() {
    Graph graph = new Graphs().line("a").ripple("a1").line("b").source("a").ripple("b1").build();
    Sim sim = new Sim(graph);
    sim.apply(new Event.Pulse(id("b")));
    sim.runFor(10);
    PondView before = sim.view(id("a"));
    assertEquals(1, before.runsCompleted());
    // A forced redeploy renames the version aside for a moment: a scan may see no 'a' at all.
    sim.carryOut(
        sim.engine.updateGraph(new Graphs().line("b").source("a").ripple("b1").build(), sim.now));
    assertEquals(List.of(id("a")), sim.view(id("b")).missingSources());
    sim.carryOut(sim.engine.updateGraph(graph, sim.now));
    PondView after = sim.view(id("a"));
    assertEquals(before.endF(), after.endF());
    assertEquals(before.changedF(), after.changedF());
    assertEquals(1, after.runsCompleted());
    assertEquals(LineState.IDLE, sim.view(id("b")).state());
  }
}
