package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Retry: a line failed for a passing reason runs its failed freshness again, and Sinks follow. */
final class RetryTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId C = id("c");

  private static Sim chain() {
    Graph graph =
        new Graphs()
            .line("a")
            .ripple("a1")
            .line("b")
            .source("a")
            .ripple("b1")
            .ripple("b2", "b1")
            .line("c")
            .source("b")
            .ripple("c1")
            .build();
    return new Sim(graph);
  }

  @Test
  void aPulseWhoseRunFailedIsServedAfterRetryWithoutNewDemand() {
    Sim sim = chain();
    sim.failures.put("b2", Set.of(1));
    sim.apply(new Event.Pulse(C));
    sim.runFor(20);
    assertEquals(1, sim.actions(Action.RunFailed.class, B).size());
    assertEquals(LineState.BLOCKED, sim.view(C).state());
    assertNull(sim.view(C).endF(), "c never ran");

    sim.apply(new Event.Retry(B));
    sim.runFor(20);
    PondView b = sim.view(B);
    assertNull(b.error());
    assertEquals(Sim.T0, b.endF(), "the failed freshness itself was redone");
    assertEquals(Sim.T0, sim.view(C).endF(), "the pulse held by c is served, with no new pulse");
    assertEquals(LineState.IDLE, sim.view(C).state());
    // b1 had completed T0 already: only b2 ran again.
    assertEquals(
        1,
        sim.actions(Action.StartRipple.class, B).stream()
            .filter(s -> s.ripple().equals("b1"))
            .count());
    assertEquals(
        2,
        sim.actions(Action.StartRipple.class, B).stream()
            .filter(s -> s.ripple().equals("b2"))
            .count());
  }

  @Test
  void aFailedInletPulseRunsAgainAtItsFreshness() {
    Sim sim = chain();
    sim.failures.put("a1", Set.of(1));
    sim.apply(new Event.Pulse(A));
    sim.runFor(5);
    assertEquals(
        List.of(new Action.RunFailed(A, Sim.T0, "boom in a1")),
        sim.actions(Action.RunFailed.class, A));
    sim.runFor(5);
    assertEquals(
        1, sim.actions(Action.StartRun.class, A).size(), "a failure alone retries nothing");

    List<Action> actions = sim.apply(new Event.Retry(A));
    assertTrue(actions.contains(new Action.StartRun(A, Sim.T0)), actions.toString());
    sim.runFor(5);
    assertEquals(Sim.T0, sim.view(A).endF());
    assertEquals(LineState.IDLE, sim.view(A).state());
  }

  @Test
  void aFailedPublishIsPublishedAgain() {
    Graph graph = new Graphs().line("a").ripple("a1").build();
    Sim sim = new Sim(graph);
    sim.autoPublish = false;
    sim.apply(new Event.Pulse(A));
    sim.runFor(2);
    sim.apply(new Event.PublishFailed(A, Sim.T0, "No space left on device"));
    assertEquals(LineState.FAILED, sim.view(A).state());

    List<Action> actions = sim.apply(new Event.Retry(A));
    assertEquals(List.of(new Action.StartRun(A, Sim.T0), new Action.Publish(A, Sim.T0)), actions);
    sim.apply(new Event.Published(A, Sim.T0, true));
    assertEquals(Sim.T0, sim.view(A).endF());
    assertNull(sim.view(A).error());
  }

  @Test
  void retryIgnoresHealthyLinesAndWaitsForRunningRipples() {
    Sim sim = chain();
    assertEquals(List.of(), sim.apply(new Event.Retry(A)), "nothing failed");
    Graph graph = new Graphs().line("a").ripple("a1").ripple("a2").build();
    sim = new Sim(graph).duration("a2", 5);
    sim.failures.put("a1", Set.of(1));
    sim.apply(new Event.Pulse(A));
    sim.runFor(2);
    assertEquals(LineState.FAILED, sim.view(A).state());
    assertEquals(List.of(), sim.apply(new Event.Retry(A)), "a2 still runs");
    sim.runFor(5);
    sim.apply(new Event.Retry(A));
    sim.runFor(5);
    assertEquals(Sim.T0, sim.view(A).endF());
    assertEquals(
        1,
        sim.actions(Action.StartRipple.class, A).stream()
            .filter(s -> s.ripple().equals("a2"))
            .count());
  }
}
