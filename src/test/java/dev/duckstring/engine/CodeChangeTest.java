package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Code is a change (issue 10, item 1): a run of a line whose code is not the code that made its
 * published data is a real run, never a no-change pass; the same code with unchanged Sources
 * passes; a restart keeps which code made the data.
 */
final class CodeChangeTest {
  private static final LineId A = id("a");
  private static final LineId B = id("b");
  private static final Graph.Code V1 = new Graph.Code("0.1.0", "hash-1");
  private static final Graph.Code V2 = new Graph.Code("0.2.0", "hash-2");

  /** Inlet a, and b reading a, b running {@code code}. */
  private static Graph graph(Graph.Code code) {
    Graph plain = new Graphs().line("a").ripple("a1").line("b").source("a").ripple("b1").build();
    Map<LineId, Graph.PondNode> nodes = new LinkedHashMap<>(plain.lines());
    Graph.PondNode b = nodes.get(B);
    nodes.put(B, new Graph.PondNode(B, b.sources(), b.ripples(), code));
    return new Graph(nodes);
  }

  /** b ran once with {@code code}; the Inlet's output never changes after that. */
  private static Sim ranOnce(Graph.Code code) {
    Sim sim = new Sim(graph(code));
    sim.apply(new Event.Pulse(B));
    sim.runFor(10);
    sim.unchanged.add(A);
    assertEquals(1, sim.actions(Action.StartRipple.class, B).size());
    assertEquals(code, sim.view(B).publishedCode());
    assertFalse(sim.view(B).codePending());
    return sim;
  }

  private static void pulse(Sim sim) {
    sim.apply(new Event.Pulse(B));
    sim.runFor(10);
  }

  @Test
  void theSameCodeWithUnchangedSourcesPasses() {
    Sim sim = ranOnce(V1);
    pulse(sim);
    assertEquals(1, sim.actions(Action.StartRipple.class, B).size());
    assertEquals(1, sim.actions(Action.PassRun.class, B).size());
  }

  @Test
  void aNewVersionIsARealRunThenPassesAgain() {
    Sim sim = ranOnce(V1);
    sim.carryOut(sim.engine.updateGraph(graph(V2), sim.now));
    assertTrue(sim.view(B).codePending(), "0.2.0 deployed, 0.1.0's data published");
    assertEquals(V1, sim.view(B).publishedCode());
    pulse(sim);
    assertEquals(2, sim.actions(Action.StartRipple.class, B).size(), "the new code ran");
    assertEquals(List.of(), sim.actions(Action.PassRun.class, B));
    assertEquals(V2, sim.view(B).publishedCode());
    assertFalse(sim.view(B).codePending());
    pulse(sim);
    assertEquals(2, sim.actions(Action.StartRipple.class, B).size());
    assertEquals(1, sim.actions(Action.PassRun.class, B).size(), "now the same code: a pass");
  }

  @Test
  void aRedeployOfTheSameVersionWithOtherFilesIsARealRun() {
    Sim sim = ranOnce(V1);
    sim.carryOut(sim.engine.updateGraph(graph(new Graph.Code("0.1.0", "hash-1b")), sim.now));
    pulse(sim);
    assertEquals(2, sim.actions(Action.StartRipple.class, B).size());
    assertEquals(List.of(), sim.actions(Action.PassRun.class, B));
  }

  @Test
  void brokenNewCodeFailsInsteadOfPassing() {
    Sim sim = ranOnce(V1);
    sim.failures.put("b1", Set.of(2));
    sim.carryOut(sim.engine.updateGraph(graph(V2), sim.now));
    pulse(sim);
    assertEquals(List.of(), sim.actions(Action.PassRun.class, B));
    assertEquals(1, sim.actions(Action.RunFailed.class, B).size());
    assertEquals(V1, sim.view(B).publishedCode(), "the published data is still 0.1.0's");
    assertTrue(sim.view(B).codePending());
  }

  @Test
  void aRunStartedBeforeADeployPublishesTheOldCodesData() {
    Sim sim = ranOnce(V1).duration("b1", 5);
    sim.unchanged.clear();
    sim.apply(new Event.Pulse(B));
    sim.runFor(2); // b1 runs 0.1.0's code
    sim.carryOut(sim.engine.updateGraph(graph(V2), sim.now));
    sim.runFor(10);
    assertEquals(V1, sim.view(B).publishedCode(), "the run carries the code it started with");
    assertTrue(sim.view(B).codePending());
    sim.unchanged.add(A);
    pulse(sim);
    assertEquals(3, sim.actions(Action.StartRipple.class, B).size());
    assertEquals(V2, sim.view(B).publishedCode());
  }

  @Test
  void aRestartKeepsTheCodeThatMadeTheData() {
    Sim sim = ranOnce(V1);
    Sim same = sim.fork(Engine.restore(graph(V1), sim.engine.snapshot(), Sim::everyTenSeconds));
    pulse(same);
    assertEquals(1, same.actions(Action.PassRun.class, B).size(), "same code after a restart");

    Sim other = sim.fork(Engine.restore(graph(V2), sim.engine.snapshot(), Sim::everyTenSeconds));
    assertTrue(other.view(B).codePending(), "0.2.0 deployed while the daemon was down");
    pulse(other);
    assertEquals(List.of(), other.actions(Action.PassRun.class, B));
    assertEquals(1, other.actions(Action.StartRipple.class, B).size());
  }

  @Test
  void aRunInFlightAcrossARestartKeepsItsCode() {
    Sim sim = ranOnce(V1).duration("b1", 5);
    sim.unchanged.clear();
    sim.apply(new Event.Pulse(B));
    sim.runFor(2);
    sim.forgetPending();
    Engine restored = Engine.restore(graph(V1), sim.engine.snapshot(), Sim::everyTenSeconds);
    Sim twin = sim.fork(restored);
    twin.carryOut(restored.resume(twin.now));
    twin.runFor(10);
    assertEquals(V1, twin.view(B).publishedCode());
  }

  @Test
  void aStateSavedWithoutCodeRunsForRealOnce() {
    Sim sim = ranOnce(V1);
    Map<LineId, EngineSnapshot.LineState> old = new LinkedHashMap<>();
    sim.engine.snapshot().lines().forEach((line, s) -> old.put(line, withoutCode(s)));
    Sim upgraded =
        sim.fork(Engine.restore(graph(V1), new EngineSnapshot(old), Sim::everyTenSeconds));
    assertNull(upgraded.view(B).publishedCode());
    assertTrue(upgraded.view(B).codePending(), "which code made the data is unknown");
    pulse(upgraded);
    assertEquals(1, upgraded.actions(Action.StartRipple.class, B).size());
    pulse(upgraded);
    assertEquals(1, upgraded.actions(Action.PassRun.class, B).size());
  }

  /** {@code s} as a build before issue 10 saved it: no code. */
  private static EngineSnapshot.LineState withoutCode(EngineSnapshot.LineState s) {
    return s.withCode(null, null);
  }
}
