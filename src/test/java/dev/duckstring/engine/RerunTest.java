package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's force, refresh and repair (reference §5) on the virtual clock. */
final class RerunTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final LineId C = id("c");

  /** a (1 s) -> b (1 s, r1 -> r2) -> c (3 s), all fresh as of T0 after one pulse of c. */
  private static Graph graph() {
    return new Graphs()
        .line("a")
        .ripple("a1")
        .line("b")
        .source("a")
        .ripple("r1")
        .ripple("r2", "r1")
        .line("c")
        .source("b")
        .ripple("c1")
        .build();
  }

  private static Sim chain() {
    Sim sim = new Sim(graph()).duration("c1", 3);
    sim.apply(new Event.Pulse(C));
    sim.runFor(10);
    assertEquals(Sim.T0, sim.view(C).endF());
    return sim;
  }

  @Test
  void forceRunsAnUnchangedPondForRealAtItsFreshnessAndNothingDownstream() {
    Sim sim = chain();
    // Without force, a pulse of b passes: a runs, but its output is unchanged.
    sim.unchanged.add(A);
    sim.apply(new Event.Pulse(B));
    sim.runFor(5);
    Instant f = sim.view(B).endF();
    assertEquals(List.of(new Action.PassRun(B, f)), passes(sim, B));
    sim.log.clear();

    sim.apply(new Event.Force(B));
    assertEquals(LineState.RUNNING, sim.view(B).state());
    sim.runFor(5);
    assertEquals(
        List.of(
            new Action.StartRun(B, f),
            new Action.StartRipple(B, "r1", f),
            new Action.StartRipple(B, "r2", f),
            new Action.Publish(B, f)),
        actions(sim, B));
    PondView b = sim.view(B);
    assertEquals(f, b.endF());
    assertEquals(f, b.startF());
    assertEquals(LineState.IDLE, b.state());
    assertEquals(List.of(), actions(sim, A)); // nothing upstream
    assertEquals(List.of(), actions(sim, C)); // no freshness advance: nothing downstream
  }

  @Test
  void forceOnAnInletStampsNow() {
    Sim sim = chain();
    sim.log.clear();
    Instant now = sim.now;
    sim.apply(new Event.Force(A));
    sim.runFor(5);
    assertEquals(List.of(new Action.StartRun(A, now)), sim.actions(Action.StartRun.class, A));
    assertEquals(now, sim.view(A).endF());
    assertEquals(List.of(), actions(sim, B));
  }

  @Test
  void forceClearsAFailureAndIsHeldWhileTheLineRuns() {
    Sim sim = chain();
    sim.failures.put("c1", Set.of(2));
    sim.apply(new Event.Force(C));
    sim.runFor(5);
    assertEquals(LineState.FAILED, sim.view(C).state());
    sim.log.clear();
    sim.apply(new Event.Force(C));
    sim.apply(new Event.Force(C)); // held while the first forced run runs
    assertEquals(LineState.RUNNING, sim.view(C).state());
    sim.runFor(10);
    assertEquals(
        List.of(new Action.Publish(C, Sim.T0), new Action.Publish(C, Sim.T0)),
        sim.actions(Action.Publish.class, C));
    assertEquals(LineState.IDLE, sim.view(C).state());
    assertEquals(null, sim.view(C).error());
  }

  @Test
  void refreshMarksTheNextRunAsARebuildOnce() {
    Sim sim = chain();
    sim.log.clear();
    sim.apply(new Event.Refresh(B));
    List<Action> first = actions(sim, B);
    assertEquals(new Action.StartRun(B, Sim.T0), first.get(0));
    assertEquals(new Action.Rebuild(B, Sim.T0), first.get(1));
    assertTrue(sim.engine.snapshot().lines().get(B).rerun().rebuildF() != null);
    sim.runFor(5);
    assertEquals(null, sim.engine.snapshot().lines().get(B).rerun());
    sim.log.clear();
    sim.apply(new Event.Force(B));
    sim.runFor(5);
    assertEquals(List.of(), sim.actions(Action.Rebuild.class, B));
    assertEquals(1, sim.actions(Action.Publish.class, B).size());
  }

  @Test
  void aRebuildInFlightIsAnnouncedAgainOnResume() {
    Sim sim = chain();
    sim.apply(new Event.Refresh(B));
    Engine restored = Engine.restore(graph(), sim.engine.snapshot(), Sim::everyTenSeconds);
    List<Action> resumed = restored.resume(sim.now);
    assertEquals(new Action.Rebuild(B, Sim.T0), resumed.get(0));
  }

  @Test
  void repairRefreshesTheLineThenReRunsEachLineDownstreamInOrder() {
    Sim sim = chain();
    sim.log.clear();
    Instant now = sim.now;
    sim.apply(new Event.Repair(A));
    assertEquals(LineState.REPAIRING, sim.view(A).state());
    assertEquals(LineState.REPAIRING, sim.view(B).state());
    assertEquals(LineState.REPAIRING, sim.view(C).state());
    sim.runFor(0.5);
    assertEquals(List.of(), actions(sim, B)); // waits for a
    sim.runFor(20);
    List<Action.StartRun> starts = all(sim, Action.StartRun.class);
    assertEquals(
        List.of(
            new Action.StartRun(A, now), new Action.StartRun(B, now), new Action.StartRun(C, now)),
        starts);
    assertEquals(List.of(new Action.Rebuild(A, now)), sim.actions(Action.Rebuild.class, A));
    assertEquals(List.of(), sim.actions(Action.Rebuild.class, B));
    for (LineId line : List.of(A, B, C)) {
      assertEquals(LineState.IDLE, sim.view(line).state(), line.toString());
      assertEquals(now, sim.view(line).endF(), line.toString());
    }
  }

  @Test
  void aPulseToARepairingLineIsHeldAndRunsOnceTheRepairIsDone() {
    Sim sim = chain();
    sim.log.clear();
    Instant now = sim.now;
    sim.apply(new Event.Repair(A));
    sim.apply(new Event.Pulse(C)); // blocked while repairing: held, not dropped
    assertEquals(List.of(), sim.view(C).targets());
    assertEquals(List.of("push"), sim.view(C).held());
    sim.runFor(20);
    List<Action.StartRun> starts = all(sim, Action.StartRun.class);
    assertEquals(
        List.of(
            new Action.StartRun(A, now), new Action.StartRun(B, now), new Action.StartRun(C, now)),
        starts.subList(0, 3));
    assertTrue(starts.size() > 3, "the held pulse runs after the repair: " + starts);
    assertEquals(List.of(), sim.view(C).held());
    assertEquals(LineState.IDLE, sim.view(C).state());
  }

  @Test
  void repairOfAMiddleLineReRunsItAndItsSinksAtTheirFreshness() {
    Sim sim = chain();
    sim.unchanged.add(B); // even an unchanged output re-runs the Sinks
    sim.log.clear();
    sim.apply(new Event.Repair(B));
    sim.apply(new Event.Repair(C)); // one repair at a time: ignored
    sim.runFor(20);
    assertEquals(
        List.of(new Action.StartRun(B, Sim.T0), new Action.StartRun(C, Sim.T0)),
        all(sim, Action.StartRun.class));
    assertEquals(List.of(new Action.Rebuild(B, Sim.T0)), rebuilds(sim));
    assertEquals(List.of(), actions(sim, A));
    assertEquals(LineState.IDLE, sim.view(C).state());
  }

  @Test
  void aFailureAbandonsTheRepairAndBlocksAsUsual() {
    Sim sim = chain();
    sim.failures.put("r1", Set.of(2));
    sim.log.clear();
    sim.apply(new Event.Repair(B));
    sim.runFor(20);
    assertEquals(LineState.FAILED, sim.view(B).state());
    assertEquals(LineState.BLOCKED, sim.view(C).state());
    assertEquals(List.of(), actions(sim, C));
    sim.apply(new Event.Repair(B)); // a new repair may start
    sim.runFor(20);
    assertEquals(1, sim.actions(Action.Publish.class, C).size());
    assertEquals(LineState.IDLE, sim.view(C).state());
  }

  private static List<Action> rebuilds(Sim sim) {
    return new ArrayList<>(all(sim, Action.Rebuild.class));
  }

  private static <T extends Action> List<T> all(Sim sim, Class<T> type) {
    List<T> result = new ArrayList<>();
    for (Sim.Timed t : sim.log) {
      if (type.isInstance(t.action())) {
        result.add(type.cast(t.action()));
      }
    }
    return result;
  }

  private static List<Action.PassRun> passes(Sim sim, LineId line) {
    return sim.actions(Action.PassRun.class, line);
  }

  private static List<Action> actions(Sim sim, LineId line) {
    List<Action> result = new ArrayList<>();
    for (Sim.Timed t : sim.log) {
      if (line.equals(Sim.lineOf(t.action()))) {
        result.add(t.action());
      }
    }
    return result;
  }
}
