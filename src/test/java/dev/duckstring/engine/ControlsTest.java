package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's kill, clear, wake and stop --upstream, and demand held while blocked. */
final class ControlsTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId C = id("c");

  /** a (1 s) -> b (10 s) -> c (1 s). */
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
    return new Sim(graph).duration("b1", 10);
  }

  /** Runs of {@code line} started at or after {@code t}. */
  private static long startsAfter(Sim sim, LineId line, Instant t) {
    return sim.log.stream()
        .filter(
            x ->
                !x.at().isBefore(t)
                    && x.action() instanceof Action.StartRun s
                    && s.line().equals(line))
        .count();
  }

  /** A Sim in which b runs (started at 1 s for freshness 0 s) and is killed at 3 s. */
  private static Sim killedB() {
    Sim sim = chain();
    sim.apply(new Event.Pulse(C));
    sim.runFor(3);
    assertEquals(LineState.RUNNING, sim.view(B).state());
    List<Action> actions = sim.apply(new Event.Kill(B));
    assertEquals(List.of(new Action.RunKilled(B, Sim.T0)), actions);
    return sim;
  }

  @Test
  void killParksTheLineAndBlocksItsRequiredSinks() {
    Sim sim = killedB();
    PondView b = sim.view(B);
    assertEquals(LineState.KILLED, b.state());
    assertEquals("killed by the operator", b.error());
    assertEquals(0, b.runsInFlight());
    assertTrue(b.targets().isEmpty() && !b.hasPull(), "all its demand went");
    PondView c = sim.view(C);
    assertEquals(LineState.BLOCKED, c.state());
    assertEquals(List.of(B), c.blockedBy());
    // The killed Ripple's late report is ignored; nothing of b or c runs, even when asked.
    sim.apply(new Event.Tap(B));
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    assertEquals(null, sim.view(B).endF());
    assertEquals(0, startsAfter(sim, B, Sim.at(3.001)) + startsAfter(sim, C, Sim.at(3.001)));
    assertEquals(LineState.KILLED, sim.view(B).state());
    assertTrue(sim.actions(Action.Publish.class, B).isEmpty());
  }

  @Test
  void killOfARunAwaitingItsPublishKillsItAndIgnoresTheLateAnswer() {
    // Decision 49: the daemon runs the data tests between Publish and its answer.
    Sim sim = chain();
    sim.autoPublish = false;
    sim.apply(new Event.Pulse(C));
    sim.runFor(3);
    assertEquals(List.of(new Action.Publish(A, Sim.T0)), sim.actions(Action.Publish.class, A));
    assertTrue(sim.engine.publishing(A, Sim.T0));
    assertEquals(List.of(new Action.RunKilled(A, Sim.T0)), sim.apply(new Event.Kill(A)));
    assertFalse(sim.engine.publishing(A, Sim.T0));
    assertEquals(List.of(), sim.apply(new Event.Published(A, Sim.T0, true)));
    assertEquals(List.of(), sim.apply(new Event.PublishFailed(A, Sim.T0, "late")));
    PondView a = sim.view(A);
    assertEquals(LineState.KILLED, a.state());
    assertEquals(null, a.endF());
    assertEquals(0, a.runsInFlight());
    assertEquals(LineState.BLOCKED, sim.view(B).state());
  }

  @Test
  void killOfALineThatIsNotRunningChangesNothing() {
    Sim sim = chain();
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    PondView before = sim.view(B);
    assertEquals(List.of(), sim.apply(new Event.Kill(B)));
    assertEquals(before, sim.view(B));
    assertEquals(LineState.IDLE, sim.view(C).state());
  }

  @Test
  void clearResetsAKilledLineAndUnblocksItsSinks() {
    Sim sim = killedB();
    assertEquals(List.of(), sim.apply(new Event.Clear(B)));
    assertEquals(LineState.IDLE, sim.view(B).state());
    assertEquals(null, sim.view(B).error());
    // c keeps the push it held (it waits for b); b itself is idle until the next demand.
    assertEquals(LineState.QUEUED, sim.view(C).state());
    assertEquals(List.of(), sim.view(C).blockedBy());
    sim.runFor(30);
    assertEquals(0, startsAfter(sim, B, Sim.at(3.001)));
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    assertEquals(Sim.at(33), sim.view(C).endF());
    assertEquals(LineState.IDLE, sim.view(B).state());
  }

  @Test
  void clearOfAFineLineChangesNothing() {
    Sim sim = chain();
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    PondView b = sim.view(B);
    assertEquals(List.of(), sim.apply(new Event.Clear(B)));
    assertEquals(b, sim.view(B));
  }

  @Test
  void wakeClearsAFailureAndRunsWithoutPullingTheSources() {
    Sim sim = chain();
    sim.failures.put("b1", Set.of(1));
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    assertEquals(LineState.FAILED, sim.view(B).state());
    assertEquals(LineState.BLOCKED, sim.view(C).state());
    sim.apply(new Event.Wake(B));
    sim.runFor(30);
    PondView b = sim.view(B);
    assertEquals(LineState.IDLE, b.state());
    assertEquals(Sim.T0, b.endF(), "re-run at the freshness its Source has");
    assertEquals(0, startsAfter(sim, A, Sim.at(30)), "a wake never solicits the Sources");
    assertEquals(1, startsAfter(sim, B, Sim.at(30)), sim.log.toString());
    assertEquals(LineState.IDLE, sim.view(C).state());
  }

  @Test
  void wakeIsANoOpWhenTheLineIsCurrent() {
    Sim sim = chain();
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    sim.apply(new Event.Wake(B));
    sim.runFor(30);
    assertEquals(0, startsAfter(sim, B, Sim.at(30)) + startsAfter(sim, A, Sim.at(30)));
    assertEquals(Sim.T0, sim.view(B).endF());
  }

  @Test
  void wakeOfAKilledLineRunsIt() {
    Sim sim = killedB();
    sim.apply(new Event.Wake(B));
    sim.runFor(30);
    assertEquals(Sim.T0, sim.view(B).endF());
    assertEquals(LineState.IDLE, sim.view(B).state());
  }

  @Test
  void stopUpstreamWithdrawsDemandFromEveryAncestor() {
    Sim sim = chain();
    sim.apply(new Event.SetTrigger(A, new Trigger.Tide(Duration.ofHours(1))));
    sim.apply(new Event.Tap(C)); // cold: the pull reaches b and a
    assertTrue(sim.view(B).hasPull());
    Sim plain =
        sim.fork(
            Engine.restore(
                new Graphs()
                    .line("a")
                    .ripple("a1")
                    .line("b")
                    .source("a")
                    .ripple("b1")
                    .line("c")
                    .source("b")
                    .ripple("c1")
                    .build(),
                sim.engine.snapshot(),
                Sim::everyTenSeconds));
    plain.apply(new Event.Stop(C));
    assertTrue(plain.view(B).hasPull(), "a plain stop leaves the ancestors' demand");
    sim.apply(new Event.StopUpstream(C));
    for (LineId line : List.of(A, B, C)) {
      PondView v = sim.view(line);
      assertFalse(v.hasPull(), line + " still pulls");
      assertTrue(v.targets().isEmpty(), line + " still has targets");
    }
    assertEquals(null, sim.view(C).trigger());
    assertEquals(new Trigger.Tide(Duration.ofHours(1)), sim.view(A).trigger(), "its own file's");
    sim.runFor(60);
    assertEquals(null, sim.view(C).endF(), "c never runs");
    assertEquals(0, startsAfter(sim, B, Sim.at(1)));
  }

  @Test
  void demandForABlockedLineIsHeldAndAppliedAfterClear() {
    Sim sim = chain();
    sim.failures.put("b1", Set.of(1));
    sim.apply(new Event.Pulse(C));
    sim.runFor(30);
    assertEquals(LineState.BLOCKED, sim.view(C).state());
    sim.apply(new Event.Pulse(C));
    PondView c = sim.view(C);
    assertEquals(List.of("push"), c.held());
    assertEquals(List.of(Sim.T0), c.targets(), "only the push it held before b failed");
    sim.apply(new Event.Tap(B));
    assertEquals(List.of("pull"), sim.view(B).held());
    sim.runFor(30);
    assertEquals(null, sim.view(C).endF(), "held, not run, while blocked");
    sim.apply(new Event.Clear(B));
    assertEquals(List.of(), sim.view(C).held());
    assertEquals(List.of(), sim.view(B).held());
    sim.runFor(30);
    assertEquals(Sim.at(60), sim.view(C).endF(), "the held pulse ran once the line unblocked");
    assertEquals(LineState.IDLE, sim.view(C).state());
  }
}
