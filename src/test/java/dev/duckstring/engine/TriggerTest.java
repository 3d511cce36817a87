package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Standing triggers: Wave cadence, Tide bound and throttle, Cron times, Stop and removal. */
final class TriggerTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId C = id("c");

  /** a (1 s) -> b (3 s) -> c (1 s). */
  static Sim abc() {
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
    return new Sim(graph).duration("a1", 1).duration("b1", 3).duration("c1", 1);
  }

  private static List<Double> lastGaps(Sim sim, LineId line, int n) {
    List<Double> gaps = Sim.gaps(sim.completionTimes(line));
    return gaps.subList(Math.max(0, gaps.size() - n), gaps.size());
  }

  @Test
  void waveSettlesToTheBottleneckPeriodWithOneUpstreamRunPerCycle() {
    Sim sim = abc();
    sim.apply(new Event.SetTrigger(C, new Trigger.Wave()));
    sim.runFor(40);
    for (LineId line : List.of(A, B, C)) {
      List<Double> gaps = lastGaps(sim, line, 5);
      assertEquals(5, gaps.size(), line + " completed too rarely");
      gaps.forEach(g -> assertEquals(3.0, g, 1e-9, line + " cadence " + gaps));
    }
    // Upstream runs per downstream run = 1 in the steady state (over the last 30 s).
    Instant from = Sim.at(10);
    long aRuns = sim.completionTimes(A).stream().filter(t -> t.isAfter(from)).count();
    long cRuns = sim.completionTimes(C).stream().filter(t -> t.isAfter(from)).count();
    assertEquals(cRuns, aRuns, 1);
    assertEquals(10, cRuns, 1);
    // Every c run reads one b run which reads one a run: the freshness is a's minted epoch.
    sim.actions(Action.StartRun.class, C)
        .forEach(
            run ->
                assertTrue(
                    sim.actions(Action.StartRun.class, A)
                        .contains(new Action.StartRun(A, run.f()))));
  }

  @Test
  void tideAboveTheBottleneckRunsAtItsBound() {
    Sim sim = abc();
    sim.apply(new Event.SetTrigger(C, new Trigger.Tide(Duration.ofSeconds(7))));
    sim.runFor(60);
    List<Double> gaps = lastGaps(sim, C, 4);
    assertEquals(4, gaps.size());
    gaps.forEach(g -> assertEquals(7.0, g, 1e-9, "cadence " + gaps));
    // Each pulse is one run everywhere: a runs exactly as often as c.
    assertEquals(sim.view(C).runsCompleted(), sim.view(A).runsCompleted(), 1);
  }

  @Test
  void tideBelowTheBottleneckDoesNotPileUpRuns() {
    Sim sim = abc();
    sim.apply(new Event.SetTrigger(C, new Trigger.Tide(Duration.ofSeconds(2))));
    int maxInFlight = 0;
    int maxTargets = 0;
    for (int i = 0; i < 600; i++) {
      sim.runFor(0.1);
      for (PondView v : sim.engine.views(sim.now).values()) {
        maxInFlight = Math.max(maxInFlight, v.runsInFlight());
        maxTargets = Math.max(maxTargets, v.targets().size());
      }
    }
    List<Double> gaps = lastGaps(sim, C, 5);
    assertEquals(5, gaps.size());
    gaps.forEach(g -> assertEquals(3.0, g, 1e-9, "cadence " + gaps));
    // Bounded by pipeline latency / bound (5 s / 2 s), not growing with time.
    assertTrue(maxInFlight <= 3, "runs in flight piled up: " + maxInFlight);
    assertTrue(maxTargets <= 4, "targets piled up: " + maxTargets);
    assertTrue(maxTargets > 1, "pulses should pipeline");
  }

  @Test
  void cronPulsesAtItsFireTimes() {
    Graph graph = new Graphs().line("a").ripple("a1").build();
    Sim sim = new Sim(graph);
    sim.runFor(3);
    sim.apply(new Event.SetTrigger(A, new Trigger.Cron("*/10 * * * * *", false)));
    assertTrue(sim.log.isEmpty(), "setting a cron trigger fires nothing");
    assertEquals(Optional.of(Sim.at(10)), sim.engine.nextWake(sim.now));
    sim.runUntil(Sim.at(35));
    assertEquals(
        List.of(
            new Action.StartRun(A, Sim.at(10)),
            new Action.StartRun(A, Sim.at(20)),
            new Action.StartRun(A, Sim.at(30))),
        sim.actions(Action.StartRun.class, A));
    assertEquals(Optional.of(Sim.at(40)), sim.engine.nextWake(sim.now));
    assertEquals("cron", sim.engine.snapshot().lines().get(A).trigger().kind());
  }

  @Test
  void newTriggerReplacesTheOldAndRemovalLetsHeldDemandDrain() {
    Sim sim = abc();
    sim.apply(new Event.SetTrigger(C, new Trigger.Cron("*/10 * * * * *", false)));
    sim.apply(new Event.SetTrigger(C, new Trigger.Tide(Duration.ofSeconds(100))));
    assertEquals(new Trigger.Tide(Duration.ofSeconds(100)), sim.view(C).trigger());
    assertEquals(List.of(Sim.T0), sim.view(C).targets(), "first tide evaluation fires at once");
    sim.apply(new Event.RemoveTrigger(C));
    assertEquals(null, sim.view(C).trigger());
    sim.runFor(30);
    assertEquals(1, sim.view(C).runsCompleted());
    assertEquals(Sim.T0, sim.view(C).endF());
    assertEquals(Optional.empty(), sim.engine.nextWake(sim.now));
  }

  @Test
  void stopWithdrawsDemandWhileStartedWorkDrains() {
    Sim sim = abc();
    sim.apply(new Event.SetTrigger(C, new Trigger.Wave()));
    sim.runFor(10.5);
    int startedBefore = sim.actions(Action.StartRun.class, C).size();
    boolean cRunning = sim.view(C).state() == LineState.RUNNING;
    sim.apply(new Event.Stop(C));
    PondView c = sim.view(C);
    assertEquals(null, c.trigger());
    assertTrue(!c.hasPull() && c.targets().isEmpty());
    sim.runFor(30);
    assertEquals(startedBefore, sim.actions(Action.StartRun.class, C).size());
    assertEquals(
        cRunning ? 1 : 0,
        sim.view(C).runsCompleted()
            - sim.completionTimes(C).stream().filter(t -> t.isBefore(Sim.at(10.5))).count());
    int settled = sim.log.size();
    sim.runFor(30);
    assertEquals(settled, sim.log.size(), "quiet after draining");
    for (LineId line : List.of(A, B, C)) {
      assertEquals(LineState.IDLE, sim.view(line).state());
    }
    assertEquals(Optional.empty(), sim.engine.nextWake(sim.now));
  }
}
