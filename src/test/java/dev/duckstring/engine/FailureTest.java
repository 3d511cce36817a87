package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Failure, blocking of required Sinks, draining and recovery. */
final class FailureTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId C = id("c");

  /** a (1 s) -> b (1 s) -> c (3 s), with d reading b optionally. */
  private static Sim chain() {
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
            .line("d")
            .source("a")
            .optionalSource("b")
            .ripple("d1")
            .build();
    return new Sim(graph).duration("c1", 3);
  }

  @Test
  void failureBlocksRequiredSinksDrainsAndRecoversAfterClear() {
    Sim sim = chain();
    sim.failures.put("b1", Set.of(3));
    sim.apply(new Event.SetTrigger(C, new Trigger.Wave()));
    sim.runFor(20);
    Instant failedAt = Sim.at(6);
    assertEquals(
        List.of(new Action.RunFailed(B, Sim.at(2), "boom in b1")),
        sim.actions(Action.RunFailed.class, B));
    PondView b = sim.view(B);
    assertEquals(LineState.FAILED, b.state());
    assertEquals("boom in b1", b.error());
    assertEquals(0, b.runsInFlight());
    PondView c = sim.view(C);
    assertEquals(LineState.BLOCKED, c.state());
    assertEquals(List.of(B), c.blockedBy());
    assertEquals("blocked by source b@1", c.error());
    // An optional Source never blocks, and blocking flows downstream only.
    assertEquals(LineState.IDLE, sim.view(id("d")).state());
    assertEquals(LineState.IDLE, sim.view(A).state());
    // Drain: c's run started before the failure completed after it; nothing new started since.
    assertTrue(sim.completionTimes(C).contains(Sim.at(8)));
    sim.log.stream()
        .filter(t -> t.at().isAfter(failedAt) && t.action() instanceof Action.StartRun)
        .forEach(t -> assertTrue(false, "started while blocked: " + t));
    // Blocked lines take no new demand.
    sim.apply(new Event.Pulse(C));
    sim.apply(new Event.Tap(B));
    assertTrue(sim.view(C).targets().isEmpty() && !sim.view(B).hasPull());
    // Recovery: clear the failure; the standing Wave resumes and a run fresher than failedF
    // succeeds.
    sim.apply(new Event.Clear(B));
    sim.runFor(20);
    b = sim.view(B);
    assertEquals(null, b.error());
    assertTrue(b.endF().isAfter(Sim.at(2)));
    assertTrue(sim.view(C).endF().isAfter(Sim.at(2)));
    assertTrue(sim.view(C).state() != LineState.BLOCKED);
    assertEquals(List.of(), sim.view(C).blockedBy());
  }

  @Test
  void laterSuccessfulRunFresherThanTheFailureClearsIt() {
    Graph graph =
        new Graphs()
            .line("a")
            .ripple("a1")
            .line("b")
            .source("a")
            .ripple("b1")
            .ripple("b2", "b1")
            .build();
    Sim sim = new Sim(graph);
    sim.failures.put("b2", Set.of(1));
    sim.apply(new Event.Tap(B));
    sim.runFor(20);
    List<Action.RunFailed> failed = sim.actions(Action.RunFailed.class, B);
    assertEquals(1, failed.size());
    PondView b = sim.view(B);
    assertTrue(b.endF().isAfter(failed.get(0).f()), "a pipelined later run completed");
    assertEquals(LineState.IDLE, b.state());
    assertEquals(null, b.error());
    EngineSnapshot.LineState state = sim.engine.snapshot().lines().get(B);
    assertEquals(0, state.failures());
    assertEquals(null, state.failedF());
  }

  @Test
  void publishFailureFailsTheRunAndKeepsEndF() {
    Graph graph = new Graphs().line("a").ripple("a1").build();
    Sim sim = new Sim(graph);
    sim.autoPublish = false;
    sim.apply(new Event.Pulse(A));
    sim.runFor(2);
    assertEquals(List.of(new Action.Publish(A, Sim.T0)), sim.actions(Action.Publish.class, A));
    assertEquals(LineState.RUNNING, sim.view(A).state());
    assertEquals(null, sim.view(A).endF(), "endF waits for Published");
    assertEquals(
        List.of(new Action.RunFailed(A, Sim.T0, "disk full")),
        sim.apply(new Event.PublishFailed(A, Sim.T0, "disk full")));
    assertEquals(LineState.FAILED, sim.view(A).state());
    assertEquals(null, sim.view(A).endF());
  }
}
