package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Retry on change (reference §3, §5): after a failed run, a line with an on-change budget runs
 * again when a Source publishes newer data, up to the budget, and recovers or exhausts it.
 */
final class OnChangeRetryTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId C = id("c");

  /** a -> b -> c, one Ripple each. */
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
            .build();
    return new Sim(graph);
  }

  private static long runs(Sim sim, LineId line) {
    return sim.actions(Action.StartRun.class, line).size();
  }

  @Test
  void aFailedLineRetriesWhenItsSourcePublishesAndRecovers() {
    Sim sim = chain();
    sim.apply(new Event.Budget(B, 2));
    sim.failures.put("b1", Set.of(1));
    sim.apply(new Event.Pulse(C));
    sim.runFor(10);
    assertEquals(LineState.FAILED, sim.view(B).state());
    assertEquals(LineState.BLOCKED, sim.view(C).state());
    assertEquals(2, sim.view(B).onChangeLeft(), "the first failure spends nothing");
    sim.runFor(10);
    assertEquals(1, runs(sim, B), "no Source change, no retry");

    sim.apply(new Event.Pulse(A)); // the Source publishes newer data
    sim.runFor(10);
    PondView b = sim.view(B);
    assertEquals(2, runs(sim, B), "b retried once, on a's new data");
    assertNull(b.error());
    assertEquals(Sim.at(20), b.endF(), "b is fresh to a's new run");
    assertEquals(2, b.onChangeLeft(), "recovery gives the budget back");
    // c's pulse, held while b was failed, is served by b's recovery.
    assertEquals(Sim.at(20), sim.view(C).endF());
    assertEquals(LineState.IDLE, sim.view(C).state());
  }

  @Test
  void retriesStopWhenTheBudgetIsSpent() {
    Sim sim = chain();
    sim.apply(new Event.Budget(B, 1));
    sim.failures.put("b1", Set.of(1, 2, 3));
    sim.apply(new Event.Pulse(B));
    sim.runFor(10);
    sim.apply(new Event.Pulse(A));
    sim.runFor(10);
    assertEquals(2, runs(sim, B), "one retry");
    assertEquals(LineState.FAILED, sim.view(B).state());
    assertEquals(0, sim.view(B).onChangeLeft());
    sim.apply(new Event.Pulse(A));
    sim.runFor(10);
    assertEquals(2, runs(sim, B), "budget spent: no more retries on change");
    assertEquals(3, runs(sim, A));
    // Raising the budget lets the next Source change retry again.
    sim.apply(new Event.Budget(B, 3));
    sim.runFor(1);
    assertEquals(3, runs(sim, B), "a's newer data is already there: the raised budget retries");
    assertEquals(LineState.FAILED, sim.view(B).state(), "third execution fails too");
    assertEquals(1, sim.view(B).onChangeLeft());
  }

  @Test
  void withoutABudgetAFailedLineWaitsForTheOperator() {
    Sim sim = chain();
    sim.failures.put("b1", Set.of(1));
    sim.apply(new Event.Pulse(B));
    sim.runFor(10);
    sim.apply(new Event.Pulse(A));
    sim.runFor(10);
    assertEquals(1, runs(sim, B));
    assertEquals(LineState.FAILED, sim.view(B).state());
  }

  @Test
  void aRetryRunsEvenWhenTheSourceOutputDidNotChange() {
    Sim sim = chain();
    sim.apply(new Event.Budget(B, 1));
    sim.failures.put("b1", Set.of(1));
    sim.apply(new Event.Pulse(B));
    sim.runFor(10);
    sim.unchanged.add(A);
    sim.apply(new Event.Pulse(A));
    sim.runFor(10);
    assertEquals(0, sim.actions(Action.PassRun.class, B).size(), "a retry is never a pass");
    assertEquals(2, sim.actions(Action.StartRipple.class, B).size());
    assertNull(sim.view(B).error());
  }

  @Test
  void anInletNeverRetriesOnChange() {
    Sim sim = chain();
    sim.apply(new Event.Budget(A, 3));
    sim.failures.put("a1", Set.of(1));
    sim.apply(new Event.Pulse(A));
    sim.runFor(30);
    assertEquals(1, runs(sim, A), "an Inlet has no Source to publish: no retry loop");
    assertEquals(LineState.FAILED, sim.view(A).state());
  }
}
